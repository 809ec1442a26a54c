// The edges of a load: a source that stalls, a total that does not match, a group holding more than
// these records, credentials refused, a finished chunk whose read fails on resume, a create that
// reaches the server after it was given up for lost, and CSV's lone empty field.
import { describe, expect, test } from 'vitest';
import { createImportsClient, type ImportInput, InputError } from '../../../src/index.js';
import { createsOf, simulatedOrg, skus } from '../../support/simulated-org.js';

describe('stopping', () => {
  test('an abort settles at once even while the source waits for its next record', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    async function* stalls(): AsyncGenerator<ImportInput> {
      yield* skus(5);
      await new Promise(() => {}); // a socket, a cursor, standard input: no next record yet
    }
    const controller = new AbortController();
    const run = client.importAll('skus', stalls(), { chunkSize: 2, intervalMs: 5, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped')), 300);
    await expect(run).rejects.toThrow('stopped');
  });

  test('credentials the API refuses end the load at the first chunk, not one chunk at a time', async () => {
    const { simulator } = await simulatedOrg({ rateLimits: false, accessToken: 'the-right-one' });
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: 'a-wrong-one', retry: false });
    await expect(client.importAll('skus', skus(50), { chunkSize: 10, intervalMs: 5 })).rejects.toMatchObject({ status: 401 });
    expect(simulator.counts().requests).toBe(1);
  });
});

describe('total', () => {
  test('more records than total: refused before the chunk that holds the extra one is sent', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skus', skus(25).values(), { chunkSize: 10, total: 15, intervalMs: 5, concurrency: 1 })).rejects.toThrow(
      /more than the 15 that total says: record 16/,
    );
    expect(simulator.imports().map((i) => i.attributes.inputs_size)).toStrictEqual([10]);
  });

  test('fewer records than total: refused before the last, short chunk is sent', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skus', skus(25).values(), { chunkSize: 10, total: 30, intervalMs: 5, concurrency: 1 })).rejects.toThrow(
      /ended at 25, where total says 30/,
    );
    expect(simulator.imports()).toHaveLength(2);
  });
});

describe('resuming', () => {
  test('a group holding chunks past these records is refused when the source ends, before following anything', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await client.importAll('skus', skus(40), { group: 'shrunk', chunkSize: 10, intervalMs: 5 });
    const posts = simulator.counts().byMethod.POST;
    await expect(client.importAll('skus', skus(30).values(), { group: 'shrunk', chunkSize: 10, intervalMs: 5 })).rejects.toThrow(/past the end of these records \(shrunk-0004\)/);
    expect(simulator.counts().byMethod.POST).toBe(posts);
  });

  test("a finished chunk whose read fails for a while is still counted as imported", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await client.importAll('skus', skus(20), { group: 'flaky', chunkSize: 10, intervalMs: 5 });
    const first = simulator.imports()[0]!.id;
    simulator.fault({ method: 'GET', path: new RegExp(`/api/imports/${first}`), answer: 503, times: 4 });
    const summary = await client.importAll('skus', skus(20), { group: 'flaky', chunkSize: 10, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 20, not_processed_count: 0, failures: [], resumed_chunks: 2 });
  });
});

describe('a create given up for lost', () => {
  /** A fetch that delivers the first create `lateMs` late, after the client has given up on it (timeout 1 s). */
  function lateFirstCreate(lateMs: number): typeof fetch {
    let delayed = false;
    return async (input, init) => {
      if (delayed || init?.method !== 'POST') return fetch(input, init);
      delayed = true;
      void new Promise((resolve) => setTimeout(resolve, lateMs)).then(() => fetch(input, { ...init, signal: undefined })).catch(() => {});
      return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    };
  }

  test.each([
    // Arrives while the client waits before looking it up (1 s, the attempt's timeout): found, not sent again.
    [1_500, 1, 0],
    // Arrives after the lookup, once the create was sent again: the later of the two is interrupted at once.
    [2_500, 2, 1],
  ])('delivered %i ms late: %i create(s) stored, %i interrupted, every record imported once', async (lateMs, creates, interrupted) => {
    const { simulator } = await simulatedOrg({ rateLimits: false, inputsPerSecond: 5 });
    const client = createImportsClient({
      baseUrl: simulator.url, accessToken: 'late', timeoutMs: 1000, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 }, fetch: lateFirstCreate(lateMs),
    });
    const summary = await client.importAll('skus', skus(10), { group: 'late', chunkSize: 10, intervalMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, lateMs - 1000)); // let a late create land, if it has not yet
    expect(createsOf(simulator, 'late', 1)).toStrictEqual([creates]);
    expect(simulator.imports().filter((i) => i.attributes.status === 'interrupted')).toHaveLength(interrupted);
    expect(summary).toMatchObject({ imported_count: 10, failures: [] });
  }, 30_000);
});

describe('CSV', () => {
  test('a single column with empty values: every row arrives, none read as a blank line', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const records = [{ name: 'a' }, { name: '' }, { name: null }, { name: 'd' }];
    await client.importAll('tags', records, { format: 'csv', chunkSize: 10, intervalMs: 5 });
    expect(simulator.imports()[0]!.attributes.inputs_size).toBe(4);
  });
});

test('InputError is what a bad total is', async () => {
  const { client } = await simulatedOrg({ rateLimits: false });
  await expect(client.importAll('skus', skus(3), { total: 4 })).rejects.toBeInstanceOf(InputError);
});
