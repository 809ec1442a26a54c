// The bundled OpenAPI document, as the vitest global setup has just written it, and its examples:
// tests compare against these values instead of retyping them, so the document stays the one source.
import { readFileSync } from 'node:fs';
import type { ApiError, Import, ImportUpdateAttributes } from '../../src/index.js';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { $ref?: string; value?: unknown }>;
}

export interface OpenApiDocument {
  components: {
    schemas: Record<string, unknown>;
    examples: Record<string, { value: unknown }>;
    responses: Record<string, { content: Record<string, MediaType> }>;
  };
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
}

export const openApiDocument: OpenApiDocument = JSON.parse(readFileSync(new URL('../../dist/openapi.json', import.meta.url), 'utf8'));

const JSON_API = 'application/vnd.api+json';

function example(name: string): unknown {
  const found = openApiDocument.components.examples[name];
  if (!found) throw new Error(`The document has no example named ${name}`);
  return structuredClone(found.value);
}

export interface UpdateRequestExample {
  data: { type: 'imports'; id: string; attributes: ImportUpdateAttributes };
}

export interface ImportResponseExample {
  data: Import;
}

/** The seed's request: set the reference of import xYZkjABcde. */
export const seedRequest = () => example('UpdateReferenceRequest') as UpdateRequestExample;
export const metadataRequest = () => example('UpdateMetadataRequest') as UpdateRequestExample;
export const interruptRequest = () => example('InterruptRequest') as UpdateRequestExample;
/** The seed's response: the updated import. */
export const seedResponse = () => example('UpdatedImportResponse') as ImportResponseExample;
export const interruptedResponse = () => example('InterruptedImportResponse') as ImportResponseExample;

/** The example error document the operation documents for a status, e.g. 404 -> RECORD_NOT_FOUND. */
export function errorExample(status: number): { errors: ApiError['errors'] } {
  const operation = openApiDocument.paths['/api/imports/{importId}']?.patch;
  const ref = operation?.responses[String(status)]?.$ref;
  if (!ref) throw new Error(`The operation documents no ${status} response`);
  const response = openApiDocument.components.responses[ref.split('/').pop()!];
  const value = response?.content[JSON_API]?.example;
  if (!value) throw new Error(`The ${status} response has no example`);
  return structuredClone(value) as { errors: ApiError['errors'] };
}
