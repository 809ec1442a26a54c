import { REJECTS_FIELD } from '../rejects/errors-field.js';

/** A record of a rejects file loaded again: its errors field is the tool's, not the record's, and is not sent. */
export function withoutRejectsField<T extends Record<string, unknown>>(record: T): T {
  if (Object.hasOwn(record, REJECTS_FIELD)) delete record[REJECTS_FIELD];
  return record;
}

/**
 * What importAll would refuse in a parsed record, found in the check pass so that a file is refused
 * before anything is sent, not at the chunk that holds the record: an object without an attribute,
 * or a number JSON cannot carry as it is (`1e400` parses as Infinity).
 */
export function recordProblem(record: Record<string, unknown>): string | undefined {
  if (Object.keys(record).length === 0) return 'is an empty object: a record needs at least one attribute';
  const where = nonFinite(record, '');
  return where === undefined ? undefined : `has a number too large for JSON at ${where.slice(1)}`;
}

function nonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinite(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
