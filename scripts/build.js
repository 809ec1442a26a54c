// Compiles src/ twice, after bundling the document that dist/ also ships:
// ESM to dist/ and CommonJS to dist/cjs/, each with its own .d.ts, so that both `import` and
// `require` consumers get JavaScript and types of the same module format.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import './bundle.js';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

// Compiled output only: dist/ also holds the bundled document and the rendered docs.
const kept = new Set(['docs', 'openapi.json', 'openapi.yaml']);
for (const name of readdirSync('dist')) {
  if (!kept.has(name)) rmSync(join('dist', name), { recursive: true, force: true });
}

for (const project of ['tsconfig.build.json', 'tsconfig.build.cjs.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The root package.json says "type": "module"; this one makes Node and TypeScript read dist/cjs as CommonJS.
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
