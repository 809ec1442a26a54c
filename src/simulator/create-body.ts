// The body of POST /api/imports, checked as the document's ImportCreateRequest says: a JSON:API
// document of type `imports` whose attributes are only those an import takes. What is wrong is a
// 422 with one error per attribute, each pointing at it; a body that is not JSON at all is a 400.
import { readCsvInputs } from './csv-inputs.js';
import { failure, invalidAttribute, type JsonApiError, type Reply } from './reply.js';
import type { NewImport } from './store.js';
import { isOneOf, RESOURCE_TYPES } from './vocabulary.js';

const ATTRIBUTES = ['resource_type', 'format', 'inputs', 'parent_resource_id', 'skip_errors', 'reference', 'reference_origin', 'metadata'];
/** One import takes at most 10,000 inputs (commercelayer-sdk-utils splits at imports.max_size). */
export const MAX_INPUTS = 10_000;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parsed body, or the 400 that refuses it; a JSON:API document must have a `data` object. */
export function readDocument(text: string): { data: Record<string, unknown> } | Reply {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failure(400, 'Bad request', 'The request body is not valid JSON.');
  }
  if (!isPlainObject(body) || !isPlainObject(body.data)) {
    return failure(400, 'Param missing', 'The required parameter, data, is missing.', { code: 'PARAM_MISSING', source: { pointer: '/data' } });
  }
  return { data: body.data };
}

export function readCreateBody(text: string): NewImport | Reply {
  const document = readDocument(text);
  if (!('data' in document)) return document;
  const { data } = document;
  const errors: JsonApiError[] = [];
  const refuse = (pointer: string, title: string) => void errors.push(invalidAttribute(pointer, title));

  // The official SDK sends an empty `relationships` with every create: the document allows it.
  for (const member of Object.keys(data)) if (!['type', 'attributes', 'relationships'].includes(member)) refuse(`/data/${member}`, 'is not allowed');
  if (data.relationships !== undefined && !isPlainObject(data.relationships)) refuse('/data/relationships', 'must be an object');
  if (data.type !== 'imports') refuse('/data/type', 'must be imports');
  const attributes = isPlainObject(data.attributes) ? data.attributes : {};
  if (!isPlainObject(data.attributes)) refuse('/data/attributes', 'must be an object');
  const pointer = (name: string) => `/data/attributes/${name}`;
  for (const name of Object.keys(attributes)) if (!ATTRIBUTES.includes(name)) refuse(pointer(name), 'is not allowed');

  const { resource_type, format = 'json', skip_errors, parent_resource_id = null, reference = null, reference_origin = null, metadata = {} } = attributes;
  if (resource_type === undefined) refuse(pointer('resource_type'), "can't be blank");
  else if (!isOneOf(RESOURCE_TYPES, resource_type)) refuse(pointer('resource_type'), 'is not included in the list');
  if (format !== 'json' && format !== 'csv') refuse(pointer('format'), 'is not included in the list');
  if (skip_errors !== undefined && typeof skip_errors !== 'boolean') refuse(pointer('skip_errors'), 'is not a boolean');
  for (const [name, value] of Object.entries({ parent_resource_id, reference, reference_origin })) {
    if (value !== null && typeof value !== 'string') refuse(pointer(name), 'is not a string');
  }
  if (metadata !== null && !isPlainObject(metadata)) refuse(pointer('metadata'), 'is not an object');
  const inputs = readInputs(attributes.inputs, format, refuse);

  if (errors.length > 0 || inputs === undefined) return { status: 422, body: { errors } };
  return {
    resourceType: resource_type as NewImport['resourceType'],
    format: format as NewImport['format'],
    parentResourceId: parent_resource_id as string | null,
    inputs,
    skipErrors: skip_errors === true,
    reference: reference as string | null,
    referenceOrigin: reference_origin as string | null,
    metadata: metadata as Record<string, unknown> | null,
  };
}

/** json: an array of 1 to 10,000 objects; csv: a string with a header and 1 to 10,000 records. */
function readInputs(inputs: unknown, format: unknown, refuse: (pointer: string, title: string) => void): Record<string, unknown>[] | undefined {
  const pointer = '/data/attributes/inputs';
  if (inputs === undefined || inputs === null || inputs === '') return void refuse(pointer, "can't be blank");
  let records: Record<string, unknown>[];
  if (format === 'csv') {
    if (typeof inputs !== 'string') return void refuse(pointer, 'must be a CSV string when format is csv');
    const read = readCsvInputs(inputs);
    if ('error' in read) return void refuse(pointer, `is not valid CSV: ${read.error}`);
    records = read.records;
  } else {
    if (!Array.isArray(inputs)) return void refuse(pointer, 'must be an array of objects when format is json');
    const index = inputs.findIndex((input) => !isPlainObject(input));
    if (index >= 0) return void refuse(`${pointer}/${index}`, 'must be an object');
    records = inputs as Record<string, unknown>[];
  }
  if (records.length === 0) return void refuse(pointer, "can't be blank");
  if (records.length > MAX_INPUTS) return void refuse(pointer, `is too long (maximum is ${MAX_INPUTS} inputs, got ${records.length})`);
  return records;
}
