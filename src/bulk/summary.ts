import { mergeErrors, mergeWarnings } from '../logs.js';
import type { Import } from '../types.js';
import { chunkItems, referenceOf } from './group.js';
import type { ImportAllSummary, ImportChunkFailure } from './import-all-types.js';

/** How one chunk ended: its import's final state, or the error that stopped it. */
export interface ChunkOutcome {
  index: number;
  first: number;
  last: number;
  id?: string;
  resumed: boolean;
  final?: Import;
  /** Its import answered 404 while followed: its last known state. */
  vanished?: Import;
  error?: unknown;
}

/**
 * Accounts for every record: imported (processed), failed (an error each), or not processed (the
 * rest of an interrupted chunk, or a chunk whose import failed or was never created), so that the
 * three always add up to the records read.
 */
export function summarize(group: string, outcomes: readonly ChunkOutcome[], recordsTotal: number): ImportAllSummary {
  const summary: ImportAllSummary = {
    group,
    chunks: outcomes.length,
    records_total: recordsTotal,
    imported_count: 0,
    failed_count: 0,
    not_processed_count: 0,
    warnings_count: 0,
    resumed_chunks: 0,
    errors_log: {},
    warnings_log: {},
    imports: [],
    failures: [],
    reconciliations: [],
  };
  for (const outcome of outcomes) {
    const size = outcome.last - outcome.first + 1;
    if (outcome.resumed) summary.resumed_chunks++;
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
      mergeErrors(summary.errors_log, attributes.errors_log);
      mergeWarnings(summary.warnings_log, attributes.warnings_log);
    }
    const notProcessed = size - processed - failed;
    summary.imported_count += processed;
    summary.failed_count += failed;
    summary.not_processed_count += notProcessed;
    if (notProcessed > 0 || outcome.error !== undefined || outcome.vanished) summary.failures.push(failureOf(group, outcome, notProcessed));
  }
  return summary;
}

function failureOf(group: string, outcome: ChunkOutcome, notProcessed: number): ImportChunkFailure {
  const failure: ImportChunkFailure = {
    chunk: outcome.index,
    reference: referenceOf(group, outcome.index),
    chunk_items: chunkItems(outcome.first, outcome.last),
    not_processed: notProcessed,
    reason: outcome.vanished ? 'vanished' : outcome.error === undefined ? 'interrupted' : 'error',
  };
  if (outcome.id !== undefined) failure.id = outcome.id;
  if (outcome.error !== undefined && !outcome.vanished) failure.error = outcome.error;
  return failure;
}
