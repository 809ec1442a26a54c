// The dry run's plan reads the group as importAll does (readImportGroup): the kept import decides a
// chunk's action by the same ranking, and, given the load's resource type and parent, an import of
// another load makes the import refuse the group, whichever import of the chunk it is.
import { describe, expect, test } from 'vitest';
import { groupPlan } from '../../src/cli/group-plan.js';
import { SEED_IDS } from '../../src/simulator/index.js';
import { simulatedOrg } from '../support/simulated-org.js';

const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Tag ${i}` }));

describe("the dry run's plan", () => {
  test('the kept import decides each chunk: in progress over an earlier pending one; a chunk without an import is sent', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const attributes = { resource_type: 'tags' as const, inputs: tags(10), reference: 'plan-0001', metadata: { chunk_items: '1-10' } };
    await client.create(attributes);
    const running = await client.create(attributes);
    await client.retrieve(running.id); // pending → in_progress
    const plan = await groupPlan(client, 'plan', 15, 10, { resourceType: 'tags', parentResourceId: null });
    expect(plan).toStrictEqual({
      chunks: [
        { chunk: 1, reference: 'plan-0001', action: 'followed', status: 'in_progress', id: running.id },
        { chunk: 2, reference: 'plan-0002', action: 'sent' },
      ],
    });
  });

  test("a duplicate of another resource type or parent: the import would refuse the group; without the load's type, only records are checked", async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    await client.create({ resource_type: 'prices', parent_resource_id: SEED_IDS.priceList, inputs: [{ sku_code: 'SKU1', amount_cents: 100 }], reference: 'mine-0001', metadata: { chunk_items: '1-10' } });
    const other = await client.create({ resource_type: 'skus', inputs: [{ code: 'S', name: 'S', shipping_category_id: SEED_IDS.shippingCategory }], reference: 'mine-0001', metadata: { chunk_items: '1-10' } });
    const plan = await groupPlan(client, 'mine', 10, 10, { resourceType: 'prices', parentResourceId: SEED_IDS.priceList });
    expect(plan.conflict).toBe(`its import ${other.id} (mine-0001) imports skus, where this load imports prices`);
    const otherParent = await groupPlan(client, 'mine', 10, 10, { resourceType: 'prices', parentResourceId: 'another' });
    expect(otherParent.conflict).toMatch(new RegExp(`^its import \\w+ \\(mine-0001\\) has parent_resource_id ${SEED_IDS.priceList}, where this load's is another \\(and 1 more import of another load\\)$`));
    expect((await groupPlan(client, 'mine', 10, 10)).conflict).toBeUndefined();
  });
});
