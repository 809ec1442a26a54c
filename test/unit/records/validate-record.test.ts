// validateRecord against the table: each type's required attributes and relationships, each value's
// type, the conditions and the parent, in both of the formats records arrive in.
import { describe, expect, test } from 'vitest';
import { InputError, recordKey, recordReferences, validateRecord, validateRecords, type ImportResourceType } from '../../../src/index.js';

/**
 * A valid record per type, and the name the check reports when each attribute is removed: a SKU
 * relationship that also takes a code (sku_code) is reported under the code, which the documented keys use.
 */
const VALID: [ImportResourceType, Record<string, unknown>, Record<string, string>][] = [
  ['skus', { code: 'TSHIRT-XL', name: 'T-shirt', shipping_category_id: 'sc1' }, { code: 'code', name: 'name', shipping_category_id: 'shipping_category_id' }],
  ['prices', { sku_code: 'TSHIRT-XL', amount_cents: 1000, price_list_id: 'pl1' }, { sku_code: 'sku_code', amount_cents: 'amount_cents', price_list_id: 'price_list_id' }],
  ['stock_items', { sku_code: 'TSHIRT-XL', quantity: 5, stock_location_id: 'sl1' }, { sku_code: 'sku_code', quantity: 'quantity', stock_location_id: 'stock_location_id' }],
  ['bundles', { code: 'B1', name: 'Bundle', sku_list_id: 'sl1', currency_code: 'EUR' }, { code: 'code', name: 'name', sku_list_id: 'sku_list_id', currency_code: 'currency_code' }],
  ['coupons', { code: 'SUMMER2026', promotion_rule_id: 'pr1' }, { code: 'code', promotion_rule_id: 'promotion_rule_id' }],
  ['gift_cards', { balance_cents: 5000, currency_code: 'EUR' }, { balance_cents: 'balance_cents', currency_code: 'currency_code' }],
  ['customers', { email: 'ann@example.com' }, { email: 'email' }],
  ['shipping_categories', { name: 'Merchandise' }, { name: 'name' }],
  ['price_lists', { name: 'EUR list', currency_code: 'EUR' }, { name: 'name', currency_code: 'currency_code' }],
  ['stock_locations', { name: 'Warehouse', address_id: 'a1' }, { name: 'name', address_id: 'address_id' }],
  ['addresses', { line_1: 'Via Roma 1', city: 'Firenze', country_code: 'IT', phone: '+39 055 000' }, { line_1: 'line_1', city: 'city', country_code: 'country_code', phone: 'phone' }],
  ['sku_list_items', { sku_id: 's1', sku_list_id: 'l1' }, { sku_id: 'sku_code', sku_list_id: 'sku_list_id' }],
  ['tags', { name: 'summer' }, { name: 'name' }],
  ['tax_categories', { code: 'TC1', sku_id: 's1', tax_calculator_id: 't1' }, { code: 'code', sku_id: 'sku_code', tax_calculator_id: 'tax_calculator_id' }],
];

