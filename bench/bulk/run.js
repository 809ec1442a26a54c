// `npm run bench:bulk`: bulk loads through client.importAll beside @commercelayer/sdk-utils's executeImport,
// on the same simulator settings and the same records, against the limit the API itself sets.
// 1. Makespan of 400,000 skus (40 chunks of 10,000, concurrency 10) with long imports (1,000 inputs/s:
//    10 s per chunk) and short ones (5,000 inputs/s: 2 s), the simulator's test-environment rate
//    limits on, over the ideal client's makespan (bench/bulk/ideal.js); requests, 429s, response bytes.
//    Then the short ones again under the live limits (twice test's), the client told so by its token.
//    Each load runs on a fresh simulator in a process of its own, the client in another.
// 2. Peak RSS of a process streaming 100,000 and 1,000,000 records from a generated NDJSON file into
//    importAll (the simulator in another process, fast and without rate limits).
// 3. The bytes the library's main entry grew by, as the size guard counts them.
// 4. Peak RSS of the command line loading 1,000,000 CSV rows of which 100,000 fail, writing them to
//    its rejects file (bench/bulk/rejects.js).
// Builds dist/ first (BENCH_SKIP_BUILD=1 skips it), then runs every part on a copy of that build taken
// at the start (in a temporary folder, with this checkout's node_modules linked beside it), so that a
// rebuild of dist/ during the run, by a test run in the same checkout, cannot swap the code measured.
// BENCH_BULK_ONLY=makespan|memory|size|rejects runs one part and writes no results file; BENCH_BULK_LOADS=short-live
// (names, comma-separated) runs only those makespan loads, and writes none either. Prints the table;
// writes bench/bulk-results.json.
import { fork, spawn } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { idealSchedule } from './ideal.js';
import { record } from './records.js';
import { measureRejects } from './rejects.js';
import { report } from './report.js';
import { entrySizes } from './size.js';
import { analyse } from './timeline.js';
import { run } from '../process.js';

const ROOT = here('../..');
const RECORDS = 400_000;
const CHUNK = 10_000;
const CONCURRENCY = 10;
// Live organizations allow twice test's requests (docs.commercelayer.io/core/rate-limits): imports
// are cacheable, reads 1,000 a minute and 250 per 10 s, writes 200 and 50. The live load's client
// learns it from its token's `test: false` claim, as it would from Commerce Layer's.
const LIVE_RATE_LIMITS = {
  reads: { perMinute: 1000, perBurst: 250, burstSeconds: 10 },
  writes: { perMinute: 200, perBurst: 50, burstSeconds: 10 },
};
const LOADS = [
  { name: 'long', label: 'long imports (10 s per 10,000 inputs)', inputsPerSecond: 1000, target: 1.05, environment: 'test' },
  { name: 'short', label: 'short imports (2 s per 10,000 inputs)', inputsPerSecond: 5000, target: 1.1, environment: 'test' },
  { name: 'short-live', label: 'short imports (2 s per 10,000 inputs) under the live limits', inputsPerSecond: 5000, target: 1.1, environment: 'live' },
].filter((load) => !process.env.BENCH_BULK_LOADS || process.env.BENCH_BULK_LOADS.split(',').includes(load.name));
const CLIENTS = [
  { name: 'ours', label: 'client.importAll' },
  { name: 'sdk-utils', label: '@commercelayer/sdk-utils 4.0.0 executeImport' },
];
const MEMORY_SIZES = [100_000, 1_000_000];
const MEMORY_SIMULATOR = { inputsPerSecond: 2_000_000, rateLimits: false };
const only = process.env.BENCH_BULK_ONLY;

const started = Date.now();
if (process.env.BENCH_SKIP_BUILD !== '1') run(process.execPath, [join(ROOT, 'scripts/build.js')], ROOT);
const BUILD = snapshotBuild();
const CHILD_ENV = { ...process.env, BENCH_BULK_DIST: pathToFileURL(join(BUILD, 'dist')).href };
const { TEST_RATE_LIMITS } = await import(pathToFileURL(join(BUILD, 'dist/simulator/index.js')).href);

const results = { date: new Date().toISOString(), node: process.version, cores: os.availableParallelism?.() ?? os.cpus().length, cpu: os.cpus()[0]?.model };
try {
  if (!only || only === 'makespan') results.makespan = await makespans();
  if (!only || only === 'memory') results.memory = await memory();
  if (!only || only === 'rejects') {
    const dir = mkdtempSync(join(os.tmpdir(), 'bench-rejects-'));
    try {
      results.rejects = await measureRejects({ dir, build: BUILD, env: CHILD_ENV, startHost });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!only || only === 'size') {
    console.log('size: the main entry now and before the bulk work...');
    results.size = entrySizes(ROOT, BUILD);
  }
} finally {
  rmSync(BUILD, { recursive: true, force: true });
}
results.loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
results.seconds = Math.round((Date.now() - started) / 1000);
report(results, only || process.env.BENCH_BULK_LOADS ? undefined : here('../bulk-results.json'));

/** dist/ as just built, copied (without the rendered docs) beside package.json and a link to node_modules. */
function snapshotBuild() {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-bulk-build-'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (source) => source !== join(ROOT, 'dist', 'docs') });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const file of ['dist/index.js', 'dist/simulator/index.js']) {
    if (!existsSync(join(dir, file))) throw new Error(`${file} is missing after the build (another build in this checkout may have cleared dist/): run again`);
  }
  return dir;
}

