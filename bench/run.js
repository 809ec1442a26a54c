// `npm run bench`: the client's cost over raw fetch, measured side by side against one local server.
// Builds dist/ (BENCH_SKIP_BUILD=1 skips it), forks bench/server.js, then measures four ways of sending the
// seed's PATCH, interleaved so that drift on a shared machine hits all of them alike: sequential calls
// alternate A B C D A B C D ..., and batches of 64 in flight take turns, in a rotating order each round.
// This file is also its own child process: `heap <origin>` (with --expose-gc) and `import <module>`.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { quantile, report, round } from './report.js';
import { run } from './process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 75);
const SEQUENTIAL_PER_ROUND = 100;
const IN_FLIGHT = 64;
const CONCURRENT_PER_ROUND = IN_FLIGHT * 8;
const WARMUP_CALLS = 1500;
const HEAP_CALLS = Number(process.env.BENCH_HEAP_CALLS ?? 100_000);
const IMPORT_SAMPLES = 7;
const TOKEN = 'bench-token';
const IMPORT_ID = 'xYZkjABcde';
const JSON_API = 'application/vnd.api+json';
const ATTRIBUTES = { reference: 'ANY-EXTERNAL-REFEFERNCE' };

const [mode, argument] = process.argv.slice(2);
if (mode === 'heap') await heapChild(argument);
else if (mode === 'import') await importChild(argument);
else await main();

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') run(process.execPath, [here('../scripts/build.js')], here('..'));
  const server = await forkServer();
  try {
    const variants = await makeVariants(server.origin);
    for (const v of variants) await v.check();
    const rounds = await interleaved(variants);
    console.log(`measured ${rounds} rounds; heap check: ${HEAP_CALLS.toLocaleString('en')} sequential client.update calls...`);
    const heap = JSON.parse(run(process.execPath, ['--expose-gc', here('run.js'), 'heap', server.origin]));
    const coldImport = { client: medianImport(here('../dist/index.js')), officialSdk: medianImport('@commercelayer/sdk/bundle') };
    const settings = { seconds: SECONDS, rounds, sequentialPerRound: SEQUENTIAL_PER_ROUND, concurrentPerRound: CONCURRENT_PER_ROUND, inFlight: IN_FLIGHT, importSamples: IMPORT_SAMPLES };
    report(variants, settings, heap, coldImport, here('results.json'));
  } finally {
    server.stop();
  }
}

/** The four contenders. Each resolves to the updated import and throws on anything but a 200 holding it. */
async function makeVariants(origin) {
  const { createImportsClient } = await import('../dist/index.js');
  const { default: createClient } = await import('openapi-fetch');
  const { CommerceLayer } = await import('@commercelayer/sdk/bundle');
  const url = `${origin}/api/imports/${IMPORT_ID}`;
  const body = { data: { type: 'imports', id: IMPORT_ID, attributes: ATTRIBUTES } };

  const headers = { accept: JSON_API, 'content-type': JSON_API, authorization: `Bearer ${TOKEN}` };
  const rawFetch = async () => {
    const response = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
    return (await response.json()).data;
  };

  /** @type {import('openapi-fetch').Client<import('../dist/generated/openapi.js').paths, 'application/vnd.api+json'>} */
  const bare = createClient({ baseUrl: origin, headers: { Accept: JSON_API, Authorization: `Bearer ${TOKEN}` } });
  const bareHeaders = { 'Content-Type': JSON_API };
  const openapiFetch = async () => {
    const { data, error, response } = await bare.PATCH('/api/imports/{importId}', { params: { path: { importId: IMPORT_ID } }, body, headers: bareHeaders });
    if (error !== undefined || !response.ok) throw new Error(`openapi-fetch: ${response.status}`);
    return data.data;
  };

  const client = createImportsClient({ baseUrl: origin, accessToken: TOKEN });

  // The SDK builds https://{organization}.commercelayer.io URLs: its fetch option sends them to the local server.
  const sdk = CommerceLayer({ organization: 'bench', accessToken: TOKEN, fetch: (input, init) => fetch(`${origin}${input.pathname}${input.search}`, init) });

  return [
    ['1 raw fetch', rawFetch],
    ['2 openapi-fetch PATCH', openapiFetch],
    ['3 client.update', () => client.update(IMPORT_ID, ATTRIBUTES)],
    ['4 @commercelayer/sdk', () => sdk.imports.update({ id: IMPORT_ID, ...ATTRIBUTES })],
  ].map(([name, call]) => ({
    name,
    call,
    async check() {
      const result = await call();
      if (result?.id !== IMPORT_ID || result?.type !== 'imports') throw new Error(`${name} did not return the import`);
    },
    sequential: [],
    concurrent: { latencies: [], calls: 0, ms: 0, roundP50s: [] },
  }));
}

