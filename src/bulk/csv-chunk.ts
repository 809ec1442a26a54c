import { InputError } from '../errors.js';
import type { ImportInput } from '../types.js';

/** A CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a delimiter, a quote, a line break or edge spaces. */
function field(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A chunk of records as one CSV text: the header, then a row per record, in the header's order. */
export function csvChunk(columns: readonly string[], records: readonly ImportInput[]): string {
  const lines = [columns.map(field).join(',')];
  for (const record of records) {
    const row = columns.map((name) => field(record[name])).join(',');
    // A lone empty field would be a blank line, which a CSV parser skips: quote it.
    lines.push(row === '' ? '""' : row);
  }
  return `${lines.join('\n')}\n`;
}

/** CSV carries text: a record for a csv load holds string, number, boolean or null values, under the header's names. */
export function assertCsvRecord(record: ImportInput, columns: readonly string[], position: number): void {
  for (const [name, value] of Object.entries(record)) {
    if (!columns.includes(name)) throw new InputError(`Record ${position} has the attribute ${JSON.stringify(name)}, which the CSV header (${columns.join(',')}) does not`);
    if (value !== null && value !== undefined && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new InputError(`Record ${position}'s ${name} is a ${typeof value}: a CSV field holds a string, number, boolean or null`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw new InputError(`Record ${position}'s ${name} is ${value}, which CSV cannot carry`);
  }
}
