import { ApiError, InputError } from '../errors.js';
import { formatRecordErrors, validateRecord } from '../records/validate-record.js';
import { onAbort, untilAborted } from '../transport/abort-listener.js';
import { paced, type Pacer, type Turn } from '../transport/rate-pacer.js';
import type { RetryOptions } from '../transport/retry-policy.js';
import type { CallOptions, Import, ImportInput, ImportResourceType, RetrieveOptions } from '../types.js';
import { chunkReader, type Chunk } from './chunk-reader.js';
import { createChunk, type CreateChunkDeps } from './create-chunk.js';
import { assertCsvRecord } from './csv-chunk.js';
import { attributesOf } from './chunk-attributes.js';
import { FINAL_FIELDS, followImport } from './follow-import.js';
import { assertSourceEnd, chunkItems, endsTheLoad, referenceOf } from './group.js';
import { describeConflicts, readGroup, type ImportGroupLoad } from './import-group.js';
import { countKept, readAndReconcile, reconcileGroup } from './reconcile.js';
import { importAllSettings, type ImportAllSettings } from './import-all-options.js';
import type { ImportAllOptions, ImportAllReconciliation, ImportAllSummary, ImportRecords } from './import-all-types.js';
import { summarize, type ChunkOutcome } from './summary.js';
import { earlyStop } from './early-stop.js';
import { chunkKeys, traceErrors } from './record-positions.js';
import { importsOfReference } from './retry-interrupted.js';

/**
 * The calls importAll makes, with the client's retry policy for creates whose fate is unknown and
 * the client's pacers, which count every request the client sends: importAll waits on them before
 * each of its own, so that a load stays inside the API's limits whatever else the client does.
 */
export interface BulkClient extends Pick<CreateChunkDeps, 'create' | 'list' | 'interrupt' | 'retry' | 'settleMs'> {
  retrieve(id: string, options: RetrieveOptions): Promise<Import>;
  pacers: { read: Pacer; write: Pacer };
}

/**
 * Imports records from any (async) iterable in chunks, `concurrency` imports at a time, reading the
 * source only as fast as chunks are sent. The group's imports already on the server are the
 * journal of earlier runs: completed chunks are not sent again, running ones are followed.
 */
