// Which records an import matches instead of creating, and which relationship an import's
// parent_resource_id stands for, per resource type.
import type { ImportResourceType } from '../types.js';

/**
 * The documented unique keys: an input whose key matches an existing record updates it ("If the
 * single resource to be imported doesn't exist it gets created, otherwise it is updated";
 * Commerce Layer docs, "Importing resources", section "Unique keys"). Every input also matches by
 * `id`. Types the section does not list match by `id` only.
 */
export const UNIQUE_KEYS: Readonly<Partial<Record<ImportResourceType, readonly string[]>>> = {
  orders: ['number'],
  coupons: ['code', 'promotion_rule_id'],
  skus: ['code'],
  prices: ['sku_code', 'price_list_id'],
  stock_items: ['sku_code', 'stock_location_id'],
  gift_cards: ['code'],
  customers: ['email'],
  customer_subscriptions: ['customer_id', 'reference'],
  tax_categories: ['code', 'tax_calculator_id'],
};

/**
 * The relationship an import's parent_resource_id stands for in each of its inputs (an input's own
 * `<relationship>_id` wins). From Commerce Layer's dashboard imports app, which offers a parent for
 * exactly these types (commercelayer/dashboard-apps, apps/imports/src/data/resources.ts).
 */
export const PARENT_RELATIONSHIPS: Readonly<Partial<Record<ImportResourceType, string>>> = {
  bundles: 'market',
  orders: 'market',
  sku_options: 'market',
  prices: 'price_list',
  sku_list_items: 'sku_list',
  stock_items: 'stock_location',
  tax_categories: 'tax_calculator',
  coupons: 'promotion_rule',
};

/**
 * The attribute whose value keys a failed input's errors_log entry. The official document's example
 * keys by the input's code (`{"ABC": {"name": ["has already been taken"]}}`); the documented unique
 * keys (above) name `email` for customers and `number` for orders. An input without that value
 * (a price, a stock item) is keyed by its 0-based place in its import.
 */
export function errorsLogKeyAttribute(resourceType: string): string {
  return resourceType === 'customers' ? 'email' : resourceType === 'orders' ? 'number' : 'code';
}
