// readImportGroup as its users see it (resume, the end's reconciliation, the command line's plan and
// group commands all read a group through it): which import counts for a chunk when a chunk has
// several, which references belong to the group, and the words for another load's imports. The
// simulator moves imports one step per retrieval here, so each import's state is set by the test.
import { describe, expect, test } from 'vitest';
import { readImportGroup, type Import, type ImportInput, type ImportsClient } from '../../../src/index.js';
import { SEED_IDS } from '../../../src/simulator/index.js';
import { simulatedOrg } from '../../support/simulated-org.js';

const tags = (n: number, from = 0): ImportInput[] => Array.from({ length: n }, (_, i) => ({ name: `Tag ${from + i}` }));

/** An import of `reference` moved on by `polls` retrievals (pollsToFinish 4: 1 in progress, 5 completed). */
async function importAt(client: ImportsClient, reference: string, polls: number, chunkItems = '1-10'): Promise<Import> {
  const created = await client.create({ resource_type: 'tags', inputs: tags(10), reference, metadata: { chunk_items: chunkItems } });
  let current = created;
  for (let i = 0; i < polls; i++) current = await client.retrieve(created.id);
  return current;
}

describe('the import that counts for a chunk', () => {
  test('completed beats a later in-progress one; in progress beats pending; pending beats interrupted', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const interrupted = await importAt(client, 'rank-0001', 0);
    await client.interrupt(interrupted.id);
    const pending = await importAt(client, 'rank-0001', 0);
    expect((await readImportGroup(client, 'rank')).kept.get(0)!.id).toBe(pending.id);
    const running = await importAt(client, 'rank-0001', 1);
    expect((await readImportGroup(client, 'rank')).kept.get(0)!.id).toBe(running.id);
    const completed = await importAt(client, 'rank-0002', 5, '11-20');
    await importAt(client, 'rank-0002', 2, '11-20');
    const group = await readImportGroup(client, 'rank');
    expect(completed.attributes.status).toBe('completed');
    expect(group.kept.get(1)!.id).toBe(completed.id);
    expect(group.imports.get(0)!.map((each) => each.id)).toStrictEqual([interrupted.id, pending.id, running.id]);
  });

  test('of two in progress, the one further on; of two alike, the earlier; of two completed, the earlier', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    await importAt(client, 'far-0001', 1);
    const further = await importAt(client, 'far-0001', 3);
    await importAt(client, 'far-0001', 2);
    const earlier = await importAt(client, 'far-0002', 2, '11-20');
    await importAt(client, 'far-0002', 2, '11-20');
    const firstDone = await importAt(client, 'far-0003', 5, '21-30');
    await importAt(client, 'far-0003', 5, '21-30');
    const group = await readImportGroup(client, 'far');
    expect(further.attributes.processed_count).toBeGreaterThan(0);
    expect(group.kept.get(0)!.id).toBe(further.id);
    expect(group.kept.get(1)!.id).toBe(earlier.id);
    expect(group.kept.get(2)!.id).toBe(firstDone.id);
  });
});

describe('which imports belong to the group', () => {
  test('a group named with characters a pattern would read otherwise; references of four digits or more only', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const mine = await importAt(client, 'v1.2+x-0001', 0);
    const tenThousandth = await importAt(client, 'v1.2+x-10000', 0);
    await importAt(client, 'v1.2+x-001', 0);
    await importAt(client, 'v1.2+x-0001b', 0);
    const group = await readImportGroup(client, 'v1.2+x');
    expect([...group.imports].map(([chunk, each]) => [chunk, each.map((imported) => imported.id)])).toStrictEqual([[0, [mine.id]], [9999, [tenThousandth.id]]]);
  });
});

describe("another load's imports, in words", () => {
  test('a chunk past the records, and the count of the others', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    await importAt(client, 'past-0001', 0, '1-10');
    const third = await importAt(client, 'past-0003', 0, '21-30');
    const fourth = await importAt(client, 'past-0004', 0, '31-40');
    const fifth = await importAt(client, 'past-0005', 0, '41-50');
    const group = await readImportGroup(client, 'past', { load: { resourceType: 'tags', chunkSize: 10, total: 15 } });
    expect(group.conflicts).toStrictEqual([
      { chunk: 2, id: third.id, reference: 'past-0003', reason: 'is past the 2 chunks of these 15 records' },
      { chunk: 3, id: fourth.id, reference: 'past-0004', reason: 'is past the 2 chunks of these 15 records' },
      { chunk: 4, id: fifth.id, reference: 'past-0005', reason: 'is past the 2 chunks of these 15 records' },
    ]);
    expect(group.conflict).toBe(`its import ${third.id} (past-0003) is past the 2 chunks of these 15 records (and 2 more imports of another load)`);
    expect([...group.imports.keys()]).toStrictEqual([0]);
  });

  test('without total, the last chunk may be short; another chunk may not', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const shortFirst = await importAt(client, 'short-0001', 0, '1-7');
    const last = await importAt(client, 'short-0002', 0, '11-14');
    const group = await readImportGroup(client, 'short', { load: { chunkSize: 10 } });
    expect(group.conflicts).toStrictEqual([
      { chunk: 0, id: shortFirst.id, reference: 'short-0001', reason: 'holds records 1-7, where chunk 1 of these records holds 1-10 or fewer: the records or the chunk size differ' },
    ]);
    expect([...group.kept].map(([chunk, kept]) => [chunk, kept.id])).toStrictEqual([[1, last.id]]);
    // A last chunk longer than the chunk size, or starting elsewhere, is another load's.
    const long = await readImportGroup(client, 'short', { load: { chunkSize: 3 } });
    expect(long.conflicts.map((each) => each.reason)).toStrictEqual([
      'holds records 1-7, where chunk 1 of these records holds 1-3 or fewer: the records or the chunk size differ',
      'holds records 11-14, where chunk 2 of these records holds 4-6 or fewer: the records or the chunk size differ',
    ]);
  });

  test('parent_resource_id: an import under one where the load has none, and the other way round', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const prices = [{ sku_code: 'SKU1', amount_cents: 100 }];
    const under = await client.create({ resource_type: 'prices', parent_resource_id: SEED_IDS.priceList, inputs: prices, reference: 'parent-0001', metadata: { chunk_items: '1-1' } });
    const none = await readImportGroup(client, 'parent', { load: { resourceType: 'prices', parentResourceId: null } });
    expect(none.conflicts).toStrictEqual([{ chunk: 0, id: under.id, reference: 'parent-0001', reason: `has parent_resource_id ${SEED_IDS.priceList}, where this load's is none` }]);
    const other = await readImportGroup(client, 'parent', { load: { resourceType: 'prices', parentResourceId: 'xYZkjABcde' } });
    expect(other.conflicts.map((each) => each.reason)).toStrictEqual([`has parent_resource_id ${SEED_IDS.priceList}, where this load's is xYZkjABcde`]);
    const same = await readImportGroup(client, 'parent', { load: { resourceType: 'prices', parentResourceId: SEED_IDS.priceList, chunkSize: 1, total: 1 } });
    expect(same.conflicts).toStrictEqual([]);
    expect(same.conflict).toBeUndefined();
    expect(same.kept.get(0)!.id).toBe(under.id);
  });
});
