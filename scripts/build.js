// Compiles src/ to dist/ (JavaScript and .d.ts), after bundling the document that dist/ also ships.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import './bundle.js';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
for (const stale of ['dist/generated']) rmSync(stale, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
