// The body of PATCH /api/imports/:id, checked as the document's ImportUpdateRequest says: data.id
// must be the id in the path (400 KEY_NOT_INCLUDED_IN_URL), and only reference, reference_origin,
// metadata and _interrupt can be changed (422 for anything else).
import { isPlainObject, readDocument } from './create-body.js';
import { failure, invalidAttribute, type JsonApiError, type Reply } from './reply.js';

export interface ImportChanges {
  reference?: string | null;
  referenceOrigin?: string | null;
  metadata?: Record<string, unknown> | null;
  interrupt: boolean;
}

const ATTRIBUTES = ['reference', 'reference_origin', 'metadata', '_interrupt'];

export function readUpdateBody(text: string, id: string): ImportChanges | Reply {
  const document = readDocument(text);
  if (!('data' in document)) return document;
  const { data } = document;
  if (data.id !== id) {
    const given = typeof data.id === 'string' ? data.id : String(data.id ?? 'none');
    return failure(400, 'Key not included in URL', `The id in the body (${given}) does not match the id in the URL.`, { code: 'KEY_NOT_INCLUDED_IN_URL' });
  }
  const errors: JsonApiError[] = [];
  const refuse = (pointer: string, title: string) => void errors.push(invalidAttribute(pointer, title));
  for (const member of Object.keys(data)) if (!['type', 'id', 'attributes', 'relationships'].includes(member)) refuse(`/data/${member}`, 'is not allowed');
  if (data.relationships !== undefined && !isPlainObject(data.relationships)) refuse('/data/relationships', 'must be an object');
  if (data.type !== 'imports') refuse('/data/type', 'must be imports');
  if (data.attributes !== undefined && !isPlainObject(data.attributes)) refuse('/data/attributes', 'must be an object');
  const attributes = isPlainObject(data.attributes) ? data.attributes : {};
  const pointer = (name: string) => `/data/attributes/${name}`;
  for (const name of Object.keys(attributes)) if (!ATTRIBUTES.includes(name)) refuse(pointer(name), 'is not allowed');

  const { reference, reference_origin, metadata, _interrupt } = attributes;
  for (const [name, value] of Object.entries({ reference, reference_origin })) {
    if (value !== undefined && value !== null && typeof value !== 'string') refuse(pointer(name), 'is not a string');
  }
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) refuse(pointer('metadata'), 'is not an object');
  if (_interrupt !== undefined && typeof _interrupt !== 'boolean') refuse(pointer('_interrupt'), 'is not a boolean');
  if (errors.length > 0) return { status: 422, body: { errors } };
  return {
    ...(reference !== undefined && { reference: reference as string | null }),
    ...(reference_origin !== undefined && { referenceOrigin: reference_origin as string | null }),
    ...(metadata !== undefined && { metadata: metadata as Record<string, unknown> | null }),
    interrupt: _interrupt === true,
  };
}
