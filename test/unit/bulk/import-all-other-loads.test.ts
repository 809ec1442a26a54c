// A group that holds another load's imports (another resource type, another parent_resource_id, or
// other chunk_items than this load's chunk, on any import of a chunk, duplicates included) is
// refused before anything is sent: no interrupt, no create. One that another load begins using
// during the run is left alone by the end's reconciliation, and the summary says so.
import { describe, expect, test } from 'vitest';
import { InputError, readImportGroup, type ImportInput } from '../../../src/index.js';
import { SEED_IDS } from '../../../src/simulator/index.js';
import { simulatedOrg, skus } from '../../support/simulated-org.js';

const tags = (n: number): ImportInput[] => Array.from({ length: n }, (_, i) => ({ name: `Tag ${i}` }));
const prices = (n: number): ImportInput[] => Array.from({ length: n }, (_, i) => ({ sku_code: `SKU${i}`, amount_cents: 100 + i }));

/** Every request but reads: what importAll sent that changes something. */
const writes = (requests: readonly { method: string }[]) => requests.filter((each) => each.method !== 'GET');

describe('a group that another load uses', () => {
  test("another tool's prices load with two pending imports of daily-0001: a SKU load is refused, nothing interrupted, nothing created", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const chunk = { resource_type: 'prices' as const, parent_resource_id: SEED_IDS.priceList, inputs: prices(10), reference: 'daily-0001', reference_origin: 'cli-plugin-imports', metadata: { chunk_items: '1-10' } };
    const first = await client.create(chunk);
    const second = await client.create(chunk);
    simulator.clearLog();
    const error = await client.importAll('skus', skus(10), { group: 'daily', chunkSize: 10, intervalMs: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `Group daily cannot be resumed with these records: its import ${first.id} (daily-0001) imports prices, where this load imports skus (and 1 more import of another load); another load uses this group. Use another group to start a separate load.`,
    );
    expect(writes(simulator.requests)).toStrictEqual([]);
    expect(simulator.imports().map((each) => [each.id, each.attributes.status])).toStrictEqual([[first.id, 'pending'], [second.id, 'pending']]);
  });

  test('the same resource type under another parent_resource_id: refused before anything is sent', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const other = await client.create({ resource_type: 'prices', parent_resource_id: SEED_IDS.priceList, inputs: prices(10), reference: 'eur-0001', metadata: { chunk_items: '1-10' } });
    simulator.clearLog();
    const error = await client.importAll('prices', prices(10), { group: 'eur', chunkSize: 10, intervalMs: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`its import ${other.id} (eur-0001) has parent_resource_id ${SEED_IDS.priceList}, where this load's is none`);
    expect(writes(simulator.requests)).toStrictEqual([]);
  });

  test("a duplicate whose chunk_items differ from the chunk's is refused, though the import kept for the chunk matches", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const records = tags(10);
    const kept = await client.create({ resource_type: 'tags', inputs: records, reference: 'mixed-0001', metadata: { chunk_items: '1-10' } });
    const other = await client.create({ resource_type: 'tags', inputs: records.slice(0, 5), reference: 'mixed-0001', metadata: { chunk_items: '1-5' } });
    simulator.clearLog();
    const error = await client.importAll('tags', records, { group: 'mixed', chunkSize: 10, intervalMs: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`its import ${other.id} (mixed-0001) holds records 1-5, where chunk 1 of these records holds 1-10: the records or the chunk size differ`);
    expect(writes(simulator.requests)).toStrictEqual([]);
    expect(simulator.imports().map((each) => [each.id, each.attributes.status])).toStrictEqual([[kept.id, 'pending'], [other.id, 'pending']]);
  });

  test("another load's import that appears during the run: the end's read leaves it running and the summary says so", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    let created: Promise<{ id: string }> | undefined;
    const summary = await client.importAll('tags', tags(10), {
      group: 'late-other', chunkSize: 10, intervalMs: 5,
      onProgress: () => {
        created ??= client.create({ resource_type: 'prices', parent_resource_id: SEED_IDS.priceList, inputs: prices(10), reference: 'late-other-0001', metadata: { chunk_items: '1-10' } });
      },
    });
    const other = await created!;
    expect(summary).toMatchObject({ imported_count: 10, not_processed_count: 0, failures: [], reconciliations: [] });
    expect(summary.group_check_error).toBeInstanceOf(InputError);
    expect((summary.group_check_error as Error).message).toContain(`its import ${other.id} (late-other-0001) imports prices, where this load imports tags`);
    expect(simulator.imports().find((each) => each.id === other.id)!.attributes.status).toBe('pending');
  });

  test("interruptOnAbort interrupts this load's running imports, never another load's in the group", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 1000 } });
    const controller = new AbortController();
    let other: Promise<{ id: string }> | undefined;
    const run = client.importAll('tags', tags(20), {
      group: 'abort-shared', chunkSize: 10, concurrency: 1, intervalMs: 5, signal: controller.signal, interruptOnAbort: true,
      onProgress: () => {
        other ??= client.create({ resource_type: 'prices', parent_resource_id: SEED_IDS.priceList, inputs: prices(10), reference: 'abort-shared-0002', metadata: { chunk_items: '11-20' } });
        void other.then(() => controller.abort());
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const { id } = await other!;
    const statuses = simulator.imports().map((each) => [each.attributes.resource_type, each.attributes.status]);
    expect(statuses).toStrictEqual([['tags', 'interrupted'], ['prices', 'pending']]);
    expect(simulator.imports()[1]!.id).toBe(id);
  });

  test('readImportGroup: the imports by chunk, the kept one, and with a load, what another load made', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const records = tags(10);
    const pending = await client.create({ resource_type: 'tags', inputs: records, reference: 'read-0001', metadata: { chunk_items: '1-10' } });
    const running = await client.create({ resource_type: 'tags', inputs: records, reference: 'read-0001', metadata: { chunk_items: '1-10' } });
    await client.retrieve(running.id); // pending → in_progress
    const foreign = await client.create({ resource_type: 'skus', inputs: skus(5), reference: 'read-0002', metadata: { chunk_items: '11-15' } });
    await client.create({ resource_type: 'tags', inputs: records, reference: 'read-2-0001' }); // another group, whose name starts with this one's
    const all = await readImportGroup(client, 'read');
    expect([...all.imports].map(([chunk, each]) => [chunk, each.map((imported) => imported.id)])).toStrictEqual([[0, [pending.id, running.id]], [1, [foreign.id]]]);
    expect(all.kept.get(0)!.id).toBe(running.id);
    expect(all.conflicts).toStrictEqual([]);
    const mine = await readImportGroup(client, 'read', { load: { resourceType: 'tags', chunkSize: 10, total: 15 } });
    expect([...mine.imports.keys()]).toStrictEqual([0]);
    expect(mine.conflicts).toStrictEqual([{ chunk: 1, id: foreign.id, reference: 'read-0002', reason: 'imports skus, where this load imports tags' }]);
    expect(mine.conflict).toBe(`its import ${foreign.id} (read-0002) imports skus, where this load imports tags`);
    await expect(readImportGroup(client, 'a,b')).rejects.toThrow(InputError);
  });
});
