// What makes one input fail or warn, as an import goes through it. The required attributes come from
// Commerce Layer's own dashboard importer, whose per-type input schemas reject a row before it is
// sent (commercelayer/app-imports, src/components/InputParser/schemas: skus.ts, prices.ts,
// stockItems.ts, shippingCategory.ts, customers.ts, coupon.ts). Types not in the table get no
// required-attribute check. Beyond those, two markers of this simulator's own let tests script
// outcomes: `invalid: true` fails an input, `warn: true` imports it with a warning.

type Input = Record<string, unknown>;

interface Rule {
  /** Attributes each input must have. */
  all: string[];
  /** Groups of which each input must have at least one attribute (reported under the first). */
  oneOf?: string[][];
  /** Required unless the import has a parent_resource_id (a price list, a stock location). */
  unlessParent?: string;
}

const RULES: Record<string, Rule> = {
  skus: { all: ['code', 'name', 'shipping_category_id'] },
  prices: { all: ['amount_cents'], unlessParent: 'price_list_id' },
  stock_items: { all: ['quantity'], oneOf: [['sku_code', 'sku_id']], unlessParent: 'stock_location_id' },
  shipping_categories: { all: ['name'] },
  customers: { all: ['email'] },
  coupons: { all: ['code'] },
};

/**
 * The attribute that identifies a record within the organization: a second input with a value
 * already imported fails with "has already been taken". `code` for every type that has one
 * (skus, bundles, coupons, gift cards, ...), `email` for customers.
 */
const NATURAL_KEYS: Record<string, string> = { customers: 'email' };
const naturalKeyOf = (resourceType: string) => NATURAL_KEYS[resourceType] ?? 'code';

export type InputVerdict =
  | { kind: 'imported'; key: string; warnings?: string[] }
  | { kind: 'failed'; key: string; errors: Record<string, string[]> };

/** The natural keys already imported, per resource type: the organization's records. */
export type Registry = Map<string, Set<string>>;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The verdict on input `index` of an import; an imported input's natural key is registered, so a
 * later input (of this import or another) with the same key fails.
 */
export function checkInput(registry: Registry, resourceType: string, parentId: string | null, input: Input, index: number): InputVerdict {
  const keyAttribute = naturalKeyOf(resourceType);
  const keyValue = blank(input[keyAttribute]) ? undefined : String(input[keyAttribute]);
  // The errors_log key: the input's natural key, or its 0-based index when it has none.
  const key = keyValue ?? String(index);
  const errors: Record<string, string[]> = {};
  const add = (attribute: string, message: string) => void (errors[attribute] ??= []).push(message);

  if (input.invalid === true) add('base', 'is invalid');
  const rule = RULES[resourceType];
  if (rule) {
    for (const attribute of rule.all) if (blank(input[attribute])) add(attribute, "can't be blank");
    for (const group of rule.oneOf ?? []) if (group.every((attribute) => blank(input[attribute]))) add(group[0]!, "can't be blank");
    if (rule.unlessParent && parentId === null && blank(input[rule.unlessParent])) add(rule.unlessParent, "can't be blank");
  }
  const taken = registry.get(resourceType) ?? new Set<string>();
  if (keyValue !== undefined && taken.has(keyValue)) add(keyAttribute, 'has already been taken');

  if (Object.keys(errors).length > 0) return { kind: 'failed', key, errors };
  if (keyValue !== undefined) registry.set(resourceType, taken.add(keyValue));
  return input.warn === true ? { kind: 'imported', key, warnings: ['was imported with a warning'] } : { kind: 'imported', key };
}
