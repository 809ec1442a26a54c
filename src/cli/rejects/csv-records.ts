import { fileChunks } from '../readers/source.js';

/** One record of a CSV file as its bytes, without its line ending. */
export interface RawCsvRecord {
  /** 0 for the header, then 1-based, as the load counted records. */
  position: number;
  /** The line it starts on, 1-based. */
  line: number;
  raw: Buffer;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * The header and the records `wanted` names, as the file's own bytes, a batch per 64 KiB read. A
 * record ends at a line feed outside quotes (a quote opens a field only at its start, as the check pass
 * made sure, so quotes pair up); an empty line is no record, as the import's parser skips it. Nothing
 * is decoded or parsed but the records asked for: a million rows leave next to no garbage, and the
 * rows come back exactly as they were.
 */
export async function* csvRecordBatches(path: string, wanted: (position: number) => boolean): AsyncGenerator<RawCsvRecord[]> {
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let position = 0;
  let carry: Buffer[] = [];
  let first = true;
  for await (let chunk of fileChunks(path)) {
    if (first) {
      first = false;
      if (BOM.every((byte, i) => chunk[i] === byte)) chunk = chunk.subarray(3);
    }
    const batch: RawCsvRecord[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF) {
        line++;
        if (quoted) continue;
        // Carried over from the chunk before (once per chunk at most): joined to be looked at.
        const joined = carry.length > 0 ? recordBytes(carry, chunk, start, i) : undefined;
        const end = i > 0 && chunk[i - 1] === CR ? i - 1 : i;
        if (joined ? joined.length > 0 : end > start) {
          if (wanted(position)) batch.push({ position, line: startLine, raw: joined ?? Buffer.from(chunk.subarray(start, end)) });
          position++;
        }
        carry = [];
        start = i + 1;
        startLine = line;
      }
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
    yield batch;
  }
  const rest = Buffer.concat(carry);
  if (rest.length > 0 && !(rest.length === 1 && rest[0] === CR) && wanted(position)) yield [{ position, line: startLine, raw: rest[rest.length - 1] === CR ? rest.subarray(0, -1) : rest }];
}

/** The record's bytes: the part carried over from earlier chunks, then this chunk's up to its line feed (a CR before it dropped). */
function recordBytes(carry: Buffer[], chunk: Buffer, start: number, lf: number): Buffer {
  const whole = Buffer.concat([...carry, chunk.subarray(start, lf)]);
  return whole[whole.length - 1] === CR ? whole.subarray(0, -1) : whole;
}
