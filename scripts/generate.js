// Bundles the document, then generates its TypeScript types into src/generated/.
// With no arguments openapi-typescript reads the API and output path from redocly.yaml.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import './bundle.js';

const require = createRequire(import.meta.url);
const cli = require.resolve('openapi-typescript/package.json').replace(/package\.json$/, 'bin/cli.js');
const result = spawnSync(process.execPath, [cli], { stdio: 'inherit' });
process.exit(result.status ?? 1);
