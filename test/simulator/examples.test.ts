// The files of examples/ load against a new simulated organization as the walkthrough does: SKUs
// (in the seed shipping category), then their prices (in the seed price list), then their stock (in
// the seed stock location); loaded again, every row updates its record and none is added.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createImportsClient, type ImportCreateAttributes } from '../../src/index.js';
import { SEED_IDS } from '../../src/simulator/index.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

const WALKTHROUGH: Array<[ImportCreateAttributes['resource_type'], string, string | undefined]> = [
  ['skus', 'skus.csv', undefined],
  ['prices', 'prices.csv', SEED_IDS.priceList],
  ['stock_items', 'stock_items.csv', SEED_IDS.stockLocation],
];

describe('examples/', () => {
  test('SKUs, then prices, then stock: every row imports; the same files again update every record and add none', async () => {
    const simulator = await simulators.start({ pacing: { pollsToFinish: 1 }, rateLimits: false });
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: 'examples-token', retry: false });
    const counts = () => WALKTHROUGH.map(([type]) => simulator.records(type).length);
    for (const round of [1, 2]) {
      for (const [resourceType, file, parent] of WALKTHROUGH) {
        const { id } = await client.create({ resource_type: resourceType, format: 'csv', inputs: example(file), ...(parent && { parent_resource_id: parent }) });
        const { attributes } = await client.waitFor(id, { intervalMs: 1 });
        expect(attributes, `${file}, round ${round}`).toMatchObject({ status: 'completed', processed_count: 5, errors_count: 0, errors_log: {} });
      }
      expect(counts()).toStrictEqual([5, 5, 5]);
    }
    expect(simulator.records('prices')).toContainEqual(expect.objectContaining({ sku_code: 'MUGXXXXX000000FFFFFFXXXX', amount_cents: '1200', price_list_id: SEED_IDS.priceList }));
  });
});
