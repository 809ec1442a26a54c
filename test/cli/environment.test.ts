// import --environment: the organization's environment, whose rate limits the load keeps to.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli, scratchDir, skuRows, toCsv } from './run-cli.js';

const TOKEN = 'cli-environment-token-1c4e';
const scratch = scratchDir();
let sim: Simulator;

beforeAll(async () => {
  assertBuilt();
  // Test's limits on the server: a load paced at live's limits runs into them (and its client's
  // retries wait the refused creates through: the test takes a burst window, 10 s).
  sim = await startSimulator({ pacing: { pollsToFinish: 1 }, accessToken: TOKEN });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

test('--environment live paces at live\'s limits: 30 one-record imports at once, past what a test organization takes', async () => {
  const file = scratch.file('skus.csv', toCsv(skuRows(30)));
  const result = await runCli(['import', 'skus', file, '--chunk-size', '1', '--concurrency', '10', '--environment', 'live', '--json', '--base-url', sim.url, '--access-token', TOKEN]);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  // The client retried what the server refused: every record imported all the same.
  expect(sim.counts().throttled).toBeGreaterThan(0);
});

test('--environment other than live or test exits 2 before anything is sent', async () => {
  sim.clearLog();
  const file = scratch.file('one.csv', toCsv(skuRows(1)));
  const result = await runCli(['import', 'skus', file, '--environment', 'production', '--base-url', sim.url, '--access-token', TOKEN]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--environment must be one of live, test/);
  expect(sim.counts().requests).toBe(0);
});
