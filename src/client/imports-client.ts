import type { Client } from 'openapi-fetch';
import type { ImportAllOptions, ImportAllSummary, ImportRecords } from '../bulk/import-all-types.js';
import type { paths } from '../generated/openapi.js';
import type { JSON_API } from '../transport/transport.js';
import type {
  CallOptions,
  CreateOptions,
  Import,
  ImportAttributeName,
  ImportCreateAttributes,
  ImportList,
  ImportResourceType,
  ImportUpdateAttributes,
  ListQuery,
  RetrieveOptions,
  SparseImport,
  UpdateOptions,
  WaitForOptions,
  WithFields,
} from '../types.js';

/**
 * The client. Each call that takes `fields` resolves, when given them, to an import holding exactly
 * those attributes (`SparseImport`), and otherwise to a full `Import`.
 */
export interface ImportsClient {
  /** Updates an import's reference, reference_origin, metadata or _interrupt; resolves to the updated import. */
  update<F extends ImportAttributeName>(importId: string, attributes: ImportUpdateAttributes, options: WithFields<UpdateOptions, F>): Promise<SparseImport<F>>;
  update(importId: string, attributes: ImportUpdateAttributes, options?: UpdateOptions): Promise<Import>;
  /** Interrupts a pending or running import: an update with `_interrupt: true`. */
  interrupt<F extends ImportAttributeName>(importId: string, options: WithFields<UpdateOptions, F>): Promise<SparseImport<F>>;
  interrupt(importId: string, options?: UpdateOptions): Promise<Import>;
  /** One page of imports, filtered, sorted and paged by `query`. */
  list<F extends ImportAttributeName>(query: WithFields<ListQuery, F>, options?: CallOptions): Promise<ImportList<SparseImport<F>>>;
  list(query?: ListQuery, options?: CallOptions): Promise<ImportList>;
  /** Every import over every page (25 a page unless `query.page.size` says otherwise), each page fetched when the loop reaches it. */
  listAll<F extends ImportAttributeName>(query: WithFields<ListQuery, F>, options?: CallOptions): AsyncGenerator<SparseImport<F>, void, undefined>;
  listAll(query?: ListQuery, options?: CallOptions): AsyncGenerator<Import, void, undefined>;
  retrieve<F extends ImportAttributeName>(importId: string, options: WithFields<RetrieveOptions, F>): Promise<SparseImport<F>>;
  retrieve(importId: string, options?: RetrieveOptions): Promise<Import>;
  /** Creates an import, `pending` at first. Not idempotent: retried only on 429, never on a 5xx or a lost connection. */
  create<F extends ImportAttributeName>(attributes: ImportCreateAttributes, options: WithFields<CreateOptions, F>): Promise<SparseImport<F>>;
  create(attributes: ImportCreateAttributes, options?: CreateOptions): Promise<Import>;
  /** Deletes an import; resolves to undefined. */
  delete(importId: string, options?: CallOptions): Promise<void>;
  /** Polls an import until it is completed or interrupted; resolves to that final state (with `fields`, the last poll). */
  waitFor<F extends ImportAttributeName>(importId: string, options: WithFields<WaitForOptions, F>): Promise<SparseImport<F | 'status'>>;
  waitFor(importId: string, options?: WaitForOptions): Promise<Import>;
  /**
   * Imports any number of records, streamed from any (async) iterable, in chunks of up to 10,000, a few
   * imports at a time, resuming what an earlier run of the same `group` left; resolves to an account of every record.
   */
  importAll(resourceType: ImportResourceType, records: ImportRecords, options?: ImportAllOptions): Promise<ImportAllSummary>;
  /** The typed openapi-fetch client with this client's transport, for callers who need the whole response. */
  readonly raw: Client<paths, typeof JSON_API>;
}
