// The memory check's measured process: `node stream-child.js <simulator url> <ndjson file> <concurrency>`
// streams the file line by line (node:readline) into client.importAll against the simulator, which
// runs in another process, and prints one JSON line: the process's peak RSS (getrusage's maxrss), its
// RSS before the load (the runtime and the client loaded), the largest heap seen, the largest heap
// right after a major GC (what was still held, as opposed to garbage not yet collected), how long
// it took, and the summary's counts.
import { createReadStream } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
const { createImportsClient } = await import(`${process.env.BENCH_BULK_DIST ?? new URL('../../dist', import.meta.url).href}/index.js`);

const [url, file, concurrency] = process.argv.slice(2);

async function* records() {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line) yield JSON.parse(line);
}

let heapPeak = 0;
let heldPeak = 0;
const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
const gcs = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) heldPeak = Math.max(heldPeak, process.memoryUsage().heapUsed);
  }
});
gcs.observe({ entryTypes: ['gc'] });
const imports = createImportsClient({ baseUrl: url, accessToken: 'bench-token' });
const rssBeforeBytes = process.memoryUsage().rss;
const started = performance.now();
const summary = await imports.importAll('skus', records(), { concurrency: Number(concurrency), group: 'memory' });
const seconds = Math.round(performance.now() - started) / 1000;
clearInterval(sampler);
gcs.disconnect();
process.stdout.write(`${JSON.stringify({
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  rssBeforeBytes,
  heapPeakBytes: heapPeak,
  heapAfterMajorGcPeakBytes: heldPeak,
  seconds,
  read: summary.imported_count + summary.failed_count + summary.not_processed_count,
  imported: summary.imported_count,
  chunks: summary.imports.length,
})}\n`);
