// The size budget of issue 5: the ESM entry bundled with its runtime dependency (esbuild, minified),
// gzipped at level 9, against 5,900 bytes (the official SDK's tree-shaken imports client measures
// 5,977 the same way). Prints the figure and where the bytes go; exits 1 over budget.
// Not part of `npm test` while the client is over budget (see issue 5).
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRY = 'dist/index.js';
const BUDGET_BYTES = 5_900;

if (!existsSync(ENTRY)) {
  console.error(`${ENTRY} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const result = await build({
  entryPoints: [ENTRY],
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

console.log(`size: ${gzipped} bytes gzipped (level 9), ${output.contents.byteLength} minified; budget ${BUDGET_BYTES}`);
for (const [file, { bytesInOutput }] of breakdown) console.log(`  ${String(bytesInOutput).padStart(6)} minified  ${file}`);
if (gzipped > BUDGET_BYTES) {
  console.error(`over budget by ${gzipped - BUDGET_BYTES} bytes`);
  process.exit(1);
}
