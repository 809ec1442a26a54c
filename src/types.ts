import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

export type ImportAttributes = Schemas['ImportAttributes'];
/** The attributes the API returns with every full import (one asked for without `fields`). */
type AlwaysReturned = 'status' | 'resource_type' | 'inputs' | 'created_at' | 'updated_at';
/** An import, as the API returns it without a sparse fieldset. */
export type Import = Omit<Schemas['Import'], 'attributes'> & {
  attributes: Omit<ImportAttributes, AlwaysReturned> & Required<Pick<ImportAttributes, AlwaysReturned>>;
};
/** An import asked for with `fields`: exactly the attributes named, each present (null where it has no value). */
export type SparseImport<F extends ImportAttributeName> = Omit<Schemas['Import'], 'attributes'> & {
  attributes: Required<Pick<ImportAttributes, F>>;
};
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
  /** Return only these attributes (`fields[imports]=a,b`); the result's type then holds only them. */
  fields?: readonly ImportAttributeName[];
}
/** Options that name a sparse fieldset. */
export type WithFields<O, F extends ImportAttributeName> = Omit<O, 'fields'> & { fields: readonly F[] };

/** The attributes `create` accepts; `resource_type` and `inputs` are required. */
export type ImportCreateAttributes = Schemas['ImportCreateAttributes'];
/** One record of a json import: an object with the attributes of the resource type. */
export type ImportInput = Extract<ImportCreateAttributes['inputs'], unknown[]>[number];
/** A sortable attribute, ascending, or descending with a leading `-`. */
export type ImportSortKey = Schemas['ImportSortKey'];
type ListImportsParams = NonNullable<operations['listImports']['parameters']['query']>;
/** The documented filters, by their name inside `filter[q][...]`, such as `status_eq`. */
export type ImportFilter = {
  [K in keyof ListImportsParams as K extends `filter[q][${infer Name}]` ? Name : never]?: ListImportsParams[K];
};

export interface ListQuery {
  /** `number` counts from 1; `size` is 1 to 25 (the API's default is 10). */
  page?: { number?: number; size?: number };
  sort?: ImportSortKey[];
  filter?: ImportFilter;
  /** Return only these attributes (`fields[imports]=a,b`). */
  fields?: readonly ImportAttributeName[];
}

/** One page of imports: `meta` counts the whole filtered list, `links` lead to the other pages. */
export type ImportList<T = Import> = Omit<Pick<Schemas['ImportListResponse'], 'data' | 'meta' | 'links'>, 'data'> & { data: T[] };
export type RetrieveOptions = UpdateOptions;
export type CreateOptions = UpdateOptions;

/** What `waitFor` reports each time the import changes. */
export type ImportProgress = Pick<Import['attributes'], 'status'> & Pick<ImportAttributes, 'processed_count' | 'inputs_size' | 'errors_count'>;

export interface WaitForOptions extends CallOptions {
  /** The wait between polls (default 2000); doubled on each 429 in a row, up to a minute. */
  intervalMs?: number;
  /** Reject with TimeoutError when the import is still running after this long (default 30 minutes). */
  timeoutMs?: number;
  /** Called with each new state: once per change of status or counts. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Poll for these attributes (and `status`) and resolve to the last poll. Without them, polls ask for
   * the progress attributes only and the whole import is retrieved once at the end.
   */
  fields?: readonly ImportAttributeName[];
}
