// The benchmark's records: valid skus, each with its own code, so that every input of every load imports.
export const SHIPPING_CATEGORY_ID = 'nBAvrhRZBl';

export function record(n) {
  return { code: `BENCH-${String(n).padStart(7, '0')}`, name: `Benchmark SKU ${n}`, shipping_category_id: SHIPPING_CATEGORY_ID };
}

export function makeRecords(count) {
  return Array.from({ length: count }, (_, i) => record(i + 1));
}
