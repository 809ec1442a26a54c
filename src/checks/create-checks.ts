import { InputError } from '../errors.js';
import { importResourceTypeValues as RESOURCE_TYPES } from '../generated/openapi.js';
import { csvRecordCount } from './csv-rows.js';
import { assertJsonValue, assertUpdateAttributes, isPlainObject } from './input-checks.js';
import type { ImportInput, ImportResourceType } from '../types.js';

/** The most inputs one import takes. */
export const MAX_INPUTS = 10_000;

const CREATE_ATTRIBUTES = ['resource_type', 'format', 'inputs', 'parent_resource_id', 'skip_errors', 'reference', 'reference_origin', 'metadata'];

/** Checks create's attributes at run time too, for callers without types: a bad import is refused before it is sent. */
export function assertCreateAttributes(attributes: unknown): void {
  if (!isPlainObject(attributes)) throw new InputError('attributes must be a plain object');
  for (const name of Object.keys(attributes)) {
    if (!CREATE_ATTRIBUTES.includes(name)) throw new InputError(`Unknown attribute ${JSON.stringify(name)}: create accepts ${CREATE_ATTRIBUTES.join(', ')}`);
  }
  const { resource_type, format = 'json', inputs, parent_resource_id, skip_errors, ...rest } = attributes;
  assertResourceType(resource_type);
  if (format === 'csv') {
    if (typeof inputs !== 'string') throw new InputError('inputs must be a CSV string when format is csv');
    // Counted as a CSV parser counts them: a quoted field may hold a line break.
    const rows = csvRecordCount(inputs);
    if (rows === 0) throw new InputError('inputs has no record: a csv import needs a header and at least one row');
    if (rows > MAX_INPUTS) throw new InputError(`inputs holds ${rows} CSV records, more than the ${MAX_INPUTS} one import takes: importAll splits them`);
  } else if (format === 'json') {
    assertJsonInputs(inputs, MAX_INPUTS);
  } else {
    throw new InputError(`format must be "json" or "csv", not ${String(format)}`);
  }
  if (parent_resource_id != null && (typeof parent_resource_id !== 'string' || parent_resource_id === '')) {
    throw new InputError('parent_resource_id must be a non-empty string or null');
  }
  if (skip_errors !== undefined && typeof skip_errors !== 'boolean') throw new InputError('skip_errors must be a boolean');
  // reference, reference_origin and metadata follow the same rules as in update (where an attribute
  // left undefined does not count as one given).
  const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (Object.keys(given).length > 0) assertUpdateAttributes(given);
}

export function assertResourceType(value: unknown): asserts value is ImportResourceType {
  if (!(RESOURCE_TYPES as readonly unknown[]).includes(value)) {
    throw new InputError(`resource_type ${String(value)} cannot be imported: use one of ${RESOURCE_TYPES.join(', ')}`);
  }
}

/** Json inputs: a non-empty array of at most `limit` plain objects, each with at least one attribute. */
export function assertJsonInputs(inputs: unknown, limit: number): asserts inputs is ImportInput[] {
  if (!Array.isArray(inputs)) throw new InputError('inputs must be an array of objects (format json) or a CSV string (format csv)');
  if (inputs.length === 0) throw new InputError('inputs is empty: an import needs at least one record');
  if (inputs.length > limit) {
    throw new InputError(`inputs holds ${inputs.length} records, more than the ${limit} one import takes: importAll splits them`);
  }
  for (let i = 0; i < inputs.length; i++) assertJsonInput(inputs[i], `inputs[${i}]`);
}

/** One json record: a plain object with at least one attribute, holding only what JSON carries as it is. */
export function assertJsonInput(input: unknown, path: string): asserts input is ImportInput {
  if (!isPlainObject(input) || Object.keys(input).length === 0) throw new InputError(`${path} must be a plain object with at least one attribute`);
  assertJsonValue(input, path);
}
