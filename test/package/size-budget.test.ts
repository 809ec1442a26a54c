// The size budget: the ESM entry bundled with its runtime dependency, minified and gzipped, must
// stay below the official SDK's tree-shaken imports client measured the same way (5,977 bytes).
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, test } from 'vitest';

const ENTRY = 'dist/index.js';
const BUDGET_BYTES = 5_900;

test(`the bundled, minified, gzipped ESM entry stays within ${BUDGET_BYTES} bytes`, async () => {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` before this test`);
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
  const gzipped = gzipSync(output!.contents, { level: 9 }).byteLength;

  // Minified bytes per input file, largest first, so that a failure says where the bytes went.
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  const breakdown = Object.entries(inputs)
    .map(([file, { bytesInOutput }]) => ({ file, bytesInOutput }))
    .filter(({ bytesInOutput }) => bytesInOutput > 0)
    .sort((a, b) => b.bytesInOutput - a.bytesInOutput);
  console.log(
    [
      `size budget: ${gzipped} bytes gzipped (level 9), ${output!.contents.byteLength} minified; budget ${BUDGET_BYTES}`,
      ...breakdown.map(({ file, bytesInOutput }) => `  ${String(bytesInOutput).padStart(6)} minified  ${file}`),
    ].join('\n'),
  );

  // The runtime dependency is in the bundle, as the budget counts it.
  expect(Object.keys(inputs).some((file) => file.includes('node_modules/openapi-fetch/'))).toBe(true);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
});
