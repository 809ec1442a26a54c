// The list operation over the store: Ransack-style filters (filter[q][<attribute>_<predicate>]),
// sorting by any number of keys, and one page of the result.
import type { Query, SortKey } from './query.js';
import type { Page } from './serialize.js';
import type { StoredImport } from './store.js';

type Filters = Query['filters'];

const asList = (value: string | string[] | undefined) => (value === undefined ? undefined : ([] as string[]).concat(value));

function matches(imp: StoredImport, filters: Filters): boolean {
  const { id_eq, status_eq, resource_type_eq, reference_eq, reference_start, created_at_gt, created_at_lt } = filters;
  const idIn = asList(filters.id_in);
  const statusIn = asList(filters.status_in);
  return (
    (id_eq === undefined || imp.id === id_eq) &&
    (idIn === undefined || idIn.includes(imp.id)) &&
    (status_eq === undefined || imp.status === status_eq) &&
    (statusIn === undefined || statusIn.includes(imp.status)) &&
    (resource_type_eq === undefined || imp.resourceType === resource_type_eq) &&
    (reference_eq === undefined || imp.reference === reference_eq) &&
    (reference_start === undefined || (imp.reference ?? '').startsWith(String(reference_start))) &&
    (created_at_gt === undefined || imp.createdAt > Date.parse(String(created_at_gt))) &&
    (created_at_lt === undefined || imp.createdAt < Date.parse(String(created_at_lt)))
  );
}

/** The value an import sorts by, for one sortable attribute. */
function sortValue(imp: StoredImport, attribute: SortKey['attribute']): string | number | null {
  switch (attribute) {
    case 'id': return imp.id;
    case 'resource_type': return imp.resourceType;
    case 'format': return imp.format;
    case 'parent_resource_id': return imp.parentResourceId;
    case 'status': return imp.status;
    case 'started_at': return imp.startedAt;
    case 'completed_at': return imp.completedAt;
    case 'interrupted_at': return imp.interruptedAt;
    case 'inputs_size': return imp.inputsSize;
    case 'errors_count': return imp.errorsCount;
    case 'warnings_count': return imp.warningsCount;
    case 'processed_count': return imp.processedCount;
    case 'attachment_url': return null;
    case 'reference': return imp.reference;
    case 'reference_origin': return imp.referenceOrigin;
    case 'created_at': return imp.createdAt;
    case 'updated_at': return imp.updatedAt;
  }
}

/** Nulls last ascending and first descending, as PostgreSQL orders them; ties keep creation order. */
function compare(a: StoredImport, b: StoredImport, keys: SortKey[]): number {
  for (const { attribute, descending } of keys) {
    const [x, y] = [sortValue(a, attribute), sortValue(b, attribute)];
    if (x === y) continue;
    const order = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
    return descending ? -order : order;
  }
  return 0;
}

export function listPage(all: StoredImport[], query: Query): Page {
  const found = all.filter((imp) => matches(imp, query.filters));
  // Array.prototype.sort is stable: imports equal on every key stay in creation order.
  if (query.sort.length > 0) found.sort((a, b) => compare(a, b, query.sort));
  const { number, size } = query.page;
  return { imports: found.slice((number - 1) * size, number * size), number, size, recordCount: found.length };
}
