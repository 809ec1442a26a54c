// The README's walkthrough, run as written: every shell line of its section, in order, in a copy of
// examples/, against a simulator standing for the sandbox's (its URL in place of 127.0.0.1:4011).
// `npm run cli --` is the built command line; a line marked `# exits 1` must exit 1, every other 0.
// Then the organization holds what the walkthrough says: every SKU once, the next day's values.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, scratchDir } from './run-cli.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Walkthrough'), readme.indexOf('## Where to read on'));
/** The shell lines of the section's `sh` blocks, but the sandbox's own start. */
const lines = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((match) => match[1]!.split('\n'))
  .filter((line) => line.trim() !== '' && !line.startsWith('npm ci'));

const scratch = scratchDir();
let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 100_000 });
  cpSync(join(root, 'examples'), join(scratch.dir, 'examples'), { recursive: true });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

/** Runs one line in a POSIX shell where `npm run cli --` is the built command line. */
async function sh(line: string): Promise<{ code: number; output: string }> {
  const prelude = `npm() { [ "$1 $2 $3" = "run cli --" ] || exit 99; shift 3; node "${join(root, 'dist/cli/main.js')}" "$@"; }`;
  const command = `${prelude}\n${line.replaceAll('http://127.0.0.1:4011', sim.url)}`;
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', command], { cwd: scratch.dir, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("the README's walkthrough, against the simulator", () => {
  test('has the steps this test runs', () => {
    expect(lines.filter((line) => line.startsWith('npm run cli -- import')).length).toBeGreaterThanOrEqual(6);
    expect(lines.some((line) => line.startsWith('sed -i'))).toBe(true);
  });

  test('every line exits as the README says, and the organization ends as it says', async () => {
    for (const line of lines) {
      const result = await sh(line);
      expect(result.code, `${line}\n${result.output}`).toBe(line.includes('# exits 1') ? 1 : 0);
    }
    const skus = sim.records('skus');
    const codes = skus.map((sku) => sku.code);
    // 5 of the catalogue and 12 new, the one fixed from the rejects file among them, each once.
    expect(new Set(codes).size).toBe(17);
    expect(codes).toHaveLength(17);
    expect(skus.find((sku) => sku.code === 'SCARFXXX000000000000XXXX')).toMatchObject({ shipping_category_id: 'nBAvrhRZBl' });
    // The next day's files updated the records: no new price or stock item.
    const prices = sim.records('prices');
    expect(prices).toHaveLength(5);
    expect(prices.find((price) => price.sku_code === 'TSHIRTMM000000FFFFFFXLXX')).toMatchObject({ amount_cents: '2500' });
    const stock = sim.records('stock_items');
    expect(stock).toHaveLength(5);
    expect(stock.find((item) => item.sku_code === 'CAPXXXXXFFFFFF000000XXXX')).toMatchObject({ quantity: '95' });
  }, 120_000);
});
