import { assertJsonInput } from '../checks/create-checks.js';
import { InputError } from '../errors.js';
import type { ImportInput } from '../types.js';
import type { ImportRecords } from './import-all-types.js';

/** Consecutive records of the source: positions `first` to `last`, 1-based. */
export interface Chunk {
  index: number;
  first: number;
  last: number;
  records: ImportInput[];
}

export interface ChunkReader {
  /**
   * The next chunk, or undefined at the end of the source. Calls are served one at a time, in order;
   * with `after`, the chunk is read from the source only once it settles, so that its records wait in
   * the source, not in memory.
   */
  next(after?: Promise<unknown>): Promise<Chunk | undefined>;
  /** Records read so far. */
  readonly read: number;
  /** True once the source has no more records. */
  readonly ended: boolean;
  /** Lets the source go (closes a file stream, a cursor) when the load stops early. */
  close(): Promise<void>;
}

/**
 * Reads the source a chunk at a time, so that only the chunks being sent are held in memory,
 * whatever the source's size. Each record is checked as it is read.
 */
export function chunkReader(records: ImportRecords, chunkSize: number, check: (record: ImportInput, position: number) => void): ChunkReader {
  const iterator = iteratorOf(records);
  let read = 0;
  let index = 0;
  let ended = false;
  let queue: Promise<unknown> = Promise.resolve();

  async function readChunk(): Promise<Chunk | undefined> {
    const chunk: ImportInput[] = [];
    while (!ended && chunk.length < chunkSize) {
      const step = await iterator.next();
      if (step.done) {
        ended = true;
        break;
      }
      const position = read + 1;
      assertJsonInput(step.value, `Record ${position}`);
      check(step.value, position);
      read = position;
      chunk.push(step.value);
    }
    if (chunk.length === 0) return undefined;
    return { index: index++, first: read - chunk.length + 1, last: read, records: chunk };
  }

  return {
    next(after) {
      const mine = queue.then(() => after).then(readChunk);
      queue = mine.catch(() => {});
      return mine;
    },
    get read() {
      return read;
    },
    get ended() {
      return ended;
    },
    async close() {
      if (!ended) {
        ended = true;
        await iterator.return?.();
      }
    },
  };
}

function iteratorOf(records: ImportRecords): Iterator<ImportInput> | AsyncIterator<ImportInput> {
  const source = records as Partial<AsyncIterable<ImportInput> & Iterable<ImportInput>> | null;
  if (typeof source === 'string' || source === null || typeof source !== 'object') {
    throw new InputError('records must be an array, an iterable or an async iterable of objects');
  }
  if (typeof source[Symbol.asyncIterator] === 'function') return source[Symbol.asyncIterator]!();
  if (typeof source[Symbol.iterator] === 'function') return source[Symbol.iterator]!();
  throw new InputError('records must be an array, an iterable or an async iterable of objects');
}
