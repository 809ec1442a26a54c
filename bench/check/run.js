// `npm run bench:check`: the check pass of `import --dry-run` over 1,000,000 SKU rows of a CSV file,
// beside csv-parse alone reading the same file, in the same run, alternating, each in a process of
// its own, timed from start to exit (wall) and by the CPU time it used. Targets (issue 15): at most
// 1.5 times csv-parse's time, and a peak RSS under 200 MiB. Both ratios are printed: on a machine
// busy with other work the wall times swing with the load, the CPU times much less. The file is generated into a temporary folder (BENCH_CHECK_ROWS changes
// its size, BENCH_CHECK_ROUNDS the rounds, default 3: medians are compared). Builds dist/ first
// (BENCH_SKIP_BUILD=1 skips it) and measures a copy of it, so that a rebuild during the run cannot
// swap the code measured. Prints the table; writes bench/check-results.json (not with BENCH_CHECK_ROWS).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../process.js';
import { writeSkuCsv } from './rows.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = Number(process.env.BENCH_CHECK_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_CHECK_ROUNDS ?? 3);
const TARGET_RATIO = 1.5;
const TARGET_RSS_MIB = 200;
const MIB = 1024 * 1024;

if (process.env.BENCH_SKIP_BUILD !== '1') run(process.execPath, [join(ROOT, 'scripts/build.js')], ROOT);
const scratch = mkdtempSync(join(os.tmpdir(), 'bench-check-'));
try {
  // The build measured: dist/ and package.json copied, node_modules linked beside them.
  cpSync(join(ROOT, 'dist'), join(scratch, 'build/dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(scratch, 'build/package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'build/node_modules'), 'dir');
  const file = join(scratch, 'skus.csv');
  await writeSkuCsv(file, ROWS);
  const usageFile = join(scratch, 'usage.json');
  const preload = ['--require', fileURLToPath(new URL('usage.cjs', import.meta.url))];
  const commands = {
    'csv-parse': [...preload, fileURLToPath(new URL('csv-parse-only.js', import.meta.url)), file],
    'dry run': [...preload, join(scratch, 'build/dist/cli/main.js'), 'import', 'skus', file, '--dry-run', '--json'],
  };
  const samples = { 'csv-parse': [], 'dry run': [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of Object.entries(commands)) {
      const started = performance.now();
      const { code, stdout } = await child(args, { ...process.env, BENCH_USAGE_FILE: usageFile });
      const ms = performance.now() - started;
      const result = JSON.parse(stdout);
      // Each measured run must have read every row: a dry run that stopped early would be fast and wrong.
      const { records } = result;
      if (records !== ROWS || (name === 'dry run' && (code !== 0 || result.invalid_count !== 0))) throw new Error(`${name} read ${records} records, exit ${code}`);
      const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      samples[name].push({ ms, cpuMs: usage.cpuMs, rss: usage.rss });
      console.error(`round ${round + 1}: ${name} ${(ms / 1000).toFixed(2)} s wall, ${(usage.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${(usage.rss / MIB).toFixed(0)} MiB`);
    }
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const summary = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, {
    median_s: Number((median(list.map((s) => s.ms)) / 1000).toFixed(2)),
    runs_s: list.map((s) => Number((s.ms / 1000).toFixed(2))),
    median_cpu_s: Number((median(list.map((s) => s.cpuMs)) / 1000).toFixed(2)),
    runs_cpu_s: list.map((s) => Number((s.cpuMs / 1000).toFixed(2))),
    peak_rss_mib: Number((Math.max(...list.map((s) => s.rss)) / MIB).toFixed(1)),
  }]));
  const ratio = Number((summary['dry run'].median_s / summary['csv-parse'].median_s).toFixed(3));
  const cpuRatio = Number((summary['dry run'].median_cpu_s / summary['csv-parse'].median_cpu_s).toFixed(3));
  const results = {
    date: new Date().toISOString(), node: process.version, cores: os.availableParallelism?.() ?? os.cpus().length, cpu: os.cpus()[0]?.model,
    load_average: os.loadavg().map((n) => Number(n.toFixed(2))),
    rows: ROWS, file_mib: Number((statSync(file).size / MIB).toFixed(1)), rounds: ROUNDS,
    ...summary,
    ratio, cpu_ratio: cpuRatio, target_ratio: TARGET_RATIO, ratio_ok: ratio <= TARGET_RATIO, cpu_ratio_ok: cpuRatio <= TARGET_RATIO,
    target_peak_rss_mib: TARGET_RSS_MIB, rss_ok: summary['dry run'].peak_rss_mib < TARGET_RSS_MIB,
  };
  console.log([
    `Checking ${ROWS.toLocaleString('en-US')} SKU rows (${results.file_mib} MiB of CSV), median of ${ROUNDS} runs each, load average ${results.load_average.join(' ')}`,
    `                              wall       CPU   peak RSS`,
    ...Object.entries({ 'csv-parse alone': summary['csv-parse'], 'import --dry-run': summary['dry run'] }).map(([label, s]) =>
      `  ${label.padEnd(20)} ${s.median_s.toFixed(2).padStart(7)} s ${s.median_cpu_s.toFixed(2).padStart(7)} s ${s.peak_rss_mib.toFixed(0).padStart(6)} MiB`),
    `  ratio ${ratio}x wall, ${cpuRatio}x CPU (target at most ${TARGET_RATIO}x: ${results.ratio_ok ? 'met' : 'MISSED'} wall, ${results.cpu_ratio_ok ? 'met' : 'MISSED'} CPU); peak RSS under ${TARGET_RSS_MIB} MiB: ${results.rss_ok ? 'met' : 'MISSED'}`,
  ].join('\n'));
  if (process.env.BENCH_CHECK_ROWS === undefined) writeFileSync(join(ROOT, 'bench/check-results.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function child(args, env) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout }));
  });
}
