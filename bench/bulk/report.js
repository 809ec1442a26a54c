// bench:bulk's report: the tables printed after a run (Markdown, as docs/performance.md shows them), the targets
// met or missed, and the results as JSON (with the machine's core count, Node version and date).
import { writeFileSync } from 'node:fs';

const MIB = 2 ** 20;
const MEMORY_TARGET = { ratio: 1.25, peakMiB: 200 };
const REJECTS_TARGET_MIB = 250;

export function report(results, path) {
  const targets = targetsOf(results);
  results.targets = targets;
  if (path) writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${tables(results)}\n`);
  for (const { target, met, figure } of targets) console.log(`${met ? 'met   ' : 'MISSED'}  ${target}: ${figure}`);
  if (path) console.log(`\nwritten to bench/bulk-results.json (${results.seconds} s in all)`);
}

function targetsOf({ makespan, memory, rejects }) {
  const targets = [];
  for (const load of makespan ?? []) {
    const ours = load.clients.ours;
    targets.push({ target: `importAll, ${load.name} imports, makespan within ${load.target}x the limit`, met: !ours.error && ours.ratio <= load.target, figure: `${ours.ratio}x` });
    targets.push({ target: `importAll, ${load.name} imports, no 429 met`, met: !ours.error && ours.throttled429 === 0, figure: `${ours.throttled429} 429s` });
    const anchor = load.clients['sdk-utils'];
    if (!anchor.error) targets.push({ target: `importAll, ${load.name} imports, faster than sdk-utils`, met: ours.makespanMs < anchor.makespanMs, figure: `${(ours.makespanMs / 1000).toFixed(1)} s vs ${(anchor.makespanMs / 1000).toFixed(1)} s` });
  }
  if (memory) {
    const big = memory.runs[1];
    targets.push({ target: `peak RSS of ${big.records.toLocaleString('en')} records within ${MEMORY_TARGET.ratio}x that of ${memory.runs[0].records.toLocaleString('en')}`, met: memory.ratio <= MEMORY_TARGET.ratio, figure: `${memory.ratio}x` });
    targets.push({ target: `peak RSS of ${big.records.toLocaleString('en')} records under ${MEMORY_TARGET.peakMiB} MiB`, met: big.peakRssBytes < MEMORY_TARGET.peakMiB * MIB, figure: `${mib(big.peakRssBytes)} MiB` });
  }
  if (rejects) {
    targets.push({
      target: `command line, ${rejects.records.toLocaleString('en')} rows with ${rejects.failed.toLocaleString('en')} failed and written to the rejects file, peak RSS under ${REJECTS_TARGET_MIB} MiB`,
      met: rejects.peakRssBytes < REJECTS_TARGET_MIB * MIB,
      figure: `${mib(rejects.peakRssBytes)} MiB in ${rejects.seconds} s`,
    });
  }
  return targets;
}

export function tables({ node, cores, date, loadAverage, makespan, memory, size }) {
  const lines = [`Node ${node}, ${cores} cores, ${date.slice(0, 10)}, load average ${loadAverage?.join(' ')}`];
  if (makespan) {
    lines.push(
      '',
      '| load (400,000 skus, 40 chunks, concurrency 10) | makespan | over the limit | requests (per import) | 429s met | response bytes | import end seen after (mean / max) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const load of makespan) {
      lines.push(`| ${load.name}: the limit (ideal client) | ${seconds(load.idealMs)} | 1 | ${load.chunks} (1) | 0 | | 0 |`);
      for (const [name, c] of Object.entries(load.clients)) {
        const label = name === 'ours' ? 'client.importAll' : 'sdk-utils executeImport';
        if (c.error) {
          lines.push(`| ${load.name}: ${label} | failed: ${c.error.replaceAll('|', '/')} | | ${c.requests} | ${c.throttled429} | ${bytes(c.responseBytes)} | |`);
          continue;
        }
        const target = name === 'ours' ? ` (target ≤ ${load.target})` : '';
        lines.push(`| ${load.name}: ${label} | ${seconds(c.makespanMs)} | ${c.ratio.toFixed(3)}${target} | ${c.requests.toLocaleString('en')} (${c.requestsPerImport}) | ${c.throttled429} | ${bytes(c.responseBytes)} | ${c.endSeenLateMs.mean} / ${c.endSeenLateMs.max} ms |`);
      }
    }
  }
  if (memory) {
    lines.push(
      '',
      '| streamed from NDJSON into importAll (concurrency 10) | peak RSS | RSS before the load | largest heap | largest heap after a major GC | time |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of memory.runs) {
      lines.push(`| ${r.records.toLocaleString('en')} records | ${mib(r.peakRssBytes)} MiB | ${mib(r.rssBeforeBytes)} MiB | ${mib(r.heapPeakBytes)} MiB | ${mib(r.heapAfterMajorGcPeakBytes)} MiB | ${r.seconds} s |`);
    }
    lines.push(`| ratio, ${memory.runs[1].records.toLocaleString('en')} over ${memory.runs[0].records.toLocaleString('en')} (target ≤ ${MEMORY_TARGET.ratio}, and under ${MEMORY_TARGET.peakMiB} MiB) | ${memory.ratio.toFixed(3)} | | | | |`);
  }
  if (size) {
    lines.push('', `Main entry (npm run size): ${size.nowBytes.toLocaleString('en')} bytes, ${size.grewBytes >= 0 ? '+' : ''}${size.grewBytes.toLocaleString('en')} over ${size.beforeBytes.toLocaleString('en')} before the bulk work (${size.beforeHow}).`);
  }
  return lines.join('\n');
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mib = (b) => (b / MIB).toFixed(1);
function bytes(b) {
  if (b >= 10 * 1e6) return `${(b / 1e6).toFixed(0)} MB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(1)} MB`;
  return `${Math.round(b / 1e3)} kB`;
}
