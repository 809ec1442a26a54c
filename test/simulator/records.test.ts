// The simulated organization's records: an import creates the records that do not exist and updates
// those that do (matched by id, or by the documented unique keys, a parent_resource_id standing for
// the parent's id), each record an input names must exist, and a new organization holds seed
// records with fixed ids. Poll pacing: every import moves only when retrieved, so nothing here waits on time.
import { describe, expect, test } from 'vitest';
import { createImportsClient, type ImportCreateAttributes } from '../../src/index.js';
import { SEED_IDS, SEED_RECORDS, type SimulatorOptions } from '../../src/simulator/index.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();

async function organization(options: SimulatorOptions = {}) {
  const simulator = await simulators.start({ pacing: { pollsToFinish: 1 }, rateLimits: false, ...options });
  const client = createImportsClient({ baseUrl: simulator.url, accessToken: 'records-token', retry: false });
  /** Creates an import and follows it to its end. */
  const load = async (attributes: ImportCreateAttributes) => (await client.waitFor((await client.create(attributes)).id, { intervalMs: 1 })).attributes;
  return { simulator, client, load };
}

const skuRows = (names: string[]) => names.map((name, i) => `SKU-${i + 1},${name},${SEED_IDS.shippingCategory}`);
const skuCsv = (names: string[]) => ['code,name,shipping_category_id', ...skuRows(names)].join('\n');
const withoutIds = (records: Array<Record<string, unknown>>) => records.map(({ id, ...rest }) => rest);

