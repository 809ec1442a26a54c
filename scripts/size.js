// The size guard, part of `npm test`: the library's entry (the ESM file package.json exports as ".")
// bundled with its runtime dependency by esbuild, minified, then gzipped at level 9, against a budget,
// so that the client cannot grow unnoticed. A change that adds a feature to the library may raise the
// budget by what that feature measures, and says so. Set at 11,000 (10,401 measured); raised to
// 16,500 for the streamed, resumable importAll with its pacing, clientCredentials with the refresh
// on 401, and the unknown-option checks (16,157 measured with them: +5,756); raised to 17,174 for
// the group's reconciliation at the start and end of every load and the count of a vanished import
// (16,831 measured with them: +674); raised by 492 to 17,666 for pacing at the limits of the
// organization's environment, live or test (+492 measured); raised by 4,000 to 21,666 for the records
// table with validateRecord, validateRecords and importAll's validate option (the records modules
// alone: 3,999 gzipped); raised by 1,105 to 22,771 for importAll's failed records by position, the
// early stop and retryInterrupted (+1,105 measured: 17,262 over 16,157); raised by 733 to 23,504 for
// readImportGroup (one read of a group for importAll, the dry run and --group: another load's imports
// refused, in progress ranked above pending) and a late duplicate that completed counted for its
// chunk (+733 measured: 23,071 over 22,338).
// Only that entry is measured. Whatever else the package ships as an entry point of its own (a
// command line, a simulator) is a separate bundle and must not enter this one: a file that another
// entry point of package.json names, found among this bundle's inputs, fails the check.
// Prints the figure and where the bytes go; exits 1 over budget.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_BYTES = 23_504;

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const entry = manifest.exports?.['.']?.import?.default;
if (typeof entry !== 'string') {
  console.error('size: package.json has no exports["."].import.default to measure');
  process.exit(1);
}
if (!existsSync(entry)) {
  console.error(`size: ${entry} is missing: run \`npm run build\` first`);
  process.exit(1);
}

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const [output] = result.outputFiles;
const gzipped = gzipSync(output.contents, { level: 9 }).byteLength;
const inputs = Object.values(result.metafile.outputs)[0].inputs;
const breakdown = Object.entries(inputs)
  .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
  .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);

const spare = BUDGET_BYTES - gzipped;
console.log(`size: ${relative('.', entry)} with its dependencies is ${gzipped} bytes gzipped (level 9), ` +
  `${output.contents.byteLength} minified; budget ${BUDGET_BYTES} (${spare >= 0 ? `${spare} to spare` : `${-spare} over`})`);
for (const [file, { bytesInOutput }] of breakdown) console.log(`  ${String(bytesInOutput).padStart(6)} minified  ${file}`);

const failures = [];
const measured = new Set(Object.keys(inputs).map((file) => resolve(file)));
const intruders = otherEntryPoints(manifest, entry).filter((file) => measured.has(resolve(file)));
if (intruders.length > 0) failures.push(`the library's bundle takes in other entry points of the package: ${intruders.join(', ')}`);
if (spare < 0) failures.push(`over budget by ${-spare} bytes`);
for (const failure of failures) console.error(`size: ${failure}`);
if (failures.length > 0) process.exit(1);

/** Every file package.json names as an entry point (bin, main, module, every export) other than the measured one. */
function otherEntryPoints(pkg, measuredEntry) {
  const files = new Set();
  const collect = (target) => {
    if (typeof target === 'string') files.add(target);
    else if (Array.isArray(target)) target.forEach(collect);
    else if (target && typeof target === 'object') Object.values(target).forEach(collect);
  };
  collect(pkg.bin);
  collect(pkg.main);
  collect(pkg.module);
  collect(pkg.exports);
  return [...files].filter((file) => /\.[cm]?js$/.test(file) && resolve(file) !== resolve(measuredEntry));
}
