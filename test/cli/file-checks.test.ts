// What the check pass must catch before anything is sent, and what the command says when its output
// goes away: each case a child process against the simulator, its POSTs counted.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, cliEnv, MAIN, runCli, scratchDir, skuRows, toCsv } from './run-cli.js';

const TOKEN = 'cli-file-checks-token-81d3';
let sim: Simulator;
const scratch = scratchDir();
const file = scratch.file;
const posts = () => sim.requests.filter((request) => request.method === 'POST').length;

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 1_000_000, rateLimits: false, accessToken: TOKEN });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

const records = (n: number) => skuRows(n, 'CHK').map((row) => JSON.stringify(row));

describe('refused by the check pass, before anything is sent', () => {
  test.each([
    ['an empty object after the first chunk (ndjson)', 'late-empty.ndjson', `${records(12).join('\n')}\n{}\n`, /line 13: record 13 is an empty object/],
    ['a number too large for JSON (json array)', 'huge.json', `[${records(3).join(',')},{"code":"X","name":"x","price":1e400}]`, /record 4 has a number too large for JSON at price/],
    ['a quote inside an unquoted CSV field', 'quote.csv', 'code,name,shipping_category_id\nA1,5" screen,x\n', /line 2.*holds a quote without being quoted/],
    ['bytes that are not UTF-8 (CSV)', 'latin1.csv', Buffer.concat([Buffer.from('code,name,shipping_category_id\nA1,Caf'), Buffer.from([0xe9]), Buffer.from(',x\n')]), /line 2, column \d+: is not valid UTF-8/],
  ])('%s: exit 2, where it broke, no import', async (_name, name, content, message) => {
    const before = posts();
    const result = await runCli(['import', 'skus', file(name, content), '--chunk-size', '5', '--base-url', sim.url, '--access-token', TOKEN], { cwd: scratch.dir });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(posts()).toBe(before);
  });
});

test('output that goes away mid-load (| head) is no success: exit 1, not 0', async () => {
  const slow = await startSimulator({ inputsPerSecond: 200, rateLimits: false, accessToken: TOKEN });
  try {
    const path = file('piped.csv', toCsv(skuRows(600, 'PIPE')));
    const child = spawn(process.execPath, [MAIN, 'import', 'skus', path, '--chunk-size', '100', '--base-url', slow.url, '--access-token', TOKEN], {
      cwd: scratch.dir,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // The reader takes the first line and goes, as `head -1` does.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
  } finally {
    await slow.close();
  }
});
