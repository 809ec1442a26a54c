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