export async function importAll(client: BulkClient, resourceType: ImportResourceType, records: ImportRecords, options: ImportAllOptions = {}): Promise<ImportAllSummary> {
  const settings = importAllSettings(resourceType, records, options);
  const { chunkSize, concurrency, group, total, signal } = settings;
  // What each import of the group must show to be this load's: any other is another load's.
  const load: ImportGroupLoad = { resourceType, parentResourceId: settings.attributes?.parent_resource_id ?? null, chunkSize, total };
  let columns = settings.columns;
  const reader = chunkReader(records, chunkSize, (record, position) => {
    if (total !== undefined && position > total) throw new InputError(`The records hold more than the ${total} that total says: record ${position} is one too many`);
    if (settings.validate) checkRecord(settings, resourceType, record, position);
    if (settings.format !== 'csv') return;
    columns ??= Object.keys(record);
    assertCsvRecord(record, columns, position);
  });
  const { read, write } = client.pacers;
  const deps: CreateChunkDeps = { ...client, read, write };
  // Stops every chunk at once: the caller's abort, or a failure that ends the whole load.
  const stop = new AbortController();
  const stopWatching = signal && onAbort(signal, () => stop.abort(signal.reason));
  if (signal?.aborted) stop.abort(signal.reason);
  const outcomes: ChunkOutcome[] = [];
  const handled = new Map<number, number>();
  let found = new Map<number, Import>();
  const reconciliations: ImportAllReconciliation[] = [];
  let nextIndex = 0;
  const stopper = earlyStop(settings.maxErrors);
  // A chunk is created unless an earlier run left it completed or running (or interrupted, without retryInterrupted).
  const toCreate = (index: number) => !found.has(index) || (settings.retryInterrupted && found.get(index)!.attributes.status === 'interrupted');

  const chunksTotal = () => (total !== undefined ? Math.ceil(total / chunkSize) : reader.ended ? Math.ceil(reader.read / chunkSize) : undefined);
  const report = (chunk: Chunk, current: Import, resumed: boolean) => {
    const { status, processed_count, inputs_size, errors_count } = current.attributes;
    handled.set(chunk.index, (processed_count ?? 0) + (errors_count ?? 0));
    try {
      settings.onProgress?.({
        group, chunk: chunk.index, reference: referenceOf(group, chunk.index), id: current.id, resumed,
        status, processed_count, inputs_size, errors_count,
        processed_total: [...handled.values()].reduce((a, b) => a + b, 0),
        records_read: reader.read,
        records_total: total ?? (reader.ended ? reader.read : undefined),
        chunks_total: chunksTotal(),
      });
    } catch (error) {
      stop.abort(error);
    }
  };

  async function runChunk(chunk: Chunk, turn: Turn | undefined): Promise<ChunkOutcome> {
    const outcome: ChunkOutcome = { index: chunk.index, first: chunk.first, last: chunk.last, resumed: false };
    const earlier = found.get(chunk.index);
    // The import's last known state, for the count should it vanish.
    let last = earlier;
    // The load stopped early: this chunk is read, so that its records are accounted for, and not sent.
    if (!turn && !earlier) return { ...outcome, stopped: true };
    // Only the records' keys are kept once the chunk is sent, and only until its errors are traced.
    const keys = chunkKeys(resourceType, chunk.records);
    try {
      let id: string;
      const items = (earlier?.attributes.metadata as { chunk_items?: unknown } | null | undefined)?.chunk_items;
      if (earlier && items !== chunkItems(chunk.first, chunk.last)) {
        throw new InputError(`Group ${group}'s import ${earlier.id} holds records ${String(items)}, where these records' chunk ${chunk.index + 1} holds ${chunkItems(chunk.first, chunk.last)}: another load used this group`);
      }
      if (earlier && !turn) {
        outcome.resumed = true;
        outcome.id = id = earlier.id;
        // A finished one is followed too: one poll finds it ended, and a passing failure of that read is retried.
      } else {
        // An interrupted chunk created again: the imports already under its reference are not this create's.
        const ignore = earlier ? await importsOfReference(client.list, referenceOf(group, chunk.index), read, stop.signal) : undefined;
        outcome.retried = earlier !== undefined;
        const created = await createChunk(deps, attributesOf(settings, resourceType, chunk, columns, chunksTotal()), stop.signal, turn, ignore);
        outcome.id = id = created.id;
        last = created;
        // Reported at once: the first poll comes only an interval later.
        report(chunk, created, false);
      }
      chunk.records = []; // Sent: the chunk's records need no memory any more.
      outcome.final = await followImport(client.retrieve, id, {
        read, signal: stop.signal, intervalMs: settings.intervalMs, timeoutMs: settings.timeoutMs, justCreated: !outcome.resumed,
        onChange: (current) => {
          last = current;
          report(chunk, current, outcome.resumed);
        },
      });
      const { status, processed_count, errors_count, errors_log } = outcome.final.attributes;
      outcome.traced = traceErrors(chunk.index, chunk.first, keys, errors_log);
      // Should a late duplicate of this chunk have completed, the end's read counts it in this one's place.
      if (status !== 'completed') outcome.keys = keys;
      // A chunk an earlier run had finished ran with that run's settings: it does not stop this one.
      const finishedBefore = outcome.resumed && (earlier!.attributes.status === 'completed' || earlier!.attributes.status === 'interrupted');
      if (!finishedBefore) stopper.ended({ status, processed: processed_count ?? 0, failed: errors_count ?? 0 });
    } catch (error) {
      if (stop.signal.aborted) throw stop.signal.reason;
      if (endsTheLoad(error)) throw error;
      outcome.error = error;
      // A 404 for an import that was there: it was deleted while followed.
      if (error instanceof ApiError && error.status === 404 && last && last.id === outcome.id) outcome.vanished = last;
      outcome.keys = keys;
    }
    return outcome;
  }

  /** Every import of the group still pending or running, those whose create was answered after the abort included. */
  async function interruptGroup(): Promise<void> {
    const running = [...(await readGroup(client.list, group, { load, read })).imports.values()].flat().filter(({ attributes: { status } }) => status === 'pending' || status === 'in_progress');
    await Promise.allSettled(running.map(({ id }) => client.interrupt(id)));
  }

  async function worker(): Promise<void> {
    while (!stop.signal.aborted) {
      // Reads are served in the order asked, so this is the index of the chunk this worker gets. One
      // to create takes its write turn first, and its records are read from the source only then.
      const index = nextIndex++;
      const turn = toCreate(index) && stopper.reason === undefined ? write.take(stop.signal) : undefined;
      turn?.catch(() => {}); // a stop rejects it; the read below reports that
      // A source waiting for its next record must not hold up a stop.
      const chunk = await untilAborted(reader.next(turn), stop.signal);
      if (reader.ended) assertSourceEnd(found, group, chunkSize, total, reader.read);
      if (!chunk) {
        if (turn) write.settle(await turn);
        return;
      }
      outcomes[chunk.index] = await runChunk(chunk, await turn);
    }
  }

  try {
    const start = await readGroup(client.list, group, { load, read, signal: stop.signal });
    // Refused before anything is sent, duplicates' interrupts included.
    if (start.conflicts.length > 0) throw new InputError(describeConflicts(group, start.conflicts));
    found = start.kept;
    reconciliations.push(...(await reconcileGroup(deps, group, start.imports, 'start', stop.signal)));
    const statuses = [...found.values()].map((each) => each.attributes.status);
    settings.onResume?.({
      group,
      completed: statuses.filter((status) => status === 'completed').length,
      running: statuses.filter((status) => status === 'pending' || status === 'in_progress').length,
      interrupted: statuses.filter((status) => status === 'interrupted').length,
      retrying: settings.retryInterrupted ? statuses.filter((status) => status === 'interrupted').length : 0,
    });
    await Promise.all(Array.from({ length: concurrency }, () => worker().catch((error) => stop.abort(error))));
    if (stop.signal.aborted) throw stop.signal.reason;
    // A last read of the group finds the creates that landed late, given up for lost.
    let groupCheckError: unknown;
    try {
      const end = await readAndReconcile(deps, group, load, 'end', stop.signal);
      // Two completed imports found at the start are found again at the end: reported once.
      reconciliations.push(...end.reconciliations.filter((each) => !reconciliations.some((known) => known.id === each.id && known.action === each.action)));
      await countKept(outcomes, end.read, (id) => paced(read, stop.signal, () => client.retrieve(id, { signal: stop.signal, fields: FINAL_FIELDS })));
      // Another load began using the group during this run: its imports were left alone.
      if (end.read.conflicts.length > 0) groupCheckError = new InputError(describeConflicts(group, end.read.conflicts));
    } catch (error) {
      if (stop.signal.aborted) throw stop.signal.reason;
      groupCheckError = error;
    }
    const summary = summarize(group, outcomes, reader.read, stopper.reason);
    if (groupCheckError !== undefined) summary.group_check_error = groupCheckError;
    summary.reconciliations = reconciliations;
    return summary;
  } catch (error) {
    if (signal?.aborted && settings.interruptOnAbort) await interruptGroup().catch(() => {});
    throw error;
  } finally {
    stopWatching?.();
    // Not awaited: a source stuck in a read must not hold up the answer.
    reader.close().catch(() => {});
  }
}

/** The `validate` option: the record against its type's rules, as it is read. */
function checkRecord(settings: ImportAllSettings, resourceType: ImportResourceType, record: ImportInput, position: number): void {
  const errors = validateRecord(resourceType, record, { format: settings.format, parentResourceId: settings.attributes?.parent_resource_id ?? null });
  if (!errors) return;
  if (typeof settings.validate === 'function') settings.validate({ position, errors });
  else throw new InputError(`Record ${position} is invalid: ${formatRecordErrors(errors)}`);
}