async function makespans() {
  const out = [];
  for (const load of LOADS) {
    const chunks = Array.from({ length: Math.ceil(RECORDS / CHUNK) }, (_, i) => Math.min(CHUNK, RECORDS - i * CHUNK));
    const limits = load.environment === 'live' ? LIVE_RATE_LIMITS : TEST_RATE_LIMITS;
    const simulator = { inputsPerSecond: load.inputsPerSecond, rateLimits: limits };
    const ideal = idealSchedule({ chunks, concurrency: CONCURRENCY, maxRunning: 10, inputsPerSecond: load.inputsPerSecond, writes: limits.writes });
    const entry = { ...load, records: RECORDS, chunks: chunks.length, concurrency: CONCURRENCY, simulator: { ...simulator, maxRunning: 10 }, idealMs: ideal.makespanMs, idealCreatesMs: ideal.creates, clients: {} };
    for (const client of CLIENTS) {
      console.log(`${load.name} imports, ${client.label}: ${RECORDS.toLocaleString('en')} records...`);
      const host = await startHost(simulator);
      try {
        const child = await runChild(join(here('.'), 'load-child.js'), [client.name, host.url, String(RECORDS), String(CONCURRENCY), load.environment]);
        const seen = await host.report();
        const analysis = analyse(child, seen, { slots: CONCURRENCY, writes: limits.writes, idealMs: ideal.makespanMs });
        entry.clients[client.name] = { label: client.label, ...(child.error ? { error: child.error } : { result: child.result }), ...analysis };
        console.log(`  ${(analysis.makespanMs / 1000).toFixed(1)} s (${analysis.ratio}x the limit), ${analysis.requests} requests, ${analysis.throttled429} 429s${child.error ? `; failed: ${child.error}` : ''}`);
      } finally {
        await host.close();
      }
    }
    out.push(entry);
  }
  return out;
}

async function memory() {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-bulk-'));
  try {
    const out = [];
    for (const count of MEMORY_SIZES) {
      const file = join(dir, `skus-${count}.ndjson`);
      await writeNdjson(file, count);
      console.log(`memory: ${count.toLocaleString('en')} records streamed from NDJSON...`);
      const host = await startHost(MEMORY_SIMULATOR);
      try {
        const measured = await runChild(join(here('.'), 'stream-child.js'), [host.url, file, String(CONCURRENCY)]);
        if (measured.read !== count || measured.imported !== count) throw new Error(`the ${count}-record run read ${measured.read} and imported ${measured.imported}`);
        out.push({ records: count, concurrency: CONCURRENCY, ...measured });
        console.log(`  peak RSS ${(measured.peakRssBytes / 2 ** 20).toFixed(1)} MiB in ${measured.seconds} s`);
      } finally {
        await host.close();
        rmSync(file, { force: true });
      }
    }
    return { simulator: MEMORY_SIMULATOR, runs: out, ratio: Math.round((out[1].peakRssBytes / out[0].peakRssBytes) * 1000) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeNdjson(file, count) {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(file);
    stream.on('error', reject);
    let n = 0;
    const write = () => {
      let ok = true;
      while (n < count && ok) {
        n++;
        ok = stream.write(`${JSON.stringify(record(n))}\n`);
      }
      if (n < count) stream.once('drain', write);
      else stream.end(resolve);
    };
    write();
  });
}

/** A fresh simulator in its own process. */
function startHost(options) {
  const child = fork(join(here('.'), 'simulator-host.js'), [JSON.stringify(options)], { env: CHILD_ENV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the simulator's process exited with ${code}`)));
    child.once('message', ({ url }) => resolve({
      url,
      report: () => new Promise((answer) => {
        child.once('message', answer);
        child.send('report');
      }),
      close: async () => {
        if (child.connected) child.send('close');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5000).unref())]);
        if (child.exitCode === null) child.kill();
      },
    }));
  });
}

/** Runs a measured child to its end; resolves to the JSON line it prints. */
function runChild(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args[0]} exited with ${code}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch {
        reject(new Error(`${script} printed no result: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

function here(path) {
  return fileURLToPath(new URL(path, import.meta.url));
}
