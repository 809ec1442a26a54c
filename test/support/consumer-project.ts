// A throw-away project outside this repository that installs the packed tarball, as a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export interface CommandResult {
  code: number;
  stdout: string;
  /** stdout and stderr together. */
  output: string;
}

export interface ConsumerProject {
  directory: string;
  write(file: string, content: string): Promise<void>;
  /** Runs a command in the project; resolves with its exit code and output, whatever the code. */
  run(command: string, args: string[], env?: Record<string, string>): Promise<CommandResult>;
  /** Runs this repository's TypeScript compiler in the project. */
  tsc(args: string[]): Promise<CommandResult>;
  /** Ends any command still running (a timed-out test leaves them), then deletes the project. */
  remove(): Promise<void>;
}

/**
 * Packs this repository (dist/ must be built) and installs the tarball with `--offline`: its one
 * dependency, openapi-fetch, and @types/node come from the npm cache that `npm ci` filled, so
 * nothing is fetched, yet npm resolves the dependencies from the packed package.json as it would for a user.
 */
export async function createConsumerProject(): Promise<ConsumerProject> {
  const directory = await mkdtemp(join(tmpdir(), 'commercelayer-imports-consumer-'));
  const running = new Set<ChildProcess>();
  const runHere = (cwd: string, command: string, args: string[], env: Record<string, string> = {}) =>
    runIn(running, cwd, command, args, env);
  const project: ConsumerProject = {
    directory,
    write: (file, content) => writeFile(join(directory, file), content),
    run: (command, args, env) => runHere(directory, command, args, env),
    tsc: (args) => runHere(directory, process.execPath, [require.resolve('typescript/bin/tsc'), ...args]),
    async remove() {
      await Promise.all([...running].map((child) => stopChild(child)));
      await rm(directory, { recursive: true, force: true });
    },
  };
  try {
    const packed = await runHere(process.cwd(), 'npm', ['pack', '--json', '--pack-destination', directory]);
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    await project.write('package.json', `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
    const typesNode = JSON.parse(await readFile(require.resolve('@types/node/package.json'), 'utf8')) as { version: string };
    const args = ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${filename}`, `@types/node@${typesNode.version}`];
    const installed = await project.run('npm', args);
    if (installed.code !== 0) {
      throw new Error(`npm install --offline of the tarball failed (is the npm cache filled by npm ci?):\n${installed.output}`);
    }
  } catch (error) {
    await project.remove();
    throw error;
  }
  return project;
}

/** The environment of `npm test` names this repository as npm's prefix: drop it so npm works in the project. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of Object.keys(env)) {
    if (/^npm_(config_(local_)?prefix|package_|lifecycle_)/i.test(name)) delete env[name];
  }
  return env;
}

function runIn(running: Set<ChildProcess>, cwd: string, command: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, output });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGKILL');
  });
}