describe('an import updates the records that exist', () => {
  test('a SKU file imported twice creates each SKU once, then updates it: same records, same ids, the changed name', async () => {
    const { simulator, load } = await organization();
    const first = await load({ resource_type: 'skus', format: 'csv', inputs: skuCsv(['Shirt', 'Cap', 'Mug']) });
    expect(first).toMatchObject({ status: 'completed', processed_count: 3, errors_count: 0 });
    const created = simulator.records('skus');
    expect(withoutIds(created)).toStrictEqual([
      { code: 'SKU-1', name: 'Shirt', shipping_category_id: SEED_IDS.shippingCategory },
      { code: 'SKU-2', name: 'Cap', shipping_category_id: SEED_IDS.shippingCategory },
      { code: 'SKU-3', name: 'Mug', shipping_category_id: SEED_IDS.shippingCategory },
    ]);

    const second = await load({ resource_type: 'skus', format: 'csv', inputs: skuCsv(['Shirt', 'Blue cap', 'Mug']) });
    expect(second).toMatchObject({ status: 'completed', processed_count: 3, errors_count: 0, errors_log: {} });
    const updated = simulator.records('skus');
    expect(updated.map((sku) => sku.id)).toStrictEqual(created.map((sku) => sku.id));
    expect(updated.map((sku) => sku.name)).toStrictEqual(['Shirt', 'Blue cap', 'Mug']);
  });

  test('prices match by SKU code and price list (the parent_resource_id): the same SKU in another list is another price', async () => {
    const { simulator, load } = await organization({
      records: { skus: [{ id: 'skuAAAAAAA', code: 'A', name: 'A' }], price_lists: [{ id: 'listEURxxx', name: 'EUR' }, { id: 'listUSDxxx', name: 'USD' }] },
    });
    await load({ resource_type: 'prices', parent_resource_id: 'listEURxxx', inputs: [{ sku_code: 'A', amount_cents: 1000 }] });
    await load({ resource_type: 'prices', parent_resource_id: 'listUSDxxx', inputs: [{ sku_code: 'A', amount_cents: 1100 }] });
    const again = await load({ resource_type: 'prices', parent_resource_id: 'listEURxxx', inputs: [{ sku_code: 'A', amount_cents: 900 }] });
    expect(again).toMatchObject({ status: 'completed', processed_count: 1, errors_count: 0 });
    // An input's own price_list_id wins over the parent (docs, "Specifying the parent resource").
    await load({ resource_type: 'prices', parent_resource_id: 'listEURxxx', inputs: [{ sku_code: 'A', price_list_id: 'listUSDxxx', amount_cents: 1200 }] });
    expect(withoutIds(simulator.records('prices'))).toStrictEqual([
      { sku_code: 'A', amount_cents: 900, price_list_id: 'listEURxxx' },
      { sku_code: 'A', amount_cents: 1200, price_list_id: 'listUSDxxx' },
    ]);
  });

  test('a price naming its SKU by id matches the price of the same SKU named by code', async () => {
    const { simulator, load } = await organization({ records: { skus: [{ id: 'skuAAAAAAA', code: 'A', name: 'A' }], price_lists: [{ id: 'L', name: 'L' }] } });
    await load({ resource_type: 'prices', parent_resource_id: 'L', inputs: [{ sku_code: 'A', amount_cents: 1 }] });
    await load({ resource_type: 'prices', parent_resource_id: 'L', inputs: [{ sku_id: 'skuAAAAAAA', amount_cents: 2 }] });
    expect(simulator.records('prices')).toMatchObject([{ sku_code: 'A', amount_cents: 2, sku_id: 'skuAAAAAAA' }]);
  });

  test('stock items match by SKU code and stock location; customers by email; a record by its id', async () => {
    const { simulator, load } = await organization();
    await load({ resource_type: 'skus', inputs: [{ code: 'S', name: 'S', shipping_category_id: SEED_IDS.shippingCategory }] });
    await load({ resource_type: 'stock_items', parent_resource_id: SEED_IDS.stockLocation, inputs: [{ sku_code: 'S', quantity: 5 }] });
    await load({ resource_type: 'stock_items', inputs: [{ sku_code: 'S', stock_location_id: SEED_IDS.stockLocation, quantity: 7 }] });
    expect(withoutIds(simulator.records('stock_items'))).toStrictEqual([{ sku_code: 'S', quantity: 7, stock_location_id: SEED_IDS.stockLocation }]);

    await load({ resource_type: 'customers', inputs: [{ email: 'ann@example.com', metadata: { tier: 1 } }] });
    await load({ resource_type: 'customers', inputs: [{ email: 'ann@example.com', metadata: { tier: 2 } }] });
    expect(withoutIds(simulator.records('customers'))).toStrictEqual([{ email: 'ann@example.com', metadata: { tier: 2 } }]);

    // By id, a SKU's code itself can change; the old code then names nothing.
    const [sku] = simulator.records('skus');
    await load({ resource_type: 'skus', inputs: [{ id: sku!.id, code: 'S2' }] });
    expect(simulator.records('skus')).toStrictEqual([{ ...sku, code: 'S2' }]);
    const old = await load({ resource_type: 'stock_items', parent_resource_id: SEED_IDS.stockLocation, inputs: [{ sku_code: 'S', quantity: 1 }], skip_errors: true });
    expect(old.errors_log).toStrictEqual({ 0: { sku: ['must exist'] } });
    // A code stays unique: renaming another SKU to S2 by its id is refused.
    await load({ resource_type: 'skus', inputs: [{ code: 'S3', name: 'S3', shipping_category_id: SEED_IDS.shippingCategory }] });
    const other = simulator.records('skus')[1]!;
    const taken = await load({ resource_type: 'skus', inputs: [{ id: other.id, code: 'S2' }], skip_errors: true });
    expect(taken.errors_log).toStrictEqual({ S2: { code: ['has already been taken'] } });
    expect(simulator.records('skus').map((each) => each.code)).toStrictEqual(['S2', 'S3']);
  });

  test('a type with no documented key matches by id only: the same tag imported twice is two tags', async () => {
    const { simulator, load } = await organization();
    await load({ resource_type: 'tags', inputs: [{ name: 'sale' }] });
    await load({ resource_type: 'tags', inputs: [{ name: 'sale' }] });
    const tags = simulator.records('tags');
    expect(withoutIds(tags)).toStrictEqual([{ name: 'sale' }, { name: 'sale' }]);
    expect(new Set(tags.map((tag) => tag.id)).size).toBe(2);
    await load({ resource_type: 'tags', inputs: [{ id: tags[1]!.id, name: 'summer' }] });
    expect(simulator.records('tags').map((tag) => tag.name)).toStrictEqual(['sale', 'summer']);
  });

  test('the inputs of one load apply in order: SKUs, then their prices, then their stock, in imports that follow one another', async () => {
    const { simulator, client } = await organization({ pacing: 'time', inputsPerSecond: 100_000, maxRunning: 1 });
    const codes = Array.from({ length: 50 }, (_, i) => `P${i}`);
    const ids = [
      (await client.create({ resource_type: 'skus', inputs: codes.map((code) => ({ code, name: code, shipping_category_id: SEED_IDS.shippingCategory })) })).id,
      (await client.create({ resource_type: 'prices', parent_resource_id: SEED_IDS.priceList, inputs: codes.map((code) => ({ sku_code: code, amount_cents: 100 })) })).id,
      (await client.create({ resource_type: 'stock_items', parent_resource_id: SEED_IDS.stockLocation, inputs: codes.map((code) => ({ sku_code: code, quantity: 1 })) })).id,
    ];
    for (const id of ids) await expect(client.waitFor(id, { intervalMs: 5 })).resolves.toMatchObject({ attributes: { status: 'completed', errors_count: 0, processed_count: 50 } });
    expect([simulator.records('skus').length, simulator.records('prices').length, simulator.records('stock_items').length]).toStrictEqual([50, 50, 50]);
  });

  test('records() gives copies, and deleting an import leaves its records', async () => {
    const { simulator, client, load } = await organization();
    await load({ resource_type: 'tags', inputs: [{ name: 'a' }] });
    simulator.records('tags')[0]!.name = 'changed';
    expect(simulator.records('tags')[0]!.name).toBe('a');
    await client.delete(simulator.imports()[0]!.id);
    expect(simulator.records('tags')).toHaveLength(1);
    expect(simulator.records('no_such_type')).toStrictEqual([]);
  });
});

