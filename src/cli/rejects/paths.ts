import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { UsageError } from '../cli-error.js';
import type { FileFormat, Input } from '../readers/source.js';

/**
 * How each file this tool writes begins, so that one found at a path is known to be the tool's own:
 * a rejects file (its errors column or field first, after a CSV's BOM), or a log file (this version's,
 * or an earlier one's). Anything else at the path was not written by the tool and is never overwritten.
 */
const OWN_FILE = [
  /^(\uFEFF)?"?_errors"?[,;|\t]/,
  /^\[\s*\{"_errors":/,
  /^\{"_errors":/,
  /^\{\n {2}"written_by": "commercelayer-imports"/,
  /^\{\n {2}"group": ".*",\n {2}"resource_type": /,
];

export interface OutputFile {
  /** The flag that names it, or undefined for a default path. */
  flag: '--rejects' | '--errors';
  path: string;
  given: boolean;
}

/** `<group>.rejects.<ext>`: the extension of the input's name when it has one, else the format's. */
export function defaultRejectsPath(group: string, input: Input, format: FileFormat): string {
  const extension = input.label === 'standard input' ? '' : extname(input.path).toLowerCase();
  return `${group}.rejects${extension || `.${format}`}`;
}

/**
 * Checks, before anything is sent, that the rejects and log files can be written without harm: not
 * the input, not the same file twice, not a file the tool did not write, in a folder that exists.
 * A bad path is a usage error (exit 2).
 */
export async function assertWritablePaths(input: Input, outputs: OutputFile[]): Promise<void> {
  const inputFile = input.label === 'standard input' ? undefined : await identity(input.path);
  const seen = new Map<string, OutputFile>();
  for (const output of outputs) {
    const name = output.given ? `${output.flag} ${output.path}` : `the default ${output.flag === '--rejects' ? 'rejects' : 'log'} file ${output.path}`;
    const choose = output.given ? 'choose another path' : `pass ${output.flag} <file> to choose another path`;
    const full = resolve(output.path);
    const other = seen.get(full);
    if (other) throw new UsageError(`${name} is also where ${other.flag === '--rejects' ? 'the rejects' : 'the log'} would go: ${choose}`, 'import');
    seen.set(full, output);
    const existing = await identity(output.path);
    if (existing !== undefined) {
      if (existing === inputFile) throw new UsageError(`${name} is the input file, which would be overwritten: ${choose}`, 'import');
      if (!(await writtenByThisTool(output.path))) {
        throw new UsageError(`${name} exists and was not written by commercelayer-imports, so it is not overwritten: ${choose}, or move that file`, 'import');
      }
    }
    try {
      await access(dirname(full), constants.W_OK);
    } catch {
      throw new UsageError(`${name}: its folder ${dirname(output.path)} does not exist or cannot be written`, 'import');
    }
  }
}

/** The file's device and inode, the same for every path to it; undefined when nothing is there. */
async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

async function writtenByThisTool(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
      const start = buffer.subarray(0, bytesRead).toString('utf8');
      return OWN_FILE.some((pattern) => pattern.test(start));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
