import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { FileError } from '../cli-error.js';
import { fileChunks } from './source.js';

/** The delimiters --delimiter takes, by what a shell lets a user type. */
export const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', '|': '|', tab: '\t', '\t': '\t', '\\t': '\t' };

export type CsvRecord = Record<string, string>;

export interface CsvScan {
  count: number;
  columns: string[];
}

interface Located {
  record: CsvRecord;
  info: { lines: number };
}

function parserOptions(delimiter: string, label: string): Options {
  return {
    // The header names the columns: each record is an object of strings, as the API reads a CSV file.
    columns: (header: string[]) => checkedHeader(header, label),
    bom: true,
    delimiter,
    skip_empty_lines: true,
    info: true,
  };
}

/** Every record of a CSV byte stream, with the line it ends on; quoted commas, quotes and line breaks, BOM and CRLF as RFC 4180 has them. */
async function* located(chunks: AsyncIterable<Buffer>, delimiter: string, label: string): AsyncGenerator<Located> {
  const parser = parse(parserOptions(delimiter, label));
  const source = Readable.from(chunks);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const item of parser) yield item as Located;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** Reads the file through once: checks every record and counts them. Throws a FileError that says where it broke. */
export async function scanCsv(path: string, label: string, delimiter: string, hash?: Hash): Promise<CsvScan> {
  let count = 0;
  let lastLine = 1;
  let columns: string[] = [];
  try {
    for await (const { record, info } of located(fileChunks(path, hash), delimiter, label)) {
      if (count === 0) columns = Object.keys(record);
      count++;
      lastLine = info.lines;
    }
  } catch (error) {
    throw csvFileError(error, label, count, lastLine);
  }
  return { count, columns };
}

/** The records, streamed: objects of strings keyed by the header. */
export async function* readCsv(path: string, label: string, delimiter: string): AsyncGenerator<CsvRecord> {
  for await (const { record } of located(fileChunks(path), delimiter, label)) yield record;
}

function checkedHeader(header: string[], label: string): string[] {
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name.trim() === '') throw new FileError(label, `column ${index + 1} of the header has no name`, 'line 1');
    if (seen.has(name)) throw new FileError(label, `the header names column "${name}" twice`, 'line 1');
    seen.add(name);
  });
  return header;
}

function csvFileError(error: unknown, label: string, records: number, lastLine: number): FileError {
  if (error instanceof FileError) return error;
  const { code, message, lines, index, column } = error as { code?: string; message?: string; lines?: number; index?: number; column?: string | number | null };
  if (typeof code !== 'string' || !code.startsWith('CSV_')) return new FileError(label, 'cannot be read');
  const record = `record ${records + 1}`;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new FileError(label, `a quoted field opened in ${record} is never closed`, `line ${lastLine + 1}`);
  }
  const field = typeof index === 'number' && code !== 'CSV_RECORD_INCONSISTENT_COLUMNS' ? `, column ${index + 1}${typeof column === 'string' ? ` ("${column}")` : ''}` : '';
  const where = `line ${lines ?? lastLine + 1}${field}`;
  // csv-parse's message, without its own "at line N" / "on line N", which `where` says.
  const reason = (message ?? code).replace(/\s+(at|on) line \d+/, '').replace(/^Invalid Record Length: /, 'wrong number of fields: ');
  return new FileError(label, `${reason} (${record})`, where);
}
