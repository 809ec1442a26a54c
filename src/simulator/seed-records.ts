// The records a new simulated organization holds before anything is imported, as a fresh Commerce
// Layer test organization with sample data would: the parents that the importable types name, so
// that SKUs, then their prices, then their stock load from the first command. The ids are fixed and
// documented (docs, simulator page); `startSimulator({ records })` replaces the whole set. Where an
// id appears in Commerce Layer's own examples it is reused: the market of the docs' order import
// example (KmjljGJzWQ), the stock location of its stock item example (bnEeQuqZgn) and the
// promotion rule of its coupon example (FreQKlNxZA) (importing-resources, commercelayer-docs-api);
// the shipping category and price list ids are those this project's examples and tests have used.
// A relationship to a tax calculator may point to any of its kinds; the seed is a manual one.

/** Records per resource type: each an object of attributes with its `id`. */
export type SeedRecords = Record<string, Array<Record<string, unknown> & { id: string }>>;

export const SEED_IDS = {
  market: 'KmjljGJzWQ',
  shippingCategory: 'nBAvrhRZBl',
  priceList: 'vLrWQSwXNk',
  stockLocation: 'bnEeQuqZgn',
  promotionRule: 'FreQKlNxZA',
  taxCalculator: 'QmnBvKzXwL',
} as const;

/** Frozen, records and lists alike: a caller that changes them would change every later simulator's seed. */
const frozen = (records: SeedRecords): SeedRecords => {
  for (const list of Object.values(records)) for (const record of Object.freeze(list)) Object.freeze(record);
  return Object.freeze(records);
};

export const SEED_RECORDS: SeedRecords = frozen({
  markets: [{ id: SEED_IDS.market, name: 'Europe', code: 'EU' }],
  shipping_categories: [{ id: SEED_IDS.shippingCategory, name: 'Merchandise' }],
  price_lists: [{ id: SEED_IDS.priceList, name: 'EUR price list', currency_code: 'EUR' }],
  stock_locations: [{ id: SEED_IDS.stockLocation, name: 'Main warehouse' }],
  coupon_codes_promotion_rules: [{ id: SEED_IDS.promotionRule }],
  manual_tax_calculators: [{ id: SEED_IDS.taxCalculator, name: 'Manual tax calculator' }],
});
