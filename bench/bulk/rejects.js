// bench:bulk's rejects part: the command line loads 1,000,000 SKU rows from a CSV file of which
// 100,000 (every tenth) lack their shipping category, against the simulator in another process, and
// writes the 100,000 failed rows to its rejects file and every error to its log file. The measured
// figure is the command line's peak RSS over the whole run (target: under 250 MiB).
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPING_CATEGORY_ID } from './records.js';

export const REJECTS_LOAD = { records: 1_000_000, failed: 100_000, concurrency: 10 };
export const REJECTS_SIMULATOR = { inputsPerSecond: 2_000_000, rateLimits: false, keepInputs: false };

export async function measureRejects({ dir, build, env, startHost }) {
  const { records, concurrency } = REJECTS_LOAD;
  const file = join(dir, 'skus-rejects.csv');
  await writeCsv(file, records);
  console.log(`rejects: ${records.toLocaleString('en')} CSV rows, every tenth failing, through the command line...`);
  const host = await startHost(REJECTS_SIMULATOR);
  try {
    const main = join(build, 'dist/cli/main.js');
    const args = ['import', 'skus', file, '--skip-errors', '--concurrency', String(concurrency), '--json', '--base-url', host.url, '--access-token', 'bench-token'];
    const { lines } = await run(process.execPath, [fileURLToPath(new URL('./rejects-child.js', import.meta.url)), main, ...args], dir, env);
    const measured = JSON.parse(lines.at(-1));
    const summary = JSON.parse(lines.find((line) => line.startsWith('{"ok"')) ?? '{}');
    if (summary.failed_count !== REJECTS_LOAD.failed || summary.rejects_count !== REJECTS_LOAD.failed) {
      throw new Error(`the rejects run failed ${summary.failed_count} records and wrote ${summary.rejects_count} rejects (exit ${measured.exitCode})`);
    }
    const rejectsLines = readFileSync(join(dir, summary.rejects_file), 'utf8').split('\n').length - 2;
    console.log(`  peak RSS ${(measured.peakRssBytes / 2 ** 20).toFixed(1)} MiB in ${measured.seconds} s; ${rejectsLines.toLocaleString('en')} rows in the rejects file`);
    return { ...REJECTS_LOAD, simulator: REJECTS_SIMULATOR, ...measured, imported: summary.imported_count, rejectsCount: summary.rejects_count };
  } finally {
    await host.close();
  }
}

function writeCsv(file, count) {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(file);
    stream.on('error', reject);
    stream.write('code,name,shipping_category_id\n');
    let n = 0;
    const write = () => {
      let ok = true;
      while (n < count && ok) {
        n++;
        // A quoted comma in every other name, as spreadsheets write them.
        const name = n % 2 === 0 ? `"Benchmark SKU ${n}, large"` : `Benchmark SKU ${n}`;
        ok = stream.write(`BENCH-${String(n).padStart(7, '0')},${name},${n % 10 === 0 ? '' : SHIPPING_CATEGORY_ID}\n`);
      }
      if (n < count) stream.once('drain', write);
      else stream.end(resolve);
    };
    write();
  });
}

function run(command, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.once('error', reject);
    child.once('exit', () => resolve({ lines: stdout.trim().split('\n').filter(Boolean) }));
  });
}
