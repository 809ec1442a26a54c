// The simulator's verdicts come from the library's records table: for each of these types, an input
// with every required attribute and relationship imports, and the same input without any one of
// them (the others kept, so that the input is not empty) fails with "can't be blank" under its name (a relationship the API also takes by code, such as
// a price's SKU, under its code attribute). A value of the wrong type fails with the table's message.
import { describe, expect, test } from 'vitest';
import { createImportsClient, type ImportCreateAttributes } from '../../src/index.js';
import { SEED_IDS, SEED_RECORDS } from '../../src/simulator/index.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();

// The records the inputs below name, besides the seed ones.
const records = {
  ...SEED_RECORDS,
  skus: [{ id: 'skuAAAAAAA', code: 'A', name: 'A', shipping_category_id: SEED_IDS.shippingCategory }],
  sku_lists: [{ id: 'skuList000', name: 'Summer' }],
  addresses: [{ id: 'address000', city: 'Milan', country_code: 'IT', line_1: 'Via Roma 1', phone: '+39 02 0000' }],
  customers: [{ id: 'customer00', email: 'ann@example.com' }],
};

type Case = [ImportCreateAttributes['resource_type'], Record<string, unknown>, string[]];
const CASES: Case[] = [
  ['skus', { code: 'K1', name: 'Shirt', shipping_category_id: SEED_IDS.shippingCategory }, ['code', 'name', 'shipping_category_id']],
  ['prices', { sku_code: 'A', amount_cents: 100, price_list_id: SEED_IDS.priceList }, ['sku_code', 'amount_cents', 'price_list_id']],
  ['stock_items', { sku_code: 'A', quantity: 3, stock_location_id: SEED_IDS.stockLocation }, ['sku_code', 'quantity', 'stock_location_id']],
  ['shipping_categories', { name: 'Heavy', reference: 'erp-1' }, ['name']],
  ['customers', { email: 'bob@example.com', reference: 'erp-2' }, ['email']],
  ['coupons', { code: 'WELCOME', promotion_rule_id: SEED_IDS.promotionRule }, ['code', 'promotion_rule_id']],
  ['gift_cards', { balance_cents: 5000, currency_code: 'EUR' }, ['balance_cents', 'currency_code']],
  ['price_lists', { name: 'USD', currency_code: 'USD' }, ['name', 'currency_code']],
  ['bundles', { code: 'B1', name: 'Kit', sku_list_id: 'skuList000', currency_code: 'EUR' }, ['code', 'name', 'sku_list_id', 'currency_code']],
  ['tax_categories', { code: 'VAT', sku_code: 'A', tax_calculator_id: SEED_IDS.taxCalculator }, ['code', 'sku_code', 'tax_calculator_id']],
  ['addresses', { city: 'Rome', country_code: 'IT', line_1: 'Via Po 2', phone: '+39 06 0000' }, ['city', 'country_code', 'line_1', 'phone']],
  ['customer_addresses', { customer_email: 'ann@example.com', customer_id: 'customer00', address_id: 'address000' }, ['customer_email', 'customer_id', 'address_id']],
  ['sku_list_items', { sku_code: 'A', sku_list_id: 'skuList000' }, ['sku_code', 'sku_list_id']],
  ['stock_locations', { name: 'North', address_id: 'address000' }, ['name', 'address_id']],
  ['sku_lists', { name: 'Winter', reference: 'erp-3' }, ['name']],
  ['tags', { name: 'sale', reference: 'erp-4' }, ['name']],
];

async function organization() {
  const simulator = await simulators.start({ pacing: { pollsToFinish: 1 }, rateLimits: false, records });
  const client = createImportsClient({ baseUrl: simulator.url, accessToken: 'rules-token', retry: false });
  /** One input alone, skip_errors: its processed count and its errors_log entry. */
  const verdict = async (resourceType: Case[0], input: Record<string, unknown>, format: 'json' | 'csv' = 'json') => {
    const inputs = format === 'json' ? [input] : `${Object.keys(input).join(',')}\n${Object.values(input).join(',')}`;
    const { id } = await client.create({ resource_type: resourceType, format, inputs, skip_errors: true });
    const { attributes } = await client.waitFor(id, { intervalMs: 1 });
    return { processed: attributes.processed_count, errors: Object.values(attributes.errors_log as Record<string, Record<string, string[]>>)[0] };
  };
  return { simulator, verdict };
}

