// Runs the built command line as a user does: `node dist/cli/main.js ...` in a child process, with
// an environment of its own (no CL_* variable of the machine's, no NO_COLOR unless asked).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const MAIN = join(ROOT, 'dist/cli/main.js');

/**
 * `npm test` builds before vitest runs; a test run on its own needs `npm run build` first. A dist/
 * older than src/cli would test yesterday's command line, so that fails too, with the fix in the message.
 */
export function assertBuilt(): void {
  let built: number;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  }
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)]));
  const newer = sources(join(ROOT, 'src/cli')).filter((file) => statSync(file).mtimeMs > built + 1000);
  if (newer.length > 0) throw new Error(`dist/ is older than ${newer[0]}: run \`npm run build\` first`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  /** Written to standard input, which is then closed; without it, standard input is empty. */
  input?: string | Buffer;
  cwd?: string;
}

/** The environment a test gives the command line: PATH and HOME only, plus its own. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

/** Starts the command line; the caller decides when it ends (for Ctrl-C and kill tests). */
export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult>; output: () => string } {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin!.on('error', () => {});
  child.stdin!.end(options.input ?? '');
  const done = new Promise<CliResult>((resolveDone) => child.once('close', (code, signal) => resolveDone({ code, signal, stdout, stderr })));
  return { child, done, output: () => stdout + stderr };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Resolves once `predicate` holds for the output so far; rejects after `timeoutMs`. */
export async function waitForOutput(output: () => string, predicate: (text: string) => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate(output())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for output; so far:\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A scratch directory, removed by the returned function. */
export function scratchDir(): { dir: string; file: (name: string, content: string | Buffer) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
  return {
    dir,
    /** Writes a file in the scratch directory; resolves to its path. */
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** CSV of SKU rows whose names hold a comma, a doubled quote and a line break: the cases a naive split breaks. */
export function skuRows(count: number, prefix = 'SKU'): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `${prefix}-${String(i + 1).padStart(6, '0')}`,
    name: i % 3 === 0 ? `Shirt, size ${i % 7}` : i % 3 === 1 ? `The "classic" ${i}` : `Two\nlines ${i}`,
    // The simulated organization's seeded shipping category: the simulator checks references.
    shipping_category_id: 'nBAvrhRZBl',
  }));
}

export function toCsv(rows: Record<string, string>[], newline = '\n'): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const header = Object.keys(rows[0]!);
  return [header.join(','), ...rows.map((row) => header.map((name) => quote(row[name]!)).join(','))].join(newline) + newline;
}
