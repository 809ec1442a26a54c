import type { Hash } from 'node:crypto';
import { recordProblem, withoutRejectsField } from './record-check.js';
import { FileError } from '../cli-error.js';
import { fileChunks } from './source.js';
import type { JsonRecord } from './json-array.js';

/** The lines of a byte stream, as UTF-8 text without their \n or \r\n, numbered from 1. */
async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ text: string; line: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let rest: Buffer[] = [];
  let line = 0;
  const text = (parts: Buffer[]) => decoder.decode(Buffer.concat(parts)).replace(/\r$/, '');
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, from)) {
      rest.push(chunk.subarray(from, i));
      yield { text: text(rest), line: ++line };
      rest = [];
      from = i + 1;
    }
    if (from < chunk.length) rest.push(chunk.subarray(from));
  }
  if (rest.length > 0) yield { text: text(rest), line: ++line };
}

class LineError extends Error {
  constructor(message: string, readonly where: string) {
    super(message);
  }
}

/** One JSON object a line; blank lines are skipped. */
async function* ndjsonRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<JsonRecord> {
  let count = 0;
  let line = 0;
  try {
    for await (const next of lines(chunks)) {
      line = next.line;
      if (next.text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(next.text);
      } catch (error) {
        // V8 names the position in most of its messages ("... in JSON at position 12").
        const position = /position (\d+)/.exec((error as Error).message)?.[1];
        throw new LineError('not valid JSON', `line ${line}${position === undefined ? '' : `, column ${Number(position) + 1}`}`);
      }
      count++;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new LineError(`record ${count} is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`, `line ${line}`);
      }
      const record = withoutRejectsField(value as JsonRecord);
      const problem = recordProblem(record);
      if (problem) throw new LineError(`record ${count} ${problem}`, `line ${line}`);
      yield record;
    }
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) throw new LineError('not valid UTF-8', `line ${line + 1}`);
    throw error;
  }
}

export async function scanNdjson(path: string, label: string, hash?: Hash, check?: (record: JsonRecord, number: number) => void): Promise<{ count: number }> {
  let count = 0;
  try {
    for await (const record of ndjsonRecords(fileChunks(path, hash))) {
      count++;
      check?.(record, count);
    }
  } catch (error) {
    if (error instanceof LineError) throw new FileError(label, error.message, error.where);
    throw new FileError(label, 'cannot be read');
  }
  return { count };
}

export const readNdjson = (path: string): AsyncGenerator<JsonRecord> => ndjsonRecords(fileChunks(path));
