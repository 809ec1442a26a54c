import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

/** An import, as the API returns it. */
export type Import = Schemas['Import'];
export type ImportAttributes = Schemas['ImportAttributes'];
export type ImportStatus = Schemas['ImportStatus'];
/** The attributes `update` accepts: reference, reference_origin, metadata, _interrupt. */
export type ImportUpdateAttributes = Schemas['ImportUpdateAttributes'];
/** An attribute name, for sparse fieldsets. */
export type ImportAttributeName = Schemas['ImportAttributeName'];
export type ImportResourceType = Schemas['ImportResourceType'];
export type UpdateImportQuery = NonNullable<operations['updateImport']['parameters']['query']>;

export interface CallOptions {
  /** Stops the call at once: the request in flight, any wait between attempts, and further attempts. */
  signal?: AbortSignal;
}

export interface UpdateOptions extends CallOptions {
  /** Return only these attributes (`fields[imports]=a,b`). */
  fields?: ImportAttributeName[];
}
