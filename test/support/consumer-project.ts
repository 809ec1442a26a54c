// A throw-away project outside this repository that installs the packed tarball, as a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { npmEnv } from './npm-env.js';

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

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Installed {
  name: string;
  version: string;
  folder: string;
}

const require = createRequire(import.meta.url);
const repository = process.cwd();
const tsc = require.resolve('typescript/bin/tsc');

/**
 * Packs this repository (dist/ must be built) and installs the tarball into a fresh project with
 * `npm install --offline` and an npm cache of its own, empty: nothing can come from the network or
 * from a cache that earlier work filled. npm still reads the dependencies from the packed
 * package.json and resolves them as it would for a user; what it resolves them to are tarballs
 * packed here from this repository's node_modules, one per package the tarball needs (its
 * dependencies and theirs, and @types/node with its own for the type-checks). Each is offered
 * through an `overrides` entry keyed by the version installed here, which npm applies only where
 * the packed package.json's range accepts that version: a range node_modules does not satisfy, or a
 * dependency node_modules lacks, sends npm to the registry, which --offline refuses, and the install fails.
 */
export async function createConsumerProject(): Promise<ConsumerProject> {
  const directory = await mkdtemp(join(tmpdir(), 'commercelayer-imports-consumer-'));
  const npmCache = join(directory, '.npm-cache');
  const running = new Set<ChildProcess>();
  const runHere = (cwd: string, command: string, args: string[], env: Record<string, string> = {}) =>
    runIn(running, cwd, command, args, { npm_config_cache: npmCache, ...env });
  const project: ConsumerProject = {
    directory,
    write: (file, content) => writeFile(join(directory, file), content),
    run: (command, args, env) => runHere(directory, command, args, env),
    tsc: (args) => runHere(directory, process.execPath, [tsc, ...args]),
    async remove() {
      await Promise.all([...running].map((child) => stopChild(child)));
      await rm(directory, { recursive: true, force: true });
    },
  };
  try {
    await mkdir(npmCache);
    const packed = await runHere(repository, 'npm', ['pack', '--json', '--pack-destination', directory]);
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const tarball = join(directory, filename);

    // What the tarball itself declares, not the working tree's package.json.
    const manifest = await runHere(directory, 'tar', ['-xzOf', tarball, 'package/package.json']);
    if (manifest.code !== 0) throw new Error(`could not read package.json from ${filename}:\n${manifest.output}`);
    const typesNode = installedFrom(repository, '@types/node', 'a dev dependency of this repository');
    const needed = dependencyClosure([JSON.parse(manifest.stdout) as Manifest, readManifest(typesNode.folder)], [repository, typesNode.folder])
      .filter((dep) => dep.folder !== typesNode.folder);

    const deps = join(directory, 'deps');
    await mkdir(deps);
    const folders = [typesNode, ...needed].map((dep) => dep.folder);
    const depsPacked = await runHere(repository, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', deps, ...folders]);
    if (depsPacked.code !== 0) throw new Error(`npm pack of the dependencies from node_modules failed:\n${depsPacked.output}`);
    const tarballs = new Map((JSON.parse(depsPacked.stdout) as { name: string; version: string; filename: string }[])
      .map((entry) => [`${entry.name}@${entry.version}`, `file:deps/${entry.filename}`]));
    const tarballOf = (dep: Installed) => {
      const spec = tarballs.get(`${dep.name}@${dep.version}`);
      if (!spec) throw new Error(`npm pack did not report a tarball for ${dep.name}@${dep.version}`);
      return spec;
    };

    const overrides = Object.fromEntries(needed.map((dep) => [`${dep.name}@${dep.version}`, tarballOf(dep)]));
    await project.write('package.json', `${JSON.stringify({ name: 'consumer', private: true, type: 'module', overrides }, null, 2)}\n`);
    const args = ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${filename}`, tarballOf(typesNode)];
    const installed = await project.run('npm', args);
    if (installed.code !== 0) {
      throw new Error(
        `npm install --offline of the tarball failed. Its dependencies may only come from this repository's node_modules ` +
          `(offered as ${JSON.stringify(overrides)}): does node_modules hold what the packed package.json asks for?\n${installed.output}`,
      );
    }
  } catch (error) {
    await project.remove();
    throw error;
  }
  return project;
}

/**
 * Every package the given manifests need, transitively, as installed in this repository's
 * node_modules and found the way Node finds them: from each dependent's folder upwards.
 */
function dependencyClosure(roots: Manifest[], rootFolders: string[]): Installed[] {
  const found = new Map<string, Installed>();
  const queue = roots.map((manifest, index) => ({ manifest, folder: rootFolders[index]! }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { manifest, folder } = next;
    const optionalPeers = new Set(Object.entries(manifest.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name));
    const wanted = [
      ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(manifest.peerDependencies ?? {}).map((name) => ({ name, optional: optionalPeers.has(name) })),
      ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ];
    for (const { name, optional } of wanted) {
      const dep = optional ? findInstalled(folder, name) : installedFrom(folder, name, `needed by ${manifest.name}`);
      if (!dep || found.has(`${dep.name}@${dep.version}`)) continue;
      found.set(`${dep.name}@${dep.version}`, dep);
      queue.push({ manifest: readManifest(dep.folder), folder: dep.folder });
    }
  }
  return [...found.values()];
}

function installedFrom(from: string, name: string, why: string): Installed {
  const dep = findInstalled(from, name);
  if (!dep) throw new Error(`${name} (${why}) is not in this repository's node_modules: run npm ci`);
  return dep;
}

function findInstalled(from: string, name: string): Installed | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, 'package.json'))) {
      const { version } = readManifest(candidate);
      return { name, version, folder: candidate };
    }
    if (folder === repository || relative(repository, folder).startsWith('..') || dirname(folder) === folder) return undefined;
  }
}

function readManifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
}

function runIn(running: Set<ChildProcess>, cwd: string, command: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: npmEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
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