describe('required attributes and relationships, from the records table', () => {
  test.each(CASES)('%s: without any one of them the input fails with its name; with all it imports', async (resourceType, valid, required) => {
    const { simulator, verdict } = await organization();
    for (const name of required) {
      const { [name]: _, ...input } = valid;
      await expect(verdict(resourceType, input), `${resourceType} without ${name}`).resolves.toStrictEqual({ processed: 0, errors: { [name]: ["can't be blank"] } });
    }
    await expect(verdict(resourceType, valid)).resolves.toStrictEqual({ processed: 1, errors: undefined });
    expect(simulator.records(resourceType)).toContainEqual({ ...valid, id: expect.any(String) });
  });
});

describe('value types, from the records table', () => {
  test('a quantity that is not a number, a negative amount, an unknown unit of weight: each fails with its message', async () => {
    const { verdict } = await organization();
    const stock = await verdict('stock_items', { sku_code: 'A', quantity: 'many', stock_location_id: SEED_IDS.stockLocation });
    expect(stock).toStrictEqual({ processed: 0, errors: { quantity: ['is not a number'] } });
    const price = await verdict('prices', { sku_code: 'A', amount_cents: -1, price_list_id: SEED_IDS.priceList });
    expect(price).toStrictEqual({ processed: 0, errors: { amount_cents: ['must be greater than or equal to 0'] } });
    const sku = await verdict('skus', { code: 'W', name: 'W', shipping_category_id: SEED_IDS.shippingCategory, unit_of_weight: 'stone' });
    expect(sku).toStrictEqual({ processed: 0, errors: { unit_of_weight: ['is not included in the list'] } });
  });

  test('a CSV import reads numbers from their text, as the API does: "12" is a quantity, "12abc" is not', async () => {
    const { simulator, verdict } = await organization();
    const row = (quantity: string) => ({ sku_code: 'A', quantity, stock_location_id: SEED_IDS.stockLocation });
    await expect(verdict('stock_items', row('12'), 'csv')).resolves.toStrictEqual({ processed: 1, errors: undefined });
    await expect(verdict('stock_items', row('12abc'), 'csv')).resolves.toMatchObject({ processed: 0, errors: { quantity: [expect.any(String)] } });
    expect(simulator.records('stock_items')).toMatchObject([{ sku_code: 'A', quantity: '12' }]);
  });
});

describe('presence: the simulator knows whether the record exists', () => {
  test('code and name only update an existing SKU; for a new code the same input fails without its shipping category', async () => {
    const { simulator, verdict } = await organization();
    await expect(verdict('skus', { code: 'A', name: 'Renamed' }, 'csv')).resolves.toStrictEqual({ processed: 1, errors: undefined });
    await expect(verdict('skus', { code: 'NEW', name: 'New' }, 'csv')).resolves.toStrictEqual({ processed: 0, errors: { shipping_category_id: ["can't be blank"] } });
    expect(simulator.records('skus')).toStrictEqual([{ id: 'skuAAAAAAA', code: 'A', name: 'Renamed', shipping_category_id: SEED_IDS.shippingCategory }]);
  });

  test('a boolean takes "1", "yes", "0" as Rails casts them', async () => {
    const { simulator, verdict } = await organization();
    for (const [code, value] of [['B1', '1'], ['B2', 'yes'], ['B3', '0']]) {
      const input = { code, name: code, shipping_category_id: SEED_IDS.shippingCategory, do_not_track: value };
      await expect(verdict('skus', input, 'csv'), value).resolves.toStrictEqual({ processed: 1, errors: undefined });
    }
    expect(simulator.records('skus').map((each) => each.do_not_track)).toStrictEqual([undefined, '1', 'yes', '0']);
  });
});
