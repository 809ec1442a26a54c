// What `import` makes of a file by its extension, as a user runs it: a child process against the
// simulator, the records compared with what reached the API.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli, scratchDir, skuRows } from './run-cli.js';

const TOKEN = 'cli-import-formats-token-3e7a';
let sim: Simulator;
const scratch = scratchDir();

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 1_000_000, rateLimits: false, accessToken: TOKEN });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

test('a .tsv file is split at tabs only: a comma inside a field stays in the field', async () => {
  // Every third name holds a comma ("Shirt, size 3"); none holds a tab, a quote or a line break.
  const rows: Record<string, string>[] = skuRows(9, 'TSV').map((row, i) => ({ ...row, name: i % 3 === 0 ? `Shirt, size ${i}` : `Plain ${i}` }));
  const header = Object.keys(rows[0]!);
  const tsv = [header.join('\t'), ...rows.map((row) => header.map((name) => row[name]).join('\t'))].join('\n') + '\n';
  const result = await runCli(['import', 'skus', scratch.file('products.tsv', tsv), '--group', 'tsv', '--base-url', sim.url, '--access-token', TOKEN]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const imports = sim.imports().filter((each) => each.attributes.reference?.startsWith('tsv-'));
  expect(imports.flatMap((each) => each.attributes.inputs)).toStrictEqual(rows);
  expect(result.stdout).toMatch(/Records imported\s+9/);
});
