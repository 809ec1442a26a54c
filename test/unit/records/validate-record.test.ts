// validateRecord against the table: each type's required attributes and relationships, each value's
// type, the conditions and the parent, in both of the formats records arrive in.
import { describe, expect, test } from 'vitest';
import { checkRecord, InputError, recordKey, recordReferences, validateRecord, validateRecords, type ImportResourceType } from '../../../src/index.js';

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

  test.each(VALID)('a %s record checked as a create (exists: false) fails without a required attribute or relationship, by its name', (type, record, names) => {
    for (const [attribute, reported] of Object.entries(names)) {
      const { [attribute]: _, ...without } = record;
      expect(validateRecord(type, without, { exists: false }), `${type} without ${attribute}`).toEqual({ [reported]: ["can't be blank"] });
      expect(validateRecord(type, { ...record, [attribute]: '  ' }, { exists: false }), `${type} with a blank ${attribute}`).toEqual({ [reported]: ["can't be blank"] });
    }
  });

  test.each(VALID)('a %s record that may exist (its id, or its whole unique key) is not held to what a create requires', (type, record, names) => {
    for (const [attribute, reported] of Object.entries(names)) {
      const { [attribute]: _, ...without } = record;
      // With an id it updates: presence is not checked, and nothing is noted.
      expect(checkRecord(type, { ...without, id: 'xYzAbC' }), `${type} by id without ${attribute}`).toBeUndefined();
      const keyed = recordKey(type, without) !== undefined;
      // Its key whole: what a create needs is a note; its key broken or none: a create, an error.
      expect(checkRecord(type, without), `${type} without ${attribute}`).toEqual(keyed ? { neededIfNew: [reported] } : { errors: { [reported]: ["can't be blank"] } });
      // exists: true says it updates: no presence check at all.
      expect(checkRecord(type, without, { exists: true }), `${type} existing, without ${attribute}`).toBeUndefined();
    }
  });

  test('the SKU update file: code and name only is valid, its shipping category needed if new; no code, no shipping category is an error', () => {
    expect(validateRecord('skus', { code: 'S1', name: 'New' }, { format: 'csv' })).toBeUndefined();
    expect(checkRecord('skus', { code: 'S1', name: 'New' }, { format: 'csv' })).toEqual({ neededIfNew: ['shipping_category_id'] });
    expect(checkRecord('skus', { code: 'S1' }, { format: 'csv' })).toEqual({ neededIfNew: ['name', 'shipping_category_id'] });
    expect(checkRecord('skus', { name: 'New' }, { format: 'csv' })).toEqual({ errors: { code: ["can't be blank"], shipping_category_id: ["can't be blank"] } });
    // A value of the wrong type is an error whether the record exists or not; the notes come with it.
    expect(checkRecord('skus', { code: 'S1', weight: 'heavy' }, { format: 'csv' })).toEqual({
      errors: { weight: ['is not a number'] },
      neededIfNew: ['name', 'shipping_category_id'],
    });
    expect(checkRecord('skus', { id: 'xYzAbC', weight: 'heavy' }, { exists: true })).toEqual({ errors: { weight: ['is not a number'] } });
  });

  test('a price updated by id (id, amount_cents) is valid; by its key with the parent for its price list, what a new one needs is noted', () => {
    expect(checkRecord('prices', { id: 'pRiCe1', amount_cents: '1500' }, { format: 'csv' })).toBeUndefined();
    expect(checkRecord('prices', { id: 'pRiCe1', amount_cents: '-1' }, { format: 'csv' })).toEqual({ errors: { amount_cents: ['must be greater than or equal to 0'] } });
    expect(checkRecord('prices', { sku_code: 'S1', compare_at_amount_cents: '2000' }, { format: 'csv', parentResourceId: 'pl1' })).toEqual({ neededIfNew: ['amount_cents'] });
    // Without the parent the key lacks its price list: a create.
    expect(checkRecord('prices', { sku_code: 'S1', compare_at_amount_cents: '2000' }, { format: 'csv' })).toEqual({
      errors: { amount_cents: ["can't be blank"], price_list_id: ["can't be blank"] },
    });
  });

  test('refuses an exists that is not a boolean', () => {
    expect(() => checkRecord('skus', {}, { exists: 'no' as unknown as boolean })).toThrow(InputError);
  });

  test('a wrong value gets the API message for its type', () => {
    const sku = { code: 'A', name: 'A', shipping_category_id: 'sc1' };
    expect(validateRecord('skus', { ...sku, weight: 'heavy' })).toEqual({ weight: ['is not a number'] });
    expect(validateRecord('skus', { ...sku, weight: '12abc' })).toEqual({ weight: ['is not a number'] });
    expect(validateRecord('skus', { ...sku, weight: 0 })).toEqual({ weight: ['must be greater than 0'] });
    expect(validateRecord('skus', { ...sku, pieces_per_pack: 2.5 })).toEqual({ pieces_per_pack: ['must be an integer'] });
    expect(validateRecord('skus', { ...sku, unit_of_weight: 'kg' })).toEqual({ unit_of_weight: ['is not included in the list'] });
    expect(validateRecord('skus', { ...sku, metadata: 'x' })).toEqual({ metadata: ['is invalid'] });
    expect(validateRecord('prices', { sku_code: 'A', price_list_id: 'p', amount_cents: -1 })).toEqual({ amount_cents: ['must be greater than or equal to 0'] });
    expect(validateRecord('stock_items', { sku_id: 'A', stock_location_id: 'l', quantity: '1.5' })).toEqual({ quantity: ['must be an integer'] });
  });

  test('a boolean takes any value, as Rails casts it: "1", "0", "yes", "no"', () => {
    const sku = { code: 'A', name: 'A', shipping_category_id: 'sc1' };
    for (const value of ['1', '0', 'yes', 'no', 't', 'f', 'on', 'off', 'TRUE', 'False']) {
      expect(validateRecord('skus', { ...sku, do_not_track: value }, { format: 'csv' }), value).toBeUndefined();
      expect(validateRecord('skus', { ...sku, do_not_track: value }), value).toBeUndefined();
    }
    expect(validateRecord('skus', { ...sku, do_not_track: 1 })).toBeUndefined();
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
    // Rails reads "1" and "yes" as true too; "0", "false" and "off" as false.
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: '1' }, { format: 'csv', exists: false })).toBeUndefined();
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: 'yes' }, { format: 'csv', exists: false })).toBeUndefined();
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: false }, { exists: false })).toEqual({ shipping_category_id: ["can't be blank"] });
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: '0' }, { format: 'csv', exists: false })).toEqual({ shipping_category_id: ["can't be blank"] });
    expect(validateRecord('skus', { code: 'A', name: 'A', do_not_ship: 'off' }, { format: 'csv', exists: false })).toEqual({ shipping_category_id: ["can't be blank"] });
  });

  test('sku_id or sku_code satisfies the SKU of a price or a stock item', () => {
    expect(validateRecord('prices', { sku_id: 's1', amount_cents: 1, price_list_id: 'p' })).toBeUndefined();
    expect(validateRecord('stock_items', { sku_id: 's1', quantity: 0, stock_location_id: 'l' })).toBeUndefined();
  });

  test('the parent stands for its relationship, and only for it', () => {
    expect(validateRecord('prices', { sku_code: 'A', amount_cents: 1 }, { parentResourceId: 'pl1' })).toBeUndefined();
    expect(validateRecord('stock_items', { sku_code: 'A', quantity: 1 }, { parentResourceId: 'sl1' })).toBeUndefined();
    expect(validateRecord('skus', { code: 'A', name: 'A' }, { parentResourceId: 'x', exists: false })).toEqual({ shipping_category_id: ["can't be blank"] });
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
      yield { code: '', name: '', shipping_category_id: 's' };
      yield { code: 'C', name: 'C', shipping_category_id: 's' };
      yield { code: 'D', weight: 'x' }; // its key whole: may update, so only the value is wrong
      yield { name: 'E', weight: 'x' };
    }
    const found = [];
    for await (const invalid of validateRecords('skus', rows(), { format: 'csv' })) found.push(invalid);
    expect(found).toEqual([
      { position: 2, errors: { code: ["can't be blank"], name: ["can't be blank"] } },
      { position: 4, errors: { weight: ['is not a number'] } },
      { position: 5, errors: { weight: ['is not a number'], code: ["can't be blank"], shipping_category_id: ["can't be blank"] } },
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
