// The docs' promise that every example of the bulk loads page and the simulator page runs to the end
// against the simulator: the pages' TypeScript blocks are compiled as a user would run them and
// executed in a child process against a simulator, the bulk page's blocks in order as one script, the
// simulator's own example on its own. Only the connection is changed: `organization` becomes the simulator's URL.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { afterAll, describe, expect, test } from 'vitest';
import { SEED_RECORDS, startSimulator } from '../../src/simulator/index.js';

const root = resolve(import.meta.dirname, '../..');
const page = (name: string) => readFileSync(join(root, 'docs', name), 'utf8');
const flow = page('bulk-loads.md');
const own = page('simulator.md');
const blocks = (text: string) => [...text!.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
const work = mkdtempSync(join(tmpdir(), 'readme-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Compiles the blocks to one ES module that imports this build of the package, and runs it in `work`. */
async function run(code: string, env: Record<string, string>): Promise<string> {
  const entry = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
  const source = code
    .replaceAll(`from 'commercelayer-imports/simulator'`, `from ${entry('dist/simulator/index.js')}`)
    .replaceAll(`from 'commercelayer-imports'`, `from ${entry('dist/index.js')}`);
  const { code: js } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
  const file = join(work, `example-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, js);
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: work, env: { ...process.env, ...env }, timeout: 120_000 });
  return stdout;
}

describe("The docs' bulk loads and simulator pages, against the simulator", () => {
  test('has the examples this test runs', () => {
    expect(blocks(flow!).length).toBeGreaterThanOrEqual(4);
    expect(blocks(own!).length).toBeGreaterThanOrEqual(3);
  });

  test('the flow: one import, importAll from an NDJSON file, interrupting a group, lists and delete', async () => {
    // The organization the flow is written for holds the SKUs its prices name.
    const skus = Array.from({ length: 250_000 }, (_, i) => ({ id: `sku${String(i).padStart(7, '0')}`, code: `SKU${i}`, name: `SKU ${i}` }));
    const simulator = await startSimulator({ inputsPerSecond: 500_000, records: { ...SEED_RECORDS, skus } });
    try {
      // The file the importAll example streams: 250,000 prices, as its `total` says.
      const lines = Array.from({ length: 250_000 }, (_, i) => JSON.stringify({ sku_code: `SKU${i}`, amount_cents: 100 + (i % 900) }));
      writeFileSync(join(work, 'prices.ndjson'), `${lines.join('\n')}\n`);
      const connected = blocks(flow!).join('\n').replace("{ organization: 'yourdomain', accessToken }", '{ baseUrl: process.env.SIMULATOR_URL, accessToken }');
      expect(connected).toContain('process.env.SIMULATOR_URL');
      const script = `const accessToken = 'readme-token';\n${connected}\nconsole.log('SUMMARY', JSON.stringify({ imported: summary.imported_count, failed: summary.failed_count, chunks: summary.chunks }));`;
      const stdout = await run(script, { SIMULATOR_URL: simulator.url });
      expect(stdout).toContain('SUMMARY {"imported":250000,"failed":0,"chunks":25}');
      // The single import was created, followed to its end, then deleted by the last example.
      expect(simulator.imports().filter((i) => i.attributes.reference === 'catalogue-2024-06')).toHaveLength(0);
      expect(simulator.counts().throttled).toBe(0);
    } finally {
      await simulator.close();
    }
  }, 180_000);

  test("the README's library walkthrough: a failed record found by position, fixed, loaded again", async () => {
    const [code] = blocks(readFileSync(join(root, 'README.md'), 'utf8'));
    const checked = code!.replace('await simulator.close();', "console.log('WALKTHROUGH', JSON.stringify(first.failed_records), second.imported_count, simulator.records('skus').length);\nawait simulator.close();");
    expect(await run(checked, {})).toContain(
      'WALKTHROUGH [{"position":2,"chunk":0,"key":"MUG-02","errors":{"shipping_category":["must exist"]}}] 1 2',
    );
  }, 60_000);

  test("the simulator page's first example: a dropped answer makes no second import", async () => {
    const code = `${blocks(own!)[0]}\nconsole.log('CREATES', simulator.createsByReference('contract-test-0001'), summary.imported_count);`;
    expect(await run(code, {})).toContain('CREATES 1 1');
  }, 60_000);

  test("the simulator page's records example: a re-import updates the record", async () => {
    const block = blocks(own!).find((code) => code.includes("group: 'again'"))!;
    const code = block.replace('await simulator.close();', "console.log('RECORDS', JSON.stringify(simulator.records('skus').map(({ code, name }) => ({ code, name }))));\nawait simulator.close();");
    expect(await run(code, {})).toContain('RECORDS [{"code":"A1","name":"Armchair"}]');
  }, 60_000);

  test("the simulator page's other examples run to the end", async () => {
    const rest = blocks(own!).slice(1).filter((code) => !code.includes("group: 'again'"));
    expect(rest.length).toBeGreaterThanOrEqual(2);
    for (const code of rest) await run(code, {});
  }, 60_000);
});
