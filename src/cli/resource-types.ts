import type { ImportResourceType } from '../index.js';

/**
 * The resource types the API imports, so that a misspelt one ends the run before anything is read
 * or sent. A test keeps this list equal to the document's.
 */
export const RESOURCE_TYPES: readonly ImportResourceType[] = [
  'addresses', 'bundles', 'coupons', 'customer_addresses', 'customer_payment_sources', 'customer_subscriptions', 'customers',
  'gift_cards', 'line_items', 'line_item_options', 'orders', 'price_lists', 'price_tiers', 'prices', 'shipping_categories',
  'sku_lists', 'sku_list_items', 'sku_options', 'skus', 'stock_items', 'stock_locations', 'stock_transfers', 'tags', 'tax_categories',
];

export const STATUSES = ['pending', 'in_progress', 'interrupted', 'completed'] as const;
