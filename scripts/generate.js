// Bundles the document, then generates its TypeScript types into src/generated/.
// Without an input openapi-typescript reads the API and output path from redocly.yaml;
// --enum-values also exports each enum's values as an array, for the checks made at run time.
// Then the records table (src/generated/records.ts) from the SDK's create types: scripts/records.js.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import './bundle.js';

const require = createRequire(import.meta.url);
const cli = require.resolve('openapi-typescript/package.json').replace(/package\.json$/, 'bin/cli.js');
const result = spawnSync(process.execPath, [cli, '--enum-values'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const records = spawnSync(process.execPath, ['scripts/records.js'], { stdio: 'inherit' });
process.exit(records.status ?? 1);
