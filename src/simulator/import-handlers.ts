// The five operations on imports, once the request has passed the rate limits, the token, the
// media types and the query checks. Each brings the organization up to date first (time pacing).
import { readCreateBody } from './create-body.js';
import { listPage } from './list.js';
import type { Processor } from './processing.js';
import type { Query } from './query.js';
import { notFound, type Reply } from './reply.js';
import { listDocument, resourceOf } from './serialize.js';
import type { ImportStore } from './store.js';
import { readUpdateBody } from './update-body.js';

export interface Organization {
  store: ImportStore;
  processor: Processor;
}

export interface ApiRequest {
  /** The origin the request was sent to, for links. */
  base: string;
  query: Query;
  body: string;
  now: number;
}

export function createImport(org: Organization, request: ApiRequest): Reply {
  const attributes = readCreateBody(request.body);
  if ('status' in attributes) return attributes;
  org.processor.catchUp(request.now);
  const created = org.store.create(attributes, request.now);
  return { status: 201, body: { data: resourceOf(created, request.base, request.query.fields) } };
}

export function listImports(org: Organization, request: ApiRequest): Reply {
  org.processor.catchUp(request.now);
  const page = listPage(org.store.all(), request.query);
  return { status: 200, body: listDocument(page, request.base, request.query.params, request.query.fields) };
}

export function retrieveImport(org: Organization, request: ApiRequest, id: string): Reply {
  org.processor.catchUp(request.now);
  const found = org.store.get(id);
  if (!found) return notFound(id);
  org.processor.retrieved(found, request.now);
  return { status: 200, body: { data: resourceOf(found, request.base, request.query.fields) } };
}

export function updateImport(org: Organization, request: ApiRequest, id: string): Reply {
  const changes = readUpdateBody(request.body, id);
  if ('status' in changes) return changes;
  org.processor.catchUp(request.now);
  const found = org.store.get(id);
  if (!found) return notFound(id);
  const { interrupt, ...values } = changes;
  Object.assign(found, values, { updatedAt: request.now });
  if (interrupt) org.processor.interrupt(found, request.now);
  return { status: 200, body: { data: resourceOf(found, request.base, request.query.fields) } };
}

export function deleteImport(org: Organization, request: ApiRequest, id: string): Reply {
  org.processor.catchUp(request.now);
  // The records it created or updated stay.
  return org.store.delete(id) ? { status: 204 } : notFound(id);
}
