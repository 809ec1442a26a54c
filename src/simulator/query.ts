// The query parameters of each operation, checked against the document's names and types. Prism
// does not check these, so this is where a misspelt or malformed bracketed parameter is caught:
// anything the operation does not document is a 400 naming the parameter, with the codes JSON:API
// servers in Rails give these (PARAM_NOT_ALLOWED, FILTER_NOT_ALLOWED, INVALID_FIELD, ...).
import { invalidParameter, type Reply } from './reply.js';
import {
  ATTRIBUTE_NAMES,
  type AttributeName,
  FILTERS,
  type FilterName,
  INCLUDES,
  isOneOf,
  RESOURCE_TYPES,
  SORT_ATTRIBUTES,
  STATUSES,
} from './vocabulary.js';

export type Operation = 'list' | 'create' | 'retrieve' | 'update' | 'delete';

export interface SortKey {
  attribute: (typeof SORT_ATTRIBUTES)[number];
  descending: boolean;
}

export interface Query {
  fields?: AttributeName[];
  page: { number: number; size: number };
  sort: SortKey[];
  /** Filter values as given (lists split on commas); blank ones left out. */
  filters: Partial<Record<FilterName, string | string[]>>;
  /** The parameters as sent, decoded, for the list's links. */
  params: URLSearchParams;
}

const ACCEPTED: Record<Operation, string[]> = {
  list: ['page[number]', 'page[size]', 'sort', 'fields[imports]', 'include'],
  create: ['fields[imports]'],
  retrieve: ['fields[imports]', 'include'],
  update: ['fields[imports]', 'include'],
  delete: [],
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The query of `operation`, or the 400 that refuses it. */
export function readQuery(operation: Operation, search: string): Query | Reply {
  const params = new URLSearchParams(search);
  const query: Query = { page: { number: 1, size: 10 }, sort: [], filters: {}, params };
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (seen.has(name)) return invalidParameter(name, 'PARAM_NOT_ALLOWED', `${name} is given more than once`);
    seen.add(name);
    const filter = /^filter\[q\]\[([a-z_]+)\]$/.exec(name)?.[1];
    const refused =
      operation === 'list' && name.startsWith('filter')
        ? readFilter(query, name, filter, value)
        : ACCEPTED[operation].includes(name)
          ? readParameter(query, name, value)
          : invalidParameter(name, 'PARAM_NOT_ALLOWED', `${name} is not allowed`);
    if (refused) return refused;
  }
  return query;
}

function readParameter(query: Query, name: string, value: string): Reply | undefined {
  const list = value.split(',');
  switch (name) {
    case 'page[number]':
    case 'page[size]': {
      const number = /^[1-9]\d{0,8}$/.test(value) ? Number(value) : Number.NaN;
      const ok = name === 'page[number]' ? number >= 1 : number >= 1 && number <= 25;
      if (!ok) return invalidParameter(name, 'INVALID_PAGE_VALUE', `${value} is not a valid value for ${name}${name === 'page[size]' ? ' (1 to 25)' : ''}`);
      query.page[name === 'page[number]' ? 'number' : 'size'] = number;
      return undefined;
    }
    case 'sort':
      for (const key of list) {
        const attribute = key.startsWith('-') ? key.slice(1) : key;
        if (!isOneOf(SORT_ATTRIBUTES, attribute)) return invalidParameter(name, 'INVALID_SORT_CRITERIA', `${key} is not a valid sort criteria for imports`);
        query.sort.push({ attribute, descending: key.startsWith('-') });
      }
      return undefined;
    case 'fields[imports]':
      for (const field of list) if (!isOneOf(ATTRIBUTE_NAMES, field)) return invalidParameter(name, 'INVALID_FIELD', `${field} is not a valid field for imports`);
      query.fields = [...new Set(list as AttributeName[])];
      return undefined;
    case 'include':
      for (const include of list) if (!isOneOf(INCLUDES, include)) return invalidParameter(name, 'INVALID_INCLUDE', `${include} is not a valid relationship of imports`);
      return undefined;
    default:
      return invalidParameter(name, 'PARAM_NOT_ALLOWED', `${name} is not allowed`);
  }
}

function readFilter(query: Query, name: string, filter: string | undefined, value: string): Reply | undefined {
  if (!isOneOf(FILTERS, filter)) return invalidParameter(name, 'FILTER_NOT_ALLOWED', `${name} is not an allowed filter`);
  const list = value.split(',');
  const bad = () => invalidParameter(name, 'INVALID_FILTER_VALUE', `${value} is not a valid value for ${name}`);
  switch (filter) {
    case 'status_eq':
      if (!isOneOf(STATUSES, value)) return bad();
      break;
    case 'status_in':
      if (!list.every((status) => isOneOf(STATUSES, status))) return bad();
      break;
    case 'resource_type_eq':
      if (!isOneOf(RESOURCE_TYPES, value)) return bad();
      break;
    case 'created_at_gt':
    case 'created_at_lt':
      if (!ISO_INSTANT.test(value) || !Number.isFinite(Date.parse(value))) return bad();
      break;
    default:
      // Free strings (ids, references): a blank one filters nothing, as Ransack ignores blank values.
      if (value === '') return undefined;
  }
  query.filters[filter] = filter.endsWith('_in') ? list : value;
  return undefined;
}
