import type { InvalidRecord } from '../records/validate-records.js';
import type { ImportFailedRecord, ImportUnmatchedError } from './record-positions.js';
import type { CallOptions, Import, ImportAttributes, ImportCreateAttributes, ImportInput, ImportProgress } from '../types.js';

/** A chunk's final import as importAll reads it: every attribute but the inputs, which the caller sent and which weigh megabytes. */
export type FinishedImport = Omit<Import, 'attributes'> & { attributes: Omit<Import['attributes'], 'inputs'> };

/** Records to import: an array, any iterable, or any async iterable (a file parser's stream, a database cursor). */
export type ImportRecords = Iterable<ImportInput> | AsyncIterable<ImportInput>;

export interface ImportAllOptions extends CallOptions {
  /** Records per import (default and most 10,000). */
  chunkSize?: number;
  /** Imports running at the same time (default 3, most 10: the API runs 10 per organization). */
  concurrency?: number;
  /**
   * The load's name: chunk n's import gets `reference: <group>-<nnnn>`. Running the same group again
   * resumes it: chunks already imported are not created again. Default: a random name (no resume).
   */
  group?: string;
  /**
   * `json` (default) sends each chunk as an array of records; `csv` sends a header and rows, so that the
   * API types the values itself as it does for a CSV file. CSV records are objects of string, number,
   * boolean or null values, such as a CSV parser's rows.
   */
  format?: 'json' | 'csv';
  /** CSV only: the header, in order (default: the first record's keys). A record with another key is refused. */
  columns?: string[];
  /** How many records the source holds, when known: chunk numbers read `n/total` from the first chunk, and progress has a total. */
  total?: number;
  /** Given to every import. `reference` and `reference_origin` are the group's; `metadata` is merged with the group's. */
  attributes?: Pick<ImportCreateAttributes, 'parent_resource_id' | 'skip_errors' | 'metadata'>;
  /**
   * The wait before an import's first poll and between polls while nothing tells how long it still needs
   * (default 1000); once its rate shows, polls aim just past its predicted end.
   */
  intervalMs?: number;
  /** Per import, as in `waitFor` (default 30 minutes). */
  timeoutMs?: number;
  /**
   * The organization's environment, `live` or `test`, whose published rate limits the load keeps to
   * (live allows twice as many requests). Default: the access token's `test` claim, else test's
   * limits. It is the organization's: the client paces every later load by it too.
   */
  environment?: 'live' | 'test';
  /**
   * Create again, under the same reference, the chunks an earlier run of the group left interrupted,
   * with this run's attributes (so `skip_errors: true` finishes a chunk the 10% rule stopped). The
   * records those imports went through are imported again: the API updates what exists. Default false:
   * an interrupted chunk is reported, not sent again.
   */
  retryInterrupted?: boolean;
  /**
   * Once more than this many records have failed, no further chunk is created (those created go on).
   * Default: no further chunk once 3 chunks have ended and all were interrupted, or more than half of
   * the records they went through failed: a load failing everywhere sends a few chunks, not all.
   */
  maxErrors?: number;
  /** On abort, interrupt this load's imports in the group still pending or running, never another load's (default false: they keep running, and a rerun picks them up). */
  interruptOnAbort?: boolean;
  /** Called once, before anything is created, with what an earlier run of the group left on the server. */
  onResume?: (resume: ImportAllResume) => void;
  /** Called on each change of a chunk's import. */
  onProgress?: (progress: ImportAllProgress) => void;
  /**
   * Checks each record as it is read against its type's rules (`validateRecord`, with this load's
   * format and parent_resource_id; whether a record exists is unknown, so one with an id or its
   * type's complete unique key is not held to what a create requires). `true`: the first invalid record ends the load with an
   * InputError before its chunk is sent (chunks before it may have been sent: run `validateRecords`
   * over the source first to refuse it whole). A function: called with each invalid record, which
   * is sent anyway, for the API to report it.
   */
  validate?: boolean | ((invalid: InvalidRecord) => void);
}

/** What `importAll` found of its group before creating anything. */
export interface ImportAllResume {
  group: string;
  /** Imports of the group found on the server, by status. */
  completed: number;
  running: number;
  interrupted: number;
  /** Of the interrupted ones, those created again by this run (retryInterrupted). */
  retrying: number;
}

