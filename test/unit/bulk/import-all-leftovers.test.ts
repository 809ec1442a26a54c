// What a load leaves on the server, as a user would look at it afterwards: one live import per
// chunk even when a create given up for lost arrives after all; every import interrupted, pending
// ones included, after an abort with interruptOnAbort; no chunk created twice when a group of more
// than one page of imports is run again. The simulator moves imports one step per poll here, so an
// import the client does not follow stays where it is: only the client can have interrupted it.
import { describe, expect, test } from 'vitest';
import { createImportsClient, type ImportInput } from '../../../src/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { createsOf, simulatedOrg, skus } from '../../support/simulated-org.js';

const byReference = (simulator: Simulator, reference: string) => simulator.imports().filter((each) => each.attributes.reference === reference);
const patchesOf = (simulator: Simulator, id: string) => simulator.requests.filter((request) => request.method === 'PATCH' && request.path.split('?')[0] === `/api/imports/${id}`);

/**
 * A fetch that holds the first create for `reference` until the client has given it up for lost
 * (its attempt times out) and sent it again; it then delivers the held one right after the resent
 * one is stored, before the client hears back: two imports for one chunk, the later one a duplicate.
 */
function heldFirstCreate(reference: string): typeof fetch {
  let held: (() => Promise<unknown>) | undefined;
  let creates = 0;
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (init?.method !== 'POST' || !body.includes(`"reference":"${reference}"`)) return fetch(input, init);
    if (++creates === 1) {
      held = () => fetch(input, { ...init, signal: undefined });
      return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    const answer = await fetch(input, init);
    await held?.().catch(() => {});
    held = undefined;
    return answer;
  };
}

describe('a create given up for lost that arrives after all', () => {
  test('the client interrupts the duplicate itself: one live import per chunk, every record imported once', async () => {
    // Never polled, the duplicate would stay pending for ever: the simulator cannot interrupt it for its errors.
    const { simulator } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const client = createImportsClient({
      baseUrl: simulator.url, accessToken: 'late', timeoutMs: 1000, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 }, fetch: heldFirstCreate('held-0001'),
    });
    // Distinct codes in each chunk, none repeated: no record of one import can collide with another's.
    const summary = await client.importAll('skus', skus(20), { group: 'held', chunkSize: 10, intervalMs: 5, concurrency: 1 });
    expect(summary).toMatchObject({ imported_count: 20, failed_count: 0, not_processed_count: 0, failures: [] });
    expect(createsOf(simulator, 'held', 2)).toStrictEqual([2, 1]);

    for (const reference of ['held-0001', 'held-0002']) {
      const live = byReference(simulator, reference).filter((each) => each.attributes.status !== 'interrupted');
      expect(live.map((each) => each.attributes.status), reference).toStrictEqual(['completed']);
    }
    const [duplicate] = byReference(simulator, 'held-0001').filter((each) => each.attributes.status === 'interrupted');
    expect(duplicate?.attributes.processed_count).toBe(0);
    // The test sends no PATCH: the one in the log is the client's.
    expect(patchesOf(simulator, duplicate!.id).map((request) => request.status)).toStrictEqual([200]);
  });
});

describe('interruptOnAbort', () => {
  test('imports still pending behind a running one are interrupted too', async () => {
    // One import runs at a time: the others wait, pending, until a slot frees.
    const { simulator, client } = await simulatedOrg({ rateLimits: false, maxRunning: 1, pacing: { pollsToFinish: 1000 } });
    const controller = new AbortController();
    let atAbort: string[] = [];
    const run = client.importAll('skus', skus(300), {
      group: 'queued', chunkSize: 100, concurrency: 3, intervalMs: 5, signal: controller.signal, interruptOnAbort: true,
      onProgress: () => {
        const statuses = simulator.imports().map((each) => each.attributes.status);
        if (statuses.length === 3 && statuses.includes('in_progress')) {
          atAbort = statuses;
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(atAbort.filter((status) => status === 'pending')).toHaveLength(2);
    expect(simulator.imports().map((each) => each.attributes.status)).toStrictEqual(['interrupted', 'interrupted', 'interrupted']);
  });
});

describe('resuming a group of more than one page of imports', () => {
  /** What an earlier run left: completed imports for the first `chunks` one-record chunks, as importAll or Commerce Layer's CLI writes them. */
  async function earlierRun(simulator: Simulator, group: string, records: ImportInput[], chunks: number): Promise<void> {
    for (let index = 0; index < chunks; index++) {
      const attributes = {
        resource_type: 'skus', format: 'json', inputs: [records[index]], reference: `${group}-${String(index + 1).padStart(4, '0')}`,
        reference_origin: 'commercelayer-imports', metadata: { group_id: group, chunk_number: `${index + 1}/${records.length}`, chunk_items: `${index + 1}-${index + 1}` },
      };
      const response = await fetch(`${simulator.url}/api/imports`, {
        method: 'POST',
        headers: { authorization: 'Bearer earlier-run', 'content-type': 'application/vnd.api+json' },
        body: JSON.stringify({ data: { type: 'imports', attributes } }),
      });
      expect(response.status).toBe(201);
    }
  }

  test('an earlier run stopped after 28 of 31 chunks: only the 3 missing chunks are created', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const records = skus(31);
    // Sent without the client, whose pacing allows 25 creates per 10 s: the test stays quick.
    await earlierRun(simulator, 'paged', records, 28);
    const summary = await client.importAll('skus', records, { group: 'paged', chunkSize: 1, concurrency: 10, intervalMs: 5 });
    expect(createsOf(simulator, 'paged', 31)).toStrictEqual(Array(31).fill(1));
    expect(summary).toMatchObject({ chunks: 31, imported_count: 31, failed_count: 0, not_processed_count: 0 });
  });
});
