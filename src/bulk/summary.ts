import { mergeErrors, mergeWarnings } from '../logs.js';
import type { Import } from '../types.js';
import { chunkItems, referenceOf } from './group.js';
import type { ImportAllSummary, ImportChunkFailure } from './import-all-types.js';
import type { ChunkKeys, TracedErrors } from './record-positions.js';

/** How one chunk ended: its import's final state, or the error that stopped it. */
export interface ChunkOutcome {
  index: number;
  first: number;
  last: number;
  id?: string;
  resumed: boolean;
  /** Created again by this run, in place of an earlier run's interrupted import. */
  retried?: boolean;
  /** Never created: the load stopped early. */
  stopped?: boolean;
  /** The import's errors_log traced back to positions, as soon as it ended (its records' keys then let go). */
  traced?: TracedErrors;
  final?: Import;
  /** The records' keys, kept while a late duplicate's errors may still have to be traced (the import did not complete). */
  keys?: ChunkKeys;
  /** Its import answered 404 while followed: its last known state. */
  vanished?: Import;
  error?: unknown;
}

/**
 * Accounts for every record: imported (processed), failed (an error each), or not processed (the
 * rest of an interrupted chunk, or a chunk whose import failed or was never created), so that the
 * three always add up to the records read.
 */
export function summarize(group: string, outcomes: readonly ChunkOutcome[], recordsTotal: number, stoppedEarly?: string): ImportAllSummary {
  const summary: ImportAllSummary = {
    group,
    chunks: outcomes.length,
    records_total: recordsTotal,
    imported_count: 0,
    failed_count: 0,
    not_processed_count: 0,
    warnings_count: 0,
    resumed_chunks: 0,
    retried_chunks: 0,
    failed_records: [],
    unmatched_errors: [],
    not_processed: [],
    errors_log: {},
    warnings_log: {},
    imports: [],
    failures: [],
    reconciliations: [],
  };
  for (const outcome of outcomes) {
    const size = outcome.last - outcome.first + 1;
    if (outcome.resumed) summary.resumed_chunks++;
    if (outcome.retried) summary.retried_chunks++;
    // A vanished import counts by its last known state: what it had processed was imported.
    const attributes = outcome.final?.attributes ?? outcome.vanished?.attributes;
    let processed = 0;
    let failed = 0;
    if (attributes) {
      if (outcome.final) summary.imports.push(outcome.final);
      // Never more than the chunk holds, whatever the counts say.
      processed = Math.min(size, attributes.processed_count ?? 0);
      failed = Math.min(size - processed, attributes.errors_count ?? 0);
      summary.warnings_count += attributes.warnings_count ?? 0;
      mergeWarnings(summary.warnings_log, attributes.warnings_log);
      for (const record of outcome.traced?.failed ?? []) summary.failed_records.push(record);
      for (const entry of outcome.traced?.unmatched ?? []) summary.unmatched_errors.push(entry);
    }
    const notProcessed = size - processed - failed;
    summary.imported_count += processed;
    summary.failed_count += failed;
    summary.not_processed_count += notProcessed;
    if (notProcessed > 0 || outcome.error !== undefined || outcome.vanished) {
      const failure = failureOf(group, outcome, notProcessed);
      summary.failures.push(failure);
      // The API goes through a chunk's inputs in order: what it did not reach is the chunk's end.
      if (notProcessed > 0) summary.not_processed.push({ chunk: outcome.index, first: outcome.last - notProcessed + 1, last: outcome.last, reason: failure.reason });
    }
  }
  summary.failed_records.sort((a, b) => a.position - b.position);
  lazyErrorsLog(summary);
  if (stoppedEarly !== undefined) summary.stopped_early = stoppedEarly;
  return summary;
}

function failureOf(group: string, outcome: ChunkOutcome, notProcessed: number): ImportChunkFailure {
  const failure: ImportChunkFailure = {
    chunk: outcome.index,
    reference: referenceOf(group, outcome.index),
    chunk_items: chunkItems(outcome.first, outcome.last),
    not_processed: notProcessed,
    reason: outcome.stopped ? 'stopped' : outcome.vanished ? 'vanished' : outcome.error === undefined ? 'interrupted' : 'error',
  };
  if (outcome.id !== undefined) failure.id = outcome.id;
  if (outcome.error !== undefined && !outcome.vanished) failure.error = outcome.error;
  return failure;
}

/**
 * The combined errors_log, built the first time it is read: a load of 100,000 failed records whose
 * caller reads `failed_records` only does not hold every message a third time.
 */
function lazyErrorsLog(summary: ImportAllSummary): void {
  let log: ImportAllSummary['errors_log'] | undefined;
  Object.defineProperty(summary, 'errors_log', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!log) {
        log = {};
        for (const imported of summary.imports) mergeErrors(log, imported.attributes.errors_log);
      }
      return log;
    },
    set: (value: ImportAllSummary['errors_log']) => void (log = value),
  });
}
