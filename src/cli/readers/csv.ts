import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { FileError } from '../cli-error.js';
import { REJECTS_FIELD } from '../rejects/errors-field.js';
import { fileChunks, lineColumnAt } from './source.js';

/** The delimiters --delimiter takes, by what a shell lets a user type. */
export const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', '|': '|', tab: '\t', '\t': '\t', '\\t': '\t' };

export type CsvRecord = Record<string, string>;

export interface CsvScan {
  count: number;
  columns: string[];
}

function parserOptions(delimiter: string, label: string): Options {
  return {
    // The header names the columns: each record is an object of strings, as the API reads a CSV file.
    // A rejects file's errors column is left out (false skips a column): it is not the record's.
    columns: (header: string[]) => checkedHeader(header, label, delimiter).map((name) => (name === REJECTS_FIELD ? false : name)),
    bom: true,
    delimiter,
    skip_empty_lines: true,
  };
}

/** Every record of a CSV byte stream; quoted commas, quotes and line breaks, BOM and CRLF as RFC 4180 has them. */
async function* csvRecords(chunks: AsyncIterable<Buffer>, delimiter: string, label: string): AsyncGenerator<CsvRecord> {
  const parser = parse(parserOptions(delimiter, label));
  const source = Readable.from(chunks);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const record of parser) yield record as CsvRecord;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** Reads the file through once: checks every record and counts them. Throws a FileError that says where it broke. */
export async function scanCsv(path: string, label: string, delimiter: string, hash?: Hash, check?: (record: CsvRecord, number: number) => void): Promise<CsvScan> {
  let count = 0;
  let columns: string[] = [];
  try {
    for await (const record of csvRecords(strictUtf8(fileChunks(path, hash)), delimiter, label)) {
      if (count === 0) columns = Object.keys(record);
      count++;
      check?.(record, count);
    }
  } catch (error) {
    throw await csvFileError(error, path, label, delimiter, count);
  }
  return { count, columns };
}

/** The records, streamed: objects of strings keyed by the header. */
export async function* readCsv(path: string, label: string, delimiter: string): AsyncGenerator<CsvRecord> {
  yield* csvRecords(fileChunks(path), delimiter, label);
}

/** The delimiters --delimiter takes, as a user types each. */
const OTHER_DELIMITERS: [string, string][] = [[',', ','], [';', '";"'], ['\t', 'tab'], ['|', '"|"']];

function checkedHeader(header: string[], label: string, delimiter: string): string[] {
  // A header of one column holding another delimiter: the file is not comma-separated, and reading it
  // so would send one attribute named "code;name;...". Said, not guessed: the flag reads it.
  const seemsToUse = header.length === 1 ? OTHER_DELIMITERS.filter(([other]) => other !== delimiter && header[0]!.includes(other)) : [];
  if (seemsToUse.length > 0) {
    const [other, flag] = seemsToUse.reduce((a, b) => (header[0]!.split(b[0]).length > header[0]!.split(a[0]).length ? b : a));
    const named = other === '\t' ? 'tabs' : `"${other}"`;
    throw new FileError(label, `the header is one column, ${JSON.stringify(header[0])}: the file seems to separate its fields with ${named}, not ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`}; read it with --delimiter ${flag}`, 'line 1');
  }
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name.trim() === '') throw new FileError(label, `column ${index + 1} of the header has no name`, 'line 1');
    if (seen.has(name)) throw new FileError(label, `the header names column "${name}" twice`, 'line 1');
    seen.add(name);
  });
  return header;
}

/**
 * Where and why the parser stopped. csv-parse's own line numbers count a CRLF inside a quoted field
 * twice, so the line is found from the byte offset it gives instead, counting line feeds only.
 */
async function csvFileError(error: unknown, path: string, label: string, delimiter: string, records: number): Promise<FileError> {
  if (error instanceof FileError) return error;
  const { code, message, bytes, column, index, records: parsed } = error as { code?: string; message?: string; bytes?: number; column?: string | number | null; index?: number; records?: number };
  if (error instanceof Utf8Error) return new FileError(label, 'is not valid UTF-8 (save it as UTF-8)', await lineColumnAt(path, error.offset));
  // csv-parse names most of its errors CSV_..., but not INVALID_OPENING_QUOTE.
  if (typeof code !== 'string' || !(code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE')) return new FileError(label, 'cannot be read');
  // The parser reads ahead of the records consumed: its own count says which record broke.
  const record = `record ${(typeof parsed === 'number' ? parsed : records) + 1}`;
  const field = typeof column === 'string' ? ` ("${column}")` : typeof index === 'number' ? ` (field ${index + 1})` : '';
  if (code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    // The offset is past the record's end: its last line is the one before.
    const where = (await lineColumnAt(path, Math.max(0, (bytes ?? 1) - 1))).replace(/, column \d+$/, '');
    const counts = /length is (\d+), got (\d+)/.exec(message ?? '');
    return new FileError(label, counts ? `${record} has ${counts[2]} fields where the header has ${counts[1]}` : `${record} has another number of fields than the header`, where);
  }
  // The offset is where the field starts, but before its delimiter for any field but the first.
  const where = await lineColumnAt(path, (bytes ?? 0) + (typeof index === 'number' && index > 0 ? Buffer.byteLength(delimiter) : 0));
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new FileError(label, `the quoted field${field} that opens here, in ${record}, is never closed`, where);
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    const got = /got "(.*?)"/.exec(message ?? '')?.[1];
    return new FileError(label, `the quoted field${field} that starts here, in ${record}, has ${got ? JSON.stringify(got) : 'text'} after its closing quote (double a quote inside a quoted field: "")`, where);
  }
  if (code === 'INVALID_OPENING_QUOTE') {
    return new FileError(label, `a field${field} of ${record} holds a quote without being quoted (quote the whole field and double the quote: "5"" screen")`, where);
  }
  // csv-parse's message, without its own line number, which \`where\` gives.
  return new FileError(label, `${(message ?? code).replace(/\s+(at|on) line \d+/, '')} (${record})`, where);
}

/** The byte where a file stops being UTF-8, which the CSV parser would otherwise turn into U+FFFD without a word. */
class Utf8Error extends Error {
  constructor(readonly offset: number) {
    super('not valid UTF-8');
  }
}

/** Passes the bytes on, checking they are UTF-8 (the check pass only: the second pass reads the same bytes). */
async function* strictUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for await (const chunk of chunks) {
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      throw new Utf8Error(offset + firstInvalid(chunk));
    }
    offset += chunk.length;
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    throw new Utf8Error(offset);
  }
}

/** The longest prefix of `chunk` that is UTF-8 so far, found by halving (only once, on the error path). */
function firstInvalid(chunk: Buffer): number {
  let valid = 0;
  let invalid = chunk.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, middle), { stream: true });
      valid = middle;
    } catch {
      invalid = middle;
    }
  }
  return valid;
}