describe('references', () => {
  test('an input naming a record the organization does not have fails under the relationship: must exist', async () => {
    const { simulator, load } = await organization();
    const done = await load({
      resource_type: 'skus',
      inputs: [{ code: 'OK', name: 'ok', shipping_category_id: SEED_IDS.shippingCategory }, { code: 'NOPE', name: 'n', shipping_category_id: 'missingId0' }],
      skip_errors: true,
    });
    expect(done).toMatchObject({ processed_count: 1, errors_count: 1, errors_log: { NOPE: { shipping_category: ['must exist'] } } });
    const prices = await load({
      resource_type: 'prices',
      inputs: [
        { sku_code: 'GHOST', price_list_id: SEED_IDS.priceList, amount_cents: 1 },
        { sku_code: 'OK', price_list_id: 'noSuchList', amount_cents: 1 },
        { sku_id: 'noSuchSku0', price_list_id: SEED_IDS.priceList, amount_cents: 1 },
      ],
      skip_errors: true,
    });
    expect(prices).toMatchObject({ processed_count: 0, errors_count: 3 });
    // Prices have no code: each entry is keyed by its input's 0-based place.
    expect(prices.errors_log).toStrictEqual({ 0: { sku: ['must exist'] }, 1: { price_list: ['must exist'] }, 2: { sku: ['must exist'] } });
    const stock = await load({ resource_type: 'stock_items', parent_resource_id: 'nowhere', inputs: [{ sku_code: 'OK', quantity: 1 }], skip_errors: true });
    expect(stock.errors_log).toStrictEqual({ 0: { stock_location: ['must exist'] } });
    expect(simulator.records('prices')).toStrictEqual([]);
    expect(simulator.records('stock_items')).toStrictEqual([]);
  });

  test('a polymorphic relationship finds its record in any of its kinds (a tax category\'s manual tax calculator)', async () => {
    const { simulator, load } = await organization();
    await load({ resource_type: 'skus', inputs: [{ code: 'T', name: 'T', shipping_category_id: SEED_IDS.shippingCategory }] });
    const done = await load({ resource_type: 'tax_categories', parent_resource_id: SEED_IDS.taxCalculator, inputs: [{ code: 'VAT', sku_code: 'T' }] });
    expect(done).toMatchObject({ status: 'completed', errors_count: 0 });
    expect(simulator.records('tax_categories')).toMatchObject([{ code: 'VAT', sku_code: 'T', tax_calculator_id: SEED_IDS.taxCalculator }]);
  });
});

describe('seed records', () => {
  test('a new organization holds a market, a shipping category, a price list, a stock location, a promotion rule and a tax calculator', async () => {
    const { simulator } = await organization();
    const seeded = (type: string) => simulator.records(type).map((record) => record.id);
    expect(seeded('markets')).toStrictEqual([SEED_IDS.market]);
    expect(seeded('shipping_categories')).toStrictEqual([SEED_IDS.shippingCategory]);
    expect(seeded('price_lists')).toStrictEqual([SEED_IDS.priceList]);
    expect(seeded('stock_locations')).toStrictEqual([SEED_IDS.stockLocation]);
    expect(seeded('coupon_codes_promotion_rules')).toStrictEqual([SEED_IDS.promotionRule]);
    expect(seeded('manual_tax_calculators')).toStrictEqual([SEED_IDS.taxCalculator]);
    // The exported seed cannot be changed by mistake for every later simulator.
    expect(() => SEED_RECORDS.markets!.push({ id: 'another00' })).toThrow(TypeError);
    expect(() => Object.assign(SEED_RECORDS.markets![0]!, { name: 'changed' })).toThrow(TypeError);
  });

  test('records replaces them: {} starts empty, and a seeded SKU is updated by its code', async () => {
    const empty = await organization({ records: {} });
    const refused = await empty.load({ resource_type: 'skus', inputs: [{ code: 'A', name: 'a', shipping_category_id: SEED_IDS.shippingCategory }], skip_errors: true });
    expect(refused.errors_log).toStrictEqual({ A: { shipping_category: ['must exist'] } });
    expect(empty.simulator.records('markets')).toStrictEqual([]);

    const own = await organization({ records: { shipping_categories: [{ id: 'myCategory', name: 'Mine' }], skus: [{ id: 'mySku00000', code: 'A', name: 'old', shipping_category_id: 'myCategory' }] } });
    await own.load({ resource_type: 'skus', inputs: [{ code: 'A', name: 'new' }] });
    expect(own.simulator.records('skus')).toStrictEqual([{ id: 'mySku00000', code: 'A', name: 'new', shipping_category_id: 'myCategory' }]);
  });
});
