import { errorsLogKeyAttribute } from '../records/keys.js';
import type { ImportInput } from '../types.js';


/** What a chunk keeps of its records once sent, to trace its errors back: each record's key value, if any. */
export type ChunkKeys = (string | undefined)[];

export function chunkKeys(resourceType: string, records: readonly ImportInput[]): ChunkKeys {
  const attribute = errorsLogKeyAttribute(resourceType);
  return records.map((record) => {
    const value = record[attribute];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? undefined : String(value);
  });
}

type Errors = Record<string, string[]>;

/** A record that failed: where it is in the whole load, and what the API said of it. */
export interface ImportFailedRecord {
  /** 1-based, counting records as read from the source, across every chunk. */
  position: number;
  /** The chunk's index, from 0 (its import's reference is `<group>-<index + 1>`). */
  chunk: number;
  /** The key the API gave it in its import's errors_log: its key attribute's value, or its place in the chunk. */
  key: string;
  errors: Errors;
}

/** An errors_log entry whose key matches no record of its chunk: reported as the API gave it, never guessed. */
export interface ImportUnmatchedError {
  chunk: number;
  key: string;
  errors: Errors;
}

const messagesOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value == null ? [] : [String(value)]);

/** An entry's messages by attribute: the entry itself when it is that already (no copy: 100,000 failed records stay light). */
function errorsOf(entry: unknown): Errors {
  const isErrors = entry !== null && typeof entry === 'object' && !Array.isArray(entry) &&
    Object.values(entry).every((messages) => Array.isArray(messages) && messages.every((message) => typeof message === 'string'));
  if (isErrors) return entry as Errors;
  const errors: Errors = Object.create(null) as Errors;
  const pairs = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? Object.entries(entry) : [['base', entry] as const];
  for (const [name, messages] of pairs) Object.defineProperty(errors, name, { value: messagesOf(messages), enumerable: true, writable: true, configurable: true });
  return errors;
}

/**
 * The records of one chunk that an errors_log names. A key equal to records' key values names them
 * (several, when the chunk repeats a value); else a whole number names the record at that place in
 * the chunk, when that record has no key value (it is then keyed by place); else it names none.
 */
export interface TracedErrors {
  failed: ImportFailedRecord[];
  unmatched: ImportUnmatchedError[];
}

export function traceErrors(chunk: number, first: number, keys: ChunkKeys, errorsLog: unknown): TracedErrors {
  const failed: ImportFailedRecord[] = [];
  const unmatched: ImportUnmatchedError[] = [];
  if (errorsLog === null || typeof errorsLog !== 'object' || Array.isArray(errorsLog)) return { failed, unmatched };
  const entries = Object.entries(errorsLog);
  if (entries.length === 0) return { failed, unmatched };
  const byKey = new Map<string, number[]>();
  keys.forEach((key, index) => {
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), index]);
  });
  for (const [key, entry] of entries) {
    const errors = errorsOf(entry);
    let places = byKey.get(key);
    if (!places && /^(0|[1-9]\d*)$/.test(key) && Number(key) < keys.length && keys[Number(key)] === undefined) places = [Number(key)];
    if (!places) unmatched.push({ chunk, key, errors });
    else for (const place of places) failed.push({ position: first + place, chunk, key, errors });
  }
  return { failed, unmatched };
}
