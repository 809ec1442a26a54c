import { ApiError, NetworkError, TimeoutError } from '../errors.js';
import { onAbort } from '../transport/abort-listener.js';
import { MAX_TIMER_MS, retryDelayMs, sleep } from '../transport/retry-policy.js';
import type { Import, ImportAttributeName, RetrieveOptions } from '../types.js';
import type { Pacer } from '../transport/rate-pacer.js';

const FINAL_STATUSES: unknown[] = ['completed', 'interrupted'];
/** What a poll asks for: a few hundred bytes, whatever the import's size or its logs. */
export const POLL_FIELDS: ImportAttributeName[] = ['status', 'processed_count', 'inputs_size', 'errors_count', 'warnings_count'];
/** The final state: everything but the inputs, which the caller sent and which weigh megabytes. */
export const FINAL_FIELDS: ImportAttributeName[] = [
  ...POLL_FIELDS,
  'resource_type', 'format', 'parent_resource_id', 'started_at', 'completed_at', 'interrupted_at', 'errors_log', 'warnings_log',
  'skip_errors', 'attachment_url', 'reference', 'reference_origin', 'metadata', 'created_at', 'updated_at',
];
/** The longest wait between two polls, however far an import has to go. */
const MAX_POLL_MS = 10_000;
/** Waits on throttling and passing failures: backoff up to a minute, reading Retry-After. */
const BACKOFF = { retries: 0, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface FollowOptions {
  read: Pacer;
  signal: AbortSignal | undefined;
  /** The shortest wait between polls. */
  intervalMs: number;
  timeoutMs: number;
  onChange: (current: Import) => void;
}

/**
 * Polls an import until it is completed or interrupted, then reads its final state once, logs
 * included. Each wait follows the import's own pace: from the processed count's rate, about as long
 * as it still needs (at least intervalMs; at most 10 s, unless intervalMs is longer). Throttling and passing failures (a 429, a
 * 5xx, a lost connection or timeout once the transport's retries are spent) slow polling down rather
 * than end it: the import runs on the server regardless.
 */
export async function followImport(retrieve: (id: string, options: RetrieveOptions) => Promise<Import>, id: string, options: FollowOptions): Promise<Import> {
  const { read, signal, intervalMs, timeoutMs, onChange } = options;
  const stop = new AbortController();
  if (signal?.aborted) stop.abort(signal.reason);
  const stopWatching = signal && onAbort(signal, () => stop.abort(signal.reason));
  const deadline = setTimeout(() => stop.abort(new TimeoutError(`Import ${id} did not finish within ${timeoutMs} ms`)), Math.min(timeoutMs, MAX_TIMER_MS));
  let reported = '';
  let failuresInARow = 0;
  let seen: { at: number; done: number } | undefined;
  try {
    for (;;) {
      let wait = intervalMs;
      try {
        await read.take(stop.signal);
        const current = await retrieve(id, { signal: stop.signal, fields: POLL_FIELDS });
        failuresInARow = 0;
        const { status, processed_count, errors_count, inputs_size } = current.attributes;
        const key = JSON.stringify([status, processed_count, errors_count, current.attributes.warnings_count, inputs_size]);
        if (key !== reported) {
          reported = key;
          onChange(current);
        }
        if (FINAL_STATUSES.includes(status)) {
          await read.take(stop.signal);
          return await retrieve(id, { signal: stop.signal, fields: FINAL_FIELDS });
        }
        const done = (processed_count ?? 0) + (errors_count ?? 0);
        const now = Date.now();
        if (status === 'in_progress' && seen && done > seen.done && inputs_size) {
          const msPerInput = (now - seen.at) / (done - seen.done);
          // A little past the moment it should end, so that one poll usually finds it completed.
          wait = Math.max(intervalMs, Math.min(MAX_POLL_MS, (inputs_size - done) * msPerInput * 1.05 + 50));
        } else if (status === 'pending') {
          // Queued behind other imports: nothing to estimate from yet.
          wait = Math.max(intervalMs, Math.min(MAX_POLL_MS, intervalMs * 2));
        }
        if (status === 'in_progress' && !seen) seen = { at: now, done };
      } catch (error) {
        if (!isPassing(error) || stop.signal.aborted) throw error;
        failuresInARow++;
        wait = Math.max(intervalMs, retryDelayMs(failuresInARow, BACKOFF, (error as { headers?: Headers }).headers, (error as { status?: number }).status));
      }
      await sleep(wait, stop.signal);
    }
  } catch (error) {
    throw stop.signal.aborted ? stop.signal.reason : error;
  } finally {
    clearTimeout(deadline);
    stopWatching?.();
  }
}

/** Failures that say nothing about the import itself: it is still there, running. */
function isPassing(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 429 || error.status >= 500;
  return error instanceof NetworkError || error instanceof TimeoutError;
}