export interface ImportAllProgress extends ImportProgress {
  group: string;
  /** The chunk's index, from 0; its import's reference (`<group>-<index + 1, 4 digits>`) and id. */
  chunk: number;
  reference: string;
  id: string;
  /** The import was created by an earlier run of the group. */
  resumed: boolean;
  /** Records processed so far over every chunk. */
  processed_total: number;
  /** Records read from the source so far. */
  records_read: number;
  /** Records in the whole load: `total` when given, else known once the source is read to its end. */
  records_total: number | undefined;
  chunks_total: number | undefined;
}

/** A chunk whose records were not (all) processed: it failed, was interrupted, or its import could not be created. */
export interface ImportChunkFailure {
  chunk: number;
  reference: string;
  /** 1-based positions of its first and last record in the source: `first-last`. */
  chunk_items: string;
  /** Its import's id, when one was created. */
  id?: string;
  /** Records of the chunk left unprocessed. */
  not_processed: number;
  /**
   * Why: the import was interrupted (`interrupted`), following or creating it failed (`error`), or it
   * was deleted while followed (`vanished`: its records up to its last known counts are counted as
   * imported and failed, the rest as not processed; its errors_log is not known), or it was never
   * created because the load stopped early (`stopped`, see `stopped_early`).
   */
  reason: 'interrupted' | 'error' | 'vanished' | 'stopped';
  error?: unknown;
}

/** What importAll did about a chunk that had more than one import when it read the group. */
export interface ImportAllReconciliation {
  /** The read: before the load started, or the last one, at its end. */
  when: 'start' | 'end';
  chunk: number;
  reference: string;
  /** The import acted on, and the one kept for the chunk. */
  id: string;
  kept_id: string;
  /**
   * `interrupted`: it was pending or in progress, and was interrupted; `interrupt_failed`: that
   * interrupt failed (`error`), and the next read of the group tries again; `imported_twice`: both
   * completed, so the chunk's records were imported twice, and they are counted once.
   */
  action: 'interrupted' | 'interrupt_failed' | 'imported_twice';
  reason: string;
  error?: unknown;
}

export interface ImportAllSummary {
  group: string;
  chunks: number;
  records_total: number;
  /** Records processed without an error. */
  imported_count: number;
  /** Records that failed: each has an entry in `errors_log`. */
  failed_count: number;
  /** Records of failed or interrupted chunks that were never processed. imported + failed + not processed = total. */
  not_processed_count: number;
  warnings_count: number;
  /** Chunks found from an earlier run of the group (completed, running or interrupted), and not created again. */
  resumed_chunks: number;
  /** Chunks an earlier run left interrupted, created again by this one (retryInterrupted). */
  retried_chunks: number;
  /**
   * Every failed record, by position in the whole load (1-based, as read from the source), with its
   * chunk, the key the API gave it and its errors. Keys of different chunks never merge here.
   */
  failed_records: ImportFailedRecord[];
  /** errors_log entries whose key matches no record of their chunk, as the API gave them. */
  unmatched_errors: ImportUnmatchedError[];
  /** The records never processed, as ranges of positions (1-based, inclusive), in order. */
  not_processed: ImportNotProcessed[];
  /** Why no further chunk was created, when the load stopped early (maxErrors or the default rule). */
  stopped_early?: string;
  /**
   * Every import's errors, by input key, as the API keys them: where it keys by place in the import,
   * records of different chunks share a key (see `failed_records` for each record's own); when two imports report the same key, their messages for
   * each attribute are concatenated, so none is lost.
   */
  errors_log: NonNullable<ImportAttributes['errors_log']>;
  /** Every import's warnings, by input key, concatenated likewise. */
  warnings_log: NonNullable<ImportAttributes['warnings_log']>;
  /** The final state of each chunk's import, in chunk order, each with its own logs. */
  imports: FinishedImport[];
  /** The chunks that did not process all their records, or whose import vanished, in chunk order. */
  failures: ImportChunkFailure[];
  /** Every chunk found with more than one import, and what was done about it, at the start and at the end. */
  reconciliations: ImportAllReconciliation[];
  /**
   * Why the group could not be read once more at the end, when it could not: a create that landed
   * late may then still be running beside the chunk's import; running the group again finds it. Or an
   * InputError naming another load's imports that the last read found in the group (left alone).
   */
  group_check_error?: unknown;
}

/** Records of a chunk that were never processed: positions `first` to `last`, 1-based, inclusive. */
export interface ImportNotProcessed {
  chunk: number;
  first: number;
  last: number;
  reason: ImportChunkFailure['reason'];
}
