// The client counts every request it sends against the API's limits, reads (GET) and writes apart
// (Commerce Layer's rate limits: per class of request, see the imports facts), so that importAll,
// which waits on those counts, stays inside the limits whatever else the caller sent through the
// same client. The simulator enforces test's limits: 125 reads and 25 writes per 10 s.
import { afterAll, describe, expect, test } from 'vitest';
import { createImportsClient } from '../../../src/index.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';

const sims: Simulator[] = [];
afterAll(() => Promise.all(sims.map((sim) => sim.close())));

/** A fresh organization, and a client that paces by test's limits and does not retry a 429 away. */
async function organization() {
  const sim = await startSimulator({ pacing: { pollsToFinish: 1 } });
  sims.push(sim);
  return { sim, client: createImportsClient({ baseUrl: sim.url, accessToken: 'an-opaque-token', retry: false }) };
}
const record = (code: string) => ({ code, name: 'n', shipping_category_id: 'nBAvrhRZBl' });

// Each of these waits out one window (10 s) before its load can start: the wait is the point.
describe.concurrent('importAll after calls the caller made itself', () => {
  test('25 creates use up the write window: importAll waits for it rather than meet a 429', async () => {
    const { sim, client } = await organization();
    for (let i = 0; i < 25; i++) await client.create({ resource_type: 'skus', inputs: [record(`OWN${i}`)] });
    const summary = await client.importAll('skus', [record('LOAD0')], { chunkSize: 1 });
    expect(summary.failures).toStrictEqual([]);
    expect(sim.counts()).toMatchObject({ throttled: 0 });
    expect(sim.counts().byMethod.POST).toBe(26);
  }, 60_000);

  test('125 reads use up the read window, not the write one: importAll waits before it reads, then loads', async () => {
    const { sim, client } = await organization();
    for (let i = 0; i < 125; i++) await client.list({ page: { size: 1 } });
    const summary = await client.importAll('skus', [record('LOAD1')], { chunkSize: 1 });
    expect(summary.failures).toStrictEqual([]);
    expect(sim.counts()).toMatchObject({ throttled: 0 });
  }, 60_000);
});