describe('validateRecord', () => {
  test.each(VALID)('a valid %s record has no errors', (type, record) => {
    expect(validateRecord(type, record)).toBeUndefined();
  });

  test.each(VALID)('a %s record missing a required attribute or relationship fails with its name', (type, record, names) => {
    for (const [attribute, reported] of Object.entries(names)) {
      const { [attribute]: _, ...without } = record;
      expect(validateRecord(type, without), `${type} without ${attribute}`).toEqual({ [reported]: ["can't be blank"] });
      expect(validateRecord(type, { ...record, [attribute]: '  ' }), `${type} with a blank ${attribute}`).toEqual({ [reported]: ["can't be blank"] });
    }
  });

  test('a wrong value gets the API message for its type', () => {
    const sku = { code: 'A', name: 'A', shipping_category_id: 'sc1' };
    expect(validateRecord('skus', { ...sku, weight: 'heavy' })).toEqual({ weight: ['is not a number'] });
    expect(validateRecord('skus', { ...sku, weight: '12abc' })).toEqual({ weight: ['is not a number'] });
    expect(validateRecord('skus', { ...sku, weight: 0 })).toEqual({ weight: ['must be greater than 0'] });
    expect(validateRecord('skus', { ...sku, pieces_per_pack: 2.5 })).toEqual({ pieces_per_pack: ['must be an integer'] });
    expect(validateRecord('skus', { ...sku, unit_of_weight: 'kg' })).toEqual({ unit_of_weight: ['is not included in the list'] });
    expect(validateRecord('skus', { ...sku, do_not_track: 'yes' })).toEqual({ do_not_track: ['is not included in the list'] });
    expect(validateRecord('skus', { ...sku, metadata: 'x' })).toEqual({ metadata: ['is invalid'] });
    expect(validateRecord('prices', { sku_code: 'A', price_list_id: 'p', amount_cents: -1 })).toEqual({ amount_cents: ['must be greater than or equal to 0'] });
    expect(validateRecord('stock_items', { sku_id: 'A', stock_location_id: 'l', quantity: '1.5' })).toEqual({ quantity: ['must be an integer'] });
  });

  test('CSV text counts as the number or boolean it spells, and an object arrives flattened', () => {
    const row = { code: 'A', name: 'A', shipping_category_id: 'sc1', weight: ' 12.5 ', pieces_per_pack: '6', do_not_ship: 'FALSE', metadata: '' };
    expect(validateRecord('skus', row, { format: 'csv' })).toBeUndefined();
    expect(validateRecord('skus', { ...row, 'metadata.color': 'red' }, { format: 'csv' })).toBeUndefined();
    expect(validateRecord('skus', { ...row, weight: '' }, { format: 'csv' })).toBeUndefined();
    expect(validateRecord('skus', { ...row, pieces_per_pack: 'six' }, { format: 'csv' })).toEqual({ pieces_per_pack: ['is not a number'] });
  });

  test("a SKU that does not ship needs no shipping category (the dashboard's importer)", () => {
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: true })).toBeUndefined();
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: 'true' }, { format: 'csv' })).toBeUndefined();
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: false })).toEqual({ shipping_category_id: ["can't be blank"] });
  });

  test('sku_id or sku_code satisfies the SKU of a price or a stock item', () => {
    expect(validateRecord('prices', { sku_id: 's1', amount_cents: 1, price_list_id: 'p' })).toBeUndefined();
    expect(validateRecord('stock_items', { sku_id: 's1', quantity: 0, stock_location_id: 'l' })).toBeUndefined();
  });

  test('the parent stands for its relationship, and only for it', () => {
    expect(validateRecord('prices', { sku_code: 'A', amount_cents: 1 }, { parentResourceId: 'pl1' })).toBeUndefined();
    expect(validateRecord('stock_items', { sku_code: 'A', quantity: 1 }, { parentResourceId: 'sl1' })).toBeUndefined();
    expect(validateRecord('skus', { code: 'A', name: 'A' }, { parentResourceId: 'x' })).toEqual({ shipping_category_id: ["can't be blank"] });
    expect(validateRecord('sku_options', { name: 'Engraving' }, { parentResourceId: 'm1' })).toBeUndefined();
    expect(validateRecord('sku_options', { name: 'Engraving' })).toEqual({ currency_code: ["can't be blank"] });
  });

  test('refuses what is not a record or not an importable type', () => {
    expect(() => validateRecord('skus', [] as unknown as Record<string, unknown>)).toThrow(InputError);
    expect(() => validateRecord('markets' as ImportResourceType, {})).toThrow(/not a resource type/);
    expect(() => validateRecord('skus', {}, { format: 'xml' as 'csv' })).toThrow(InputError);
  });
});

describe('validateRecords', () => {
  test('yields each invalid record with its 1-based position, from an async source', async () => {
    async function* rows() {
      yield { code: 'A', name: 'A', shipping_category_id: 's' };
      yield { code: 'B', name: '' , shipping_category_id: 's' };
      yield { code: 'C', name: 'C', shipping_category_id: 's' };
      yield { code: 'D', name: 'D', weight: 'x' };
    }
    const found = [];
    for await (const invalid of validateRecords('skus', rows(), { format: 'csv' })) found.push(invalid);
    expect(found).toEqual([
      { position: 2, errors: { name: ["can't be blank"] } },
      { position: 4, errors: { weight: ['is not a number'], shipping_category_id: ["can't be blank"] } },
    ]);
  });
});

describe('references and keys', () => {
  test('a price names its price list (by the parent) and its SKU (by code)', () => {
    expect(recordReferences('prices', { sku_code: 'A', amount_cents: 1 }, { parentResourceId: 'pl1' })).toEqual([
      { relationship: 'price_list', resourceTypes: ['price_lists'], attribute: 'price_list_id', by: 'id', value: 'pl1', fromParent: true },
      { relationship: 'sku', resourceTypes: ['skus'], attribute: 'sku_code', by: 'code', value: 'A', fromParent: false },
    ]);
  });

  test('the documented key, the record own relationship id winning over the parent', () => {
    expect(recordKey('prices', { sku_code: 'A' }, { parentResourceId: 'pl1' })).toEqual(['A', 'pl1']);
    expect(recordKey('prices', { sku_code: 'A', price_list_id: 'pl2' }, { parentResourceId: 'pl1' })).toEqual(['A', 'pl2']);
    expect(recordKey('prices', { sku_id: 's1', price_list_id: 'pl2' })).toBeUndefined();
    expect(recordKey('skus', { code: 'A' })).toEqual(['A']);
    expect(recordKey('tags', { name: 'x' })).toBeUndefined();
  });
});
