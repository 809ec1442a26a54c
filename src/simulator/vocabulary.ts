// The names the document allows, as runtime lists: the simulator validates requests with them. The
// library exports only their types, so each list is checked against its type both ways at compile
// time: when the document adds or drops a name, the typecheck fails here until the list follows.
import type { ImportAttributeName, ImportFilter, ImportResourceType, ImportSortKey, ImportStatus } from '../index.js';

/** True only when L and T hold the same names; `Exact<L, T> = true` fails to compile otherwise. */
type Exact<L, T> = [Exclude<T, L>, Exclude<L, T>] extends [never, never] ? true : { missing: Exclude<T, L>; extra: Exclude<L, T> };

export const RESOURCE_TYPES = [
  'addresses', 'bundles', 'coupons', 'customer_addresses', 'customer_payment_sources', 'customer_subscriptions',
  'customers', 'gift_cards', 'line_items', 'line_item_options', 'orders', 'price_lists', 'price_tiers', 'prices',
  'shipping_categories', 'sku_lists', 'sku_list_items', 'sku_options', 'skus', 'stock_items', 'stock_locations',
  'stock_transfers', 'tags', 'tax_categories',
] as const;
const resourceTypesExact: Exact<(typeof RESOURCE_TYPES)[number], ImportResourceType> = true;

export const STATUSES = ['pending', 'in_progress', 'interrupted', 'completed'] as const;
const statusesExact: Exact<(typeof STATUSES)[number], ImportStatus> = true;

/** Every attribute, in the order the document lists them and the API returns them. */
export const ATTRIBUTE_NAMES = [
  'resource_type', 'format', 'parent_resource_id', 'status', 'started_at', 'completed_at', 'interrupted_at', 'inputs',
  'inputs_size', 'errors_count', 'warnings_count', 'processed_count', 'destroyed_count', 'errors_log', 'warnings_log',
  'cleanup_records', 'skip_errors', 'attachment_url', 'created_at', 'updated_at', 'reference', 'reference_origin',
  'metadata',
] as const;
const attributesExact: Exact<(typeof ATTRIBUTE_NAMES)[number], ImportAttributeName> = true;

/** The sortable attributes; each also sorts descending with a leading `-`. */
export const SORT_ATTRIBUTES = [
  'id', 'resource_type', 'format', 'parent_resource_id', 'status', 'started_at', 'completed_at', 'interrupted_at',
  'inputs_size', 'errors_count', 'warnings_count', 'processed_count', 'attachment_url', 'reference', 'reference_origin',
  'created_at', 'updated_at',
] as const;
type SortAttribute = (typeof SORT_ATTRIBUTES)[number];
const sortExact: Exact<SortAttribute | `-${SortAttribute}`, ImportSortKey> = true;

/** The list filters, by their name inside `filter[q][...]`. */
export const FILTERS = [
  'id_eq', 'id_in', 'status_eq', 'status_in', 'resource_type_eq', 'reference_eq', 'reference_start', 'created_at_gt',
  'created_at_lt',
] as const;
export type FilterName = (typeof FILTERS)[number];
const filtersExact: Exact<FilterName, keyof ImportFilter> = true;

/** The relationships `include` may name. */
export const INCLUDES = ['events', 'event_stores'] as const;

// Referenced so that the checks above are not reported as unused.
void [resourceTypesExact, statusesExact, attributesExact, sortExact, filtersExact];

export type ResourceType = ImportResourceType;
export type Status = ImportStatus;
export type AttributeName = ImportAttributeName;

export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
