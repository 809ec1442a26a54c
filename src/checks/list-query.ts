import { InputError } from '../errors.js';
import type { operations } from '../generated/openapi.js';
import { assertFields, isPlainObject } from './input-checks.js';
import type { ListQuery } from '../types.js';

type ListImportsParams = NonNullable<operations['listImports']['parameters']['query']>;

/** The most imports one page holds. */
export const MAX_PAGE_SIZE = 25;

const NAME = /^[a-z_]+$/;

/**
 * Checks a list query and spells it as the API's query parameters (`page[size]`,
 * `filter[q][status_eq]`, ...). `pageNumber`, given when walking every page, replaces the query's
 * page number, and the page size is then 25 unless the query says otherwise: fewer requests.
 */
export function listParams(query: ListQuery = {}, pageNumber?: number): ListImportsParams {
  if (!isPlainObject(query)) throw new InputError('The list query must be a plain object');
  const { page = {}, sort, filter = {}, fields, ...unknown } = query;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined) throw new InputError(`The list query takes page, sort, filter and fields, not ${extra}`);
  if (!isPlainObject(page) || !isPlainObject(filter)) throw new InputError('page and filter must be plain objects');
  const number = pageNumber ?? page.number;
  const size = page.size ?? (pageNumber === undefined ? undefined : MAX_PAGE_SIZE);
  const params: Record<string, unknown> = {};
  if (number !== undefined) params['page[number]'] = wholeNumber('page.number', number, 1, Infinity);
  if (size !== undefined) params['page[size]'] = wholeNumber('page.size', size, 1, MAX_PAGE_SIZE);
  if (sort !== undefined) {
    if (!Array.isArray(sort) || sort.length === 0 || sort.some((key) => typeof key !== 'string' || !NAME.test(key.replace(/^-/, '')))) {
      throw new InputError('sort must be a non-empty array of attribute names, each with an optional leading -');
    }
    params.sort = sort;
  }
  assertFields(fields);
  if (fields) params['fields[imports]'] = fields;
  for (const [name, value] of Object.entries(filter)) {
    if (!NAME.test(name)) throw new InputError(`filter.${name} is not a filter name such as status_eq`);
    if (value === undefined) continue;
    // _in filters travel comma-separated: a comma inside one value would split it.
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.some((item) => !['string', 'number', 'boolean'].includes(typeof item) || String(item).includes(',') || !String(item).isWellFormed())) {
      throw new InputError(`filter.${name} must be a value, or a non-empty array of values, without commas or lone surrogates`);
    }
    params[`filter[q][${name}]`] = value;
  }
  return params as ListImportsParams;
}

/** Checks a count option, such as a page size or a concurrency. */
export function wholeNumber(name: string, value: unknown, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new InputError(`${name} must be a whole number from ${min}${max < Infinity ? ` to ${max}` : ' up'}`);
  }
  return value as number;
}
