import type { ImportInput } from '../../index.js';
import { FileError } from '../cli-error.js';
import { readCsv, scanCsv } from './csv.js';
import { readJsonArray, scanJsonArray } from './json-array.js';
import { readNdjson, scanNdjson } from './ndjson.js';
import { contentHash, type FileFormat, type Input } from './source.js';

export interface Scan {
  /** How many records the file holds. */
  count: number;
  /** CSV only: the header, in order. */
  columns?: string[];
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/** Called by the first pass with each record and its 1-based number: the records' rules (invalid-records.ts). */
export type RecordCheck = (record: Record<string, unknown>, number: number) => void;

/**
 * The first pass: reads the whole file once, streamed, to check every record, count them and hash
 * the bytes. Throws a FileError (exit 2) saying where the file broke; nothing is sent before this ends.
 */
export async function scanFile(input: Input, format: FileFormat, delimiter: string, check?: RecordCheck): Promise<Scan> {
  const hash = contentHash();
  const scanned =
    format === 'csv'
      ? await scanCsv(input.path, input.label, delimiter, hash, check)
      : format === 'json'
        ? await scanJsonArray(input.path, input.label, hash, check)
        : await scanNdjson(input.path, input.label, hash, check);
  if (scanned.count === 0) throw new FileError(input.label, 'holds no records');
  return { ...scanned, sha256: hash.digest('hex') };
}

/** The second pass: the records, streamed, for importAll. */
export function readRecords(input: Input, format: FileFormat, delimiter: string): AsyncIterable<ImportInput> {
  if (format === 'csv') return readCsv(input.path, input.label, delimiter);
  if (format === 'json') return readJsonArray(input.path);
  return readNdjson(input.path);
}
