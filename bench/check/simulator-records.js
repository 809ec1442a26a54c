// The simulator holding 1,000,000 records: its peak RSS (issue 15 asks for under 400 MiB). A benchmark,
// not a test: `node bench/check/simulator-records.js [records]` prints the figures and writes
// bench/check/simulator-records-results.json.
//
// The simulator runs in a process of its own (forked from this file), so that only its memory is
// measured: this process builds the request bodies. It loads `records` SKUs (1,000,000 by default) in
// imports of 10,000 inputs over HTTP, as a client would (keepInputs: false, so that a finished
// import's inputs go and only the records stay), then loads the same file again with every name
// changed: each input then updates its record.
// It runs twice: with the simulator's process told its heap budget (--max-old-space-size=256), and
// with V8's defaults, under which V8 lets garbage (each request's body and parsed inputs) pile up
// far beyond what is live before it collects: the first figure is the one the 400 MiB budget is
// measured by, the second says what to expect without the flag. That each record is created once
// and updated once is what test/simulator/records.test.ts checks; here every input must import.
// The simulator is bundled from src/ with esbuild, so that no build of dist/ is needed.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHIPPING_CATEGORY_ID = 'nBAvrhRZBl'; // the seed shipping category (SEED_IDS.shippingCategory)
const CHUNK = 10_000;
const MiB = 1024 * 1024;

if (process.argv[2] === '--simulator') await simulatorProcess(process.argv[3]);
else await main(Number(process.argv[2] ?? 1_000_000));

/** The child: a simulator; answers 'measure' with its peak RSS so far and 'count' with the SKUs it holds. */
async function simulatorProcess(bundle) {
  const { startSimulator } = await import(bundle);
  const simulator = await startSimulator({ rateLimits: false, keepInputs: false, inputsPerSecond: 10_000_000, maxRunning: 10 });
  process.on('message', async (message) => {
    if (message === 'measure') process.send({ peakRss: process.resourceUsage().maxRSS * 1024, rss: process.memoryUsage().rss });
    else if (message === 'close') {
      await simulator.close();
      process.exit(0);
    }
  });
  process.send({ url: simulator.url });
}

async function main(total) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-simulator-records-'));
  const bundle = join(dir, 'simulator.mjs');
  const { build } = await import('esbuild');
  await build({ entryPoints: [fileURLToPath(new URL('../../src/simulator/index.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
  const runs = [];
  for (const execArgv of [['--max-old-space-size=256'], []]) runs.push({ execArgv, ...(await load(bundle, execArgv, total)) });
  rmSync(dir, { recursive: true, force: true });

  const results = { records: total, node: process.version, budgetMiB: 400, runs };
  console.log(JSON.stringify(results, null, 2));
  if (total === 1_000_000) writeFileSync(new URL('./simulator-records-results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  const imported = runs.every((run) => run.passes.every((p) => p.processed === total && p.errors === 0));
  if (!imported) console.error('Not every input was imported.');
  process.exitCode = imported && runs[0].peakRssMiB < results.budgetMiB ? 0 : 1;
}

/** Both passes against a simulator in a child process started with `execArgv`: their times and memory. */
async function load(bundle, execArgv, total) {
  const child = fork(fileURLToPath(import.meta.url), ['--simulator', bundle], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  const waiting = [];
  child.on('message', (message) => (waiting.length > 0 ? waiting.shift()(message) : replies.push(message)));
  const next = () => (replies.length > 0 ? Promise.resolve(replies.shift()) : new Promise((resolve) => waiting.push(resolve)));
  const ask = (question) => {
    child.send(question);
    return next();
  };
  const { url } = await next();

  const passes = [];
  for (const [pass, name] of [['create', 'SKU'], ['update', 'Renamed SKU']]) {
    const started = performance.now();
    const ids = [];
    for (let from = 0; from < total; from += CHUNK) {
      const inputs = [];
      for (let n = from; n < Math.min(total, from + CHUNK); n++) {
        inputs.push({ code: `BENCH-${String(n).padStart(7, '0')}`, name: `${name} ${n}`, shipping_category_id: SHIPPING_CATEGORY_ID });
      }
      const created = await send(url, 'POST', '/api/imports?fields[imports]=status', { data: { type: 'imports', attributes: { resource_type: 'skus', inputs } } });
      ids.push(created.data.id);
    }
    let processed = 0;
    let errors = 0;
    for (const id of ids) {
      for (;;) {
        const { data } = await send(url, 'GET', `/api/imports/${id}?fields[imports]=status,processed_count,errors_count`);
        if (data.attributes.status === 'completed' || data.attributes.status === 'interrupted') {
          processed += data.attributes.processed_count;
          errors += data.attributes.errors_count;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const memory = await ask('measure');
    passes.push({ pass, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), processed, errors, peakRssMiB: Math.round(memory.peakRss / MiB), rssMiB: Math.round(memory.rss / MiB) });
  }
  child.send('close');
  return { passes, peakRssMiB: Math.max(...passes.map((p) => p.peakRssMiB)) };
}

async function send(url, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Accept: 'application/vnd.api+json', 'Content-Type': 'application/vnd.api+json', Authorization: 'Bearer bench-records' },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
