// The line each of some CSV records starts on. The check pass counts records only (csv-parse's
// per-record info costs about half as much time again); this second pass runs only when records
// were found invalid, and only as far as the last of them.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { fileChunks } from './source.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Where each record starts, by byte: the end of the record before it (csv-parse's `info.bytes`,
 * which counts a BOM as the file does). Its own line numbers count a CRLF inside a quoted field twice.
 */
async function recordOffsets(path: string, delimiter: string, wanted: ReadonlySet<number>, last: number): Promise<Map<number, number>> {
  const parser = parse({ columns: false, info: true, bom: true, delimiter, skip_empty_lines: true });
  const source = Readable.from(fileChunks(path));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const offsets = new Map<number, number>();
  let record = 0; // the header is record 0
  let end = 0;
  try {
    for await (const { info } of parser as AsyncIterable<{ info: { bytes: number } }>) {
      if (wanted.has(record)) offsets.set(record, end);
      end = info.bytes;
      if (++record > last) break;
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  return offsets;
}

/** The 1-based line of the first byte at or after each offset that is not a line break (csv-parse skips empty lines). */
async function linesAt(path: string, offsets: readonly number[]): Promise<number[]> {
  const lines: number[] = [];
  let line = 1;
  let position = 0; // of the chunk's first byte
  let next = 0; // index into offsets
  let skipping = false; // past the current offset, stepping over empty lines
  for await (const chunk of fileChunks(path)) {
    let at = 0;
    while (next < offsets.length && at < chunk.length) {
      if (!skipping) {
        const target = offsets[next]! - position;
        if (target >= chunk.length) break;
        // Line feeds before the target, counted natively.
        for (let lf = chunk.indexOf(LF, at); lf !== -1 && lf < target; lf = chunk.indexOf(LF, lf + 1)) line++;
        at = Math.max(at, target);
        skipping = true;
      }
      const byte = chunk[at]!;
      if (byte === LF) line++;
      if (byte === LF || byte === CR) {
        at++;
        continue;
      }
      lines.push(line);
      next++;
      skipping = false;
    }
    // Line feeds after the last offset looked for in this chunk.
    if (!skipping) for (let lf = chunk.indexOf(LF, at); lf !== -1; lf = chunk.indexOf(LF, lf + 1)) line++;
    position += chunk.length;
    if (next >= offsets.length) break;
  }
  while (lines.length < offsets.length) lines.push(line);
  return lines;
}

/** The line each record (by its 1-based number) starts on. */
export async function csvRecordLines(path: string, delimiter: string, records: readonly number[]): Promise<Map<number, number>> {
  if (records.length === 0) return new Map();
  const sorted = [...new Set(records)].sort((a, b) => a - b);
  const offsets = await recordOffsets(path, delimiter, new Set(sorted), sorted.at(-1)!);
  const found = sorted.filter((record) => offsets.has(record));
  const lines = await linesAt(path, found.map((record) => offsets.get(record)!));
  return new Map(found.map((record, i) => [record, lines[i]!]));
}
