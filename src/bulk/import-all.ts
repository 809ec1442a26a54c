import type { ImportsClient } from '../client/client.js';
import { assertCreateAttributes, assertJsonInputs, MAX_INPUTS } from '../checks/create-checks.js';
import { assertCallOptions } from '../checks/input-checks.js';
import { wholeNumber } from '../checks/list-query.js';
import { PROGRESS_FIELDS } from './wait-for.js';
import type { Import, ImportAllOptions, ImportAllSummary, ImportAttributeName, ImportChunkFailure, ImportInput, ImportResourceType } from '../types.js';

/** The API runs at most this many imports per organization at a time. */
const MAX_CONCURRENCY = 10;
/** What the summary needs from each import: polling asks for these only, never the 10,000 inputs. */
const SUMMARY_FIELDS: ImportAttributeName[] = [...PROGRESS_FIELDS, 'warnings_count', 'errors_log', 'warnings_log'];

/**
 * Splits the inputs into imports of `chunkSize`, creates and follows up to `concurrency` of them at
 * a time, and sums them up. A chunk that fails is reported with its index and error while the
 * others go on. An aborted signal starts no further chunk, interrupts the imports still running
 * (best effort) and rejects with the signal's reason.
 */
export async function importAll(
  client: Pick<ImportsClient, 'create' | 'waitFor' | 'interrupt'>,
  resourceType: ImportResourceType,
  inputs: ImportInput[],
  options: ImportAllOptions = {},
): Promise<ImportAllSummary> {
  assertCallOptions(options);
  const { chunkSize = MAX_INPUTS, concurrency = 3, attributes, signal, onProgress, intervalMs, timeoutMs } = options;
  wholeNumber('chunkSize', chunkSize, 1, MAX_INPUTS);
  wholeNumber('concurrency', concurrency, 1, MAX_CONCURRENCY);
  assertJsonInputs(inputs, Infinity);
  const attributesOf = (chunk: ImportInput[]) => ({ ...attributes, resource_type: resourceType, format: 'json' as const, inputs: chunk });
  // Checks the resource type and the shared attributes once, before any import is created.
  assertCreateAttributes(attributesOf(inputs.slice(0, 1)));

  const chunks = Array.from({ length: Math.ceil(inputs.length / chunkSize) }, (_, i) => inputs.slice(i * chunkSize, (i + 1) * chunkSize));
  const finished: Import[] = [];
  const failures: ImportChunkFailure[] = [];
  const running = new Set<string>();
  const processed = chunks.map(() => 0);
  let next = 0;

  async function worker(): Promise<void> {
    while (next < chunks.length && !signal?.aborted) {
      const chunk = next++;
      let id: string | undefined;
      try {
        id = (await client.create(attributesOf(chunks[chunk]!), { signal, fields: ['status'] })).id;
        running.add(id);
        const importId = id;
        finished[chunk] = await client.waitFor(importId, {
          signal,
          intervalMs,
          timeoutMs,
          fields: SUMMARY_FIELDS,
          onProgress: (progress) => {
            processed[chunk] = progress.processed_count ?? 0;
            const totals = { processed_total: processed.reduce((a, b) => a + b, 0), inputs_total: inputs.length };
            onProgress?.({ ...progress, chunk, id: importId, ...totals });
          },
        });
      } catch (error) {
        // Cancelled: its import, if created, stays in `running`, to be interrupted below.
        if (signal?.aborted) return;
        failures.push(id === undefined ? { chunk, error } : { chunk, error, id });
      }
      if (id !== undefined) running.delete(id);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  if (signal?.aborted) {
    await Promise.allSettled([...running].map((id) => client.interrupt(id)));
    throw signal.reason;
  }
  return summarize(finished.filter(Boolean), failures);
}

function summarize(imports: Import[], failures: ImportChunkFailure[]): ImportAllSummary {
  const summary: ImportAllSummary = { imports, processed_count: 0, errors_count: 0, warnings_count: 0, errors_log: [], warnings_log: [], failures };
  for (const { attributes } of imports) {
    summary.processed_count += attributes.processed_count ?? 0;
    summary.errors_count += attributes.errors_count ?? 0;
    summary.warnings_count += attributes.warnings_count ?? 0;
    summary.errors_log.push(...(attributes.errors_log ?? []));
    summary.warnings_log.push(...(attributes.warnings_log ?? []));
  }
  failures.sort((a, b) => a.chunk - b.chunk);
  return summary;
}
