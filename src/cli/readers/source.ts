import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { FileError } from '../cli-error.js';

export type FileFormat = 'csv' | 'json' | 'ndjson';
export const FILE_FORMATS: readonly FileFormat[] = ['csv', 'json', 'ndjson'];

const BY_EXTENSION: Record<string, { format: FileFormat; delimiter?: string }> = {
  '.csv': { format: 'csv' },
  '.tsv': { format: 'csv', delimiter: '\t' },
  '.json': { format: 'json' },
  '.ndjson': { format: 'ndjson' },
  '.jsonl': { format: 'ndjson' },
};

/** The format a file's extension names, and the delimiter it implies (.tsv); undefined when it names none. */
export function formatOfName(name: string): { format: FileFormat; delimiter?: string } | undefined {
  return BY_EXTENSION[extname(name).toLowerCase()];
}

export interface Input {
  /** A file that can be read more than once: the given file, or standard input saved to a temporary one. */
  path: string;
  /** How messages name it: the path as given, or "standard input". */
  label: string;
  /** Removes the temporary copy of standard input, if any. */
  dispose(): Promise<void>;
}

/** Opens the input: checks that a file is readable, or saves standard input, which can be read only once. */
export async function openInput(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Input> {
  if (file !== '-') {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new FileError(file, 'is not a file');
      await (await open(file, 'r')).close();
    } catch (error) {
      if (error instanceof FileError) throw error;
      const code = (error as { code?: string }).code;
      throw new FileError(file, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read');
    }
    return { path: file, label: file, dispose: async () => {} };
  }
  const directory = await mkdtemp(join(tmpdir(), 'commercelayer-imports-'));
  const path = join(directory, 'stdin');
  // However the process ends (Ctrl-C while the copy is made included), the copy does not stay behind.
  const removeAtExit = () => rmSync(directory, { recursive: true, force: true });
  process.once('exit', removeAtExit);
  const dispose = async () => {
    process.off('exit', removeAtExit);
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await pipeline(stdin, createWriteStream(path, { mode: 0o600 }));
  } catch {
    await dispose();
    throw new FileError('standard input', 'cannot be read');
  }
  return { path, label: 'standard input', dispose };
}

/** The file's bytes, chunk by chunk, each fed to `hash` when given. */
export async function* fileChunks(path: string, hash?: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    hash?.update(chunk as Buffer);
    yield chunk as Buffer;
  }
}

export const contentHash = () => createHash('sha256');

/** "line L, column C" of a byte offset in a file, 1-based, the column counted in characters. */
export async function lineColumnAt(path: string, offset: number): Promise<string> {
  let line = 1;
  let column = 1;
  let decoder = new StringDecoder('utf8');
  let read = 0;
  for await (const chunk of fileChunks(path)) {
    const end = Math.min(chunk.length, offset - read);
    let from = 0;
    for (let i = chunk.indexOf(10); i !== -1 && i < end; i = chunk.indexOf(10, i + 1)) {
      line++;
      column = 1;
      decoder = new StringDecoder('utf8');
      from = i + 1;
    }
    if (end > from) {
      const text = decoder.write(chunk.subarray(from, end));
      column += (line === 1 && column === 1 ? text.replace(/^\uFEFF/, '') : text).length;
    }
    read += chunk.length;
    if (read >= offset) break;
  }
  return `line ${line}, column ${column}`;
}
