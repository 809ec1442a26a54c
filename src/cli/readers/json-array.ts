import type { Hash } from 'node:crypto';
import { recordProblem, withoutRejectsField } from './record-check.js';
import { JSONParser, TokenType } from '@streamparser/json';
import { FileError } from '../cli-error.js';
import { fileChunks, lineColumnAt } from './source.js';

export type JsonRecord = Record<string, unknown>;

/** A parse failure at a byte offset of the file; turned into "line L, column C" by the caller, who can read the file again. */
class JsonAt extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The records of a JSON array, streamed one at a time (never the whole document in memory).
 * Throws JsonAt: the document is not an array, does not parse, or holds an element that is not an object.
 */
async function* arrayRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<JsonRecord> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  let skipped = 0; // a UTF-8 BOM, which the tokenizer does not take
  let first = true;
  let depth = 0;
  let recordStart = 0;
  let lastOffset = 0;
  let count = 0;
  let pending: JsonRecord[] = [];
  let failure: JsonAt | undefined;
  parser.onToken = ({ token, offset }) => {
    lastOffset = offset + skipped;
    if (depth === 0 && token !== TokenType.LEFT_BRACKET) throw new JsonAt('expected an array of records, "[" first', lastOffset);
    if (depth === 1 && token !== TokenType.COMMA && token !== TokenType.RIGHT_BRACKET) recordStart = lastOffset;
    if (token === TokenType.LEFT_BRACKET || token === TokenType.LEFT_BRACE) depth++;
    if (token === TokenType.RIGHT_BRACKET || token === TokenType.RIGHT_BRACE) depth--;
  };
  parser.onValue = ({ value, stack }) => {
    if (stack.length !== 1) return;
    count++;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new JsonAt(`record ${count} is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`, recordStart);
    }
    const record = withoutRejectsField(value as JsonRecord);
    const problem = recordProblem(record);
    if (problem) throw new JsonAt(`record ${count} ${problem}`, recordStart);
    pending.push(record);
  };
  parser.onError = (error) => {
    failure ??= error instanceof JsonAt ? error : new JsonAt(reasonOf(error), positionOf(error, skipped) ?? lastOffset);
  };
  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (chunk.subarray(0, 3).equals(BOM)) [chunk, skipped] = [chunk.subarray(3), 3];
    }
    parser.write(chunk);
    if (failure) throw failure;
    yield* pending;
    pending = [];
  }
  if (first) throw new JsonAt('the file is empty: expected an array of records', 0);
  if (!parser.isEnded) parser.end();
  if (failure) throw failure;
  yield* pending;
}

/** The tokenizer names the absolute byte position of what it could not read. */
function positionOf(error: Error, skipped: number): number | undefined {
  const match = /absolute position "(\d+)"/.exec(error.message);
  return match ? Number(match[1]) + skipped : undefined;
}

function reasonOf(error: Error): string {
  const unexpected = /^Unexpected "(.)"/.exec(error.message);
  if (unexpected) return `unexpected ${JSON.stringify(unexpected[1])}: not valid JSON`;
  if (/ended in (the middle|mid-parsing)/.test(error.message)) return 'the JSON ends too early: the array or a record is not closed';
  const token = /^Unexpected (?:partial )?\w+ \((.*?)\) in state/.exec(error.message)?.[1];
  if (token !== undefined) return `unexpected ${token.length <= 20 ? token : `${token.slice(0, 20)}…`}: not valid JSON`;
  return 'not valid JSON';
}

export interface JsonScan {
  count: number;
}

export async function scanJsonArray(path: string, label: string, hash?: Hash, check?: (record: JsonRecord, number: number) => void): Promise<JsonScan> {
  let count = 0;
  try {
    for await (const record of arrayRecords(fileChunks(path, hash))) {
      count++;
      check?.(record, count);
    }
  } catch (error) {
    if (!(error instanceof JsonAt)) throw new FileError(label, 'cannot be read');
    throw new FileError(label, error.message, await lineColumnAt(path, error.offset));
  }
  return { count };
}

export const readJsonArray = (path: string): AsyncGenerator<JsonRecord> => arrayRecords(fileChunks(path));
