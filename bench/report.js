// The benchmark's report: the table printed after a run, the targets, and bench/results.json.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

/** Prints the table and the targets, and writes the results as JSON to `path`. */
export function report(variants, settings, heap, coldImport, path) {
  const rows = variants.map((v) => ({
    name: v.name,
    sequential: { calls: v.sequential.length, callsPerSecond: Math.round(1000 / mean(v.sequential)), ...percentiles(v.sequential) },
    concurrent: { calls: v.concurrent.calls, callsPerSecond: Math.round((v.concurrent.calls / v.concurrent.ms) * 1000), ...percentiles(v.concurrent.latencies) },
  }));
  const ratio = (a, b) => ({
    sequentialP50: round(rows[a].sequential.p50Us / rows[b].sequential.p50Us, 3),
    concurrentP50: round(rows[a].concurrent.p50Us / rows[b].concurrent.p50Us, 3),
    // The 64-in-flight ratio taken round by round, then its median: less sensitive to drift between rounds.
    concurrentP50MedianOfRounds: round(quantile(variants[a].concurrent.roundP50s.map((p, i) => p / variants[b].concurrent.roundP50s[i]), 0.5), 3),
    sequentialCallsPerSecond: round(rows[b].sequential.callsPerSecond / rows[a].sequential.callsPerSecond, 3),
    concurrentCallsPerSecond: round(rows[b].concurrent.callsPerSecond / rows[a].concurrent.callsPerSecond, 3),
  });
  const ratios = { clientOverRawFetch: ratio(2, 0), clientOverOpenapiFetch: ratio(2, 1), clientOverOfficialSdk: ratio(2, 3) };
  const targets = {
    'client.update p50 within 1.10x raw fetch, sequential': ratios.clientOverRawFetch.sequentialP50 <= 1.1,
    'client.update p50 within 1.10x raw fetch, 64 in flight': ratios.clientOverRawFetch.concurrentP50 <= 1.1,
    'client.update p50 not slower than the official SDK, both': ratios.clientOverOfficialSdk.sequentialP50 <= 1 && ratios.clientOverOfficialSdk.concurrentP50 <= 1,
    'no heap growth beyond noise (under 1 MiB over the run)': Math.abs(heap.growthBytes) < 1024 * 1024,
  };
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model,
    loadAverage: os.loadavg().map((l) => round(l, 2)),
    settings,
    variants: rows,
    ratios,
    heap,
    coldImport,
    targets,
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(results));
  for (const [target, met] of Object.entries(targets)) console.log(`${met ? 'met   ' : 'MISSED'}  ${target}`);
}

function table({ node, cores, loadAverage, settings, variants, ratios, heap, coldImport }) {
  const ratioRow = (label, r) => `| ${label} | ${r.sequentialP50} | ${r.concurrentP50} |`;
  return [
    `Node ${node}, ${cores} cores, load average ${loadAverage.join(' ')}; ${settings.rounds} interleaved rounds in ${settings.seconds} s`,
    '',
    '| variant | sequential calls/s | p50 µs | p99 µs | 64 in flight calls/s | p50 µs | p99 µs |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...variants.map(({ name, sequential: s, concurrent: c }) => `| ${name} | ${s.callsPerSecond} | ${s.p50Us} | ${s.p99Us} | ${c.callsPerSecond} | ${c.p50Us} | ${c.p99Us} |`),
    '',
    '| p50 latency ratio | sequential | 64 in flight |',
    '| --- | ---: | ---: |',
    ratioRow('3/1 client.update / raw fetch', ratios.clientOverRawFetch),
    ratioRow('3/2 client.update / openapi-fetch', ratios.clientOverOpenapiFetch),
    ratioRow('3/4 client.update / official SDK', ratios.clientOverOfficialSdk),
    '',
    `Heap after GC: ${mib(heap.after1kBytes)} after 1,000 calls, ${mib(heap.afterAllBytes)} after ${heap.calls.toLocaleString('en')} (${heap.growthBytes >= 0 ? '+' : ''}${Math.round(heap.growthBytes / 1024)} KiB)`,
    `Cold import, median of ${settings.importSamples} fresh processes: client ${coldImport.client.medianMs} ms, @commercelayer/sdk ${coldImport.officialSdk.medianMs} ms`,
  ].join('\n');
}

function percentiles(latenciesMs) {
  return { p50Us: Math.round(quantile(latenciesMs, 0.5) * 1000), p99Us: Math.round(quantile(latenciesMs, 0.99) * 1000) };
}

export function quantile(values, q) {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function mean(values) {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function round(value, digits) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
