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
  fields?: ImportAttributeName[];
}

/** One page of imports: `meta` counts the whole filtered list, `links` lead to the other pages. */
export type ImportList = Pick<Schemas['ImportListResponse'], 'data' | 'meta' | 'links'>;
export type RetrieveOptions = UpdateOptions;
export type CreateOptions = UpdateOptions;

/** What `waitFor` reports each time the import changes. */
export type ImportProgress = Pick<ImportAttributes, 'status' | 'processed_count' | 'inputs_size' | 'errors_count'>;

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
  fields?: ImportAttributeName[];
}

export interface ImportAllProgress extends ImportProgress {
  /** The chunk's index, from 0, and its import's id. */
  chunk: number;
  id: string;
  /** Inputs processed so far over every chunk, out of `inputs_total`. */
  processed_total: number;
  inputs_total: number;
}

export interface ImportAllOptions extends CallOptions {
  /** Inputs per import (default and most 10,000). */
  chunkSize?: number;
  /** Imports created and followed at the same time (default 3, most 10: the API runs 10 per organization). */
  concurrency?: number;
  /** Passed to each import, such as `parent_resource_id` or `skip_errors`. */
  attributes?: Omit<ImportCreateAttributes, 'resource_type' | 'format' | 'inputs'>;
  intervalMs?: number;
  /** Per import, as in `waitFor`. */
  timeoutMs?: number;
  onProgress?: (progress: ImportAllProgress) => void;
}

/** A chunk that did not finish: not created, or failed while it was followed (its import's id, if created). */
export interface ImportChunkFailure {
  chunk: number;
  error: unknown;
  id?: string;
}

export interface ImportAllSummary {
  /** The final state of every import that finished (completed or interrupted), in chunk order. */
  imports: Import[];
  processed_count: number;
  errors_count: number;
  warnings_count: number;
  /** The errors and warnings logs of every import, one after the other. */
  errors_log: NonNullable<ImportAttributes['errors_log']>;
  warnings_log: NonNullable<ImportAttributes['warnings_log']>;
  failures: ImportChunkFailure[];
}
