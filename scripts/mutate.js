// `npm run mutate`: StrykerJS on the folders a regression would hurt most, one run per folder, each
// against that folder's own tests (stryker.config.mjs says which), then the score of each.
// Not part of `npm test`. It builds first: the bulk tests start children that load dist/, and the
// simulator's responses are checked against dist/openapi.json. Incremental: only mutants whose code
// or tests changed since this clone's last run (reports/stryker-incremental-<folder>.json) run again.
//   npm run mutate                  every folder
//   npm run mutate -- bulk auth     those folders only
//   npm run mutate -- --force       every mutant again, whatever the incremental files say
// Exits 1 when a run fails (a test failing without mutants, say), never for a low score.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FOLDERS = ['readers', 'auth', 'transport', 'bulk'];
const PATHS = { readers: 'src/cli/readers', auth: 'src/auth', transport: 'src/transport', bulk: 'src/bulk' };

const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith('-'));
const unknown = named.filter((name) => !FOLDERS.includes(name));
if (unknown.length > 0) {
  console.error(`npm run mutate: no folder ${unknown.join(', ')}; the folders are ${FOLDERS.join(', ')}`);
  process.exit(2);
}
const folders = named.length > 0 ? FOLDERS.filter((name) => named.includes(name)) : FOLDERS;
const options = args.filter((arg) => arg.startsWith('-'));

const run = (command, commandArgs, env = {}) => spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } }).status;

if (run(process.execPath, ['scripts/build.js']) !== 0) process.exit(1);
// npm runs scripts from the package's root; the package exports no path to its command.
const stryker = 'node_modules/@stryker-mutator/core/bin/stryker.js';
const started = Date.now();
const rows = [];
for (const folder of folders) {
  const folderStarted = Date.now();
  if (run(process.execPath, [stryker, 'run', 'stryker.config.mjs', ...options], { MUTATE_FOLDER: folder }) !== 0) process.exit(1);
  rows.push({ folder, minutes: (Date.now() - folderStarted) / 60_000, ...counts(`reports/mutation/${folder}.json`) });
}

/** Stryker's mutation score: killed and timed out, of those that ran or had no test (ignored and invalid ones left out). */
function counts(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const by = {};
  for (const file of Object.values(report.files)) for (const mutant of file.mutants) by[mutant.status] = (by[mutant.status] ?? 0) + 1;
  const detected = (by.Killed ?? 0) + (by.Timeout ?? 0);
  const undetected = (by.Survived ?? 0) + (by.NoCoverage ?? 0);
  return { detected, survived: by.Survived ?? 0, noCoverage: by.NoCoverage ?? 0, score: (100 * detected) / (detected + undetected || 1) };
}

console.log('\nMutation score by folder (killed or timed out, of all mutants but static ones):');
console.log(['folder'.padEnd(18), 'score', 'detected', 'survived', 'no test', 'minutes'].join('  '));
for (const row of rows) {
  console.log([PATHS[row.folder].padEnd(18), `${row.score.toFixed(1)}%`.padStart(5), String(row.detected).padStart(8), String(row.survived).padStart(8),
    String(row.noCoverage).padStart(7), row.minutes.toFixed(1).padStart(7)].join('  '));
}
console.log(`${((Date.now() - started) / 60_000).toFixed(1)} minutes in all; reports in reports/mutation/<folder>.html`);