/** Rounds until SECONDS have passed: sequential calls alternating between variants, then one 64-in-flight batch each. */
async function interleaved(variants) {
  for (const v of variants) for (let i = 0; i < WARMUP_CALLS; i++) await v.call();
  for (const v of variants) await concurrent(v.call, CONCURRENT_PER_ROUND, { latencies: [], calls: 0, ms: 0, roundP50s: [] });
  const deadline = performance.now() + SECONDS * 1000;
  let rounds = 0;
  while (rounds < 3 || performance.now() < deadline) {
    const order = variants.map((_, i) => variants[(rounds + i) % variants.length]);
    for (let i = 0; i < SEQUENTIAL_PER_ROUND; i++) {
      for (const v of order) {
        const t = performance.now();
        await v.call();
        v.sequential.push(performance.now() - t);
      }
    }
    for (const v of order) await concurrent(v.call, CONCURRENT_PER_ROUND, v.concurrent);
    rounds++;
  }
  return rounds;
}

async function concurrent(call, calls, into) {
  const latencies = [];
  let issued = 0;
  const worker = async () => {
    while (issued < calls) {
      issued++;
      const t = performance.now();
      await call();
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  into.ms += performance.now() - started;
  into.calls += calls;
  into.latencies.push(...latencies);
  into.roundP50s.push(quantile(latencies, 0.5));
}

/** Child: heap after the first 1,000 sequential client.update calls and after HEAP_CALLS, each after full GC. */
async function heapChild(origin) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  const { createImportsClient } = await import('../dist/index.js');
  const client = createImportsClient({ baseUrl: origin, accessToken: TOKEN });
  // fetch frees each request's abort bookkeeping in FinalizationRegistry callbacks, which run after a GC, not
  // during it: let them run between collections, or they would count as growth.
  const heapAfterGc = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return process.memoryUsage().heapUsed;
  };
  const started = performance.now();
  for (let i = 0; i < 1000; i++) await client.update(IMPORT_ID, ATTRIBUTES);
  const after1k = await heapAfterGc();
  for (let i = 1000; i < HEAP_CALLS; i++) await client.update(IMPORT_ID, ATTRIBUTES);
  const afterAll = await heapAfterGc();
  const seconds = round((performance.now() - started) / 1000, 1);
  process.stdout.write(JSON.stringify({ calls: HEAP_CALLS, seconds, after1kBytes: after1k, afterAllBytes: afterAll, growthBytes: afterAll - after1k }));
}

/** Child: how long one `import()` of a module takes in a fresh process. */
async function importChild(specifier) {
  const t = performance.now();
  await import(specifier.startsWith('/') ? pathToFileURL(specifier).href : specifier);
  process.stdout.write(String(performance.now() - t));
}

function medianImport(specifier) {
  const samples = Array.from({ length: IMPORT_SAMPLES }, () => Number(run(process.execPath, [here('run.js'), 'import', specifier])));
  return { medianMs: round(quantile(samples, 0.5), 1), samplesMs: samples.map((s) => round(s, 1)) };
}

function forkServer() {
  const child = fork(here('server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', ({ origin }) => resolve({ origin, stop: () => child.connected && child.send('close') }));
  });
}

function here(path) {
  return fileURLToPath(new URL(path, import.meta.url));
}
