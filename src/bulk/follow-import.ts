import { ApiError, NetworkError, TimeoutError } from '../errors.js';
import { onAbort } from '../transport/abort-listener.js';
import { MAX_TIMER_MS, retryDelayMs, sleep } from '../transport/retry-policy.js';
import type { Import, ImportAttributeName, RetrieveOptions } from '../types.js';
import { type Pacer, paced } from '../transport/rate-pacer.js';

const FINAL_STATUSES: unknown[] = ['completed', 'interrupted'];
/** What a poll asks for: a few hundred bytes, whatever the import's size or its logs. */
export const POLL_FIELDS: ImportAttributeName[] = ['status', 'processed_count', 'inputs_size', 'errors_count', 'warnings_count'];
/** The final state: everything but the inputs, which the caller sent and which weigh megabytes. */
export const FINAL_FIELDS: ImportAttributeName[] = [
  ...POLL_FIELDS,
  'resource_type', 'format', 'parent_resource_id', 'started_at', 'completed_at', 'interrupted_at', 'errors_log', 'warnings_log',
  'skip_errors', 'attachment_url', 'reference', 'reference_origin', 'metadata', 'created_at', 'updated_at',
];
/** The longest wait between two polls, however far an import has to go (unless intervalMs is longer). */
const MAX_POLL_MS = 10_000;
/** How far past its predicted end an import is polled: the prediction's error, and the answer's way back. */
const AIM_PAST_END_MS = 120;
/** The shortest wait once the end is near: an import predicted to end any moment is not polled in a loop. */
const NEAR_END_MS = 100;
/** Waits on throttling and passing failures: backoff up to a minute, reading Retry-After. */
const BACKOFF = { retries: 0, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface FollowOptions {
  read: Pacer;
  /** Created a moment ago: the first poll waits an interval. */
  justCreated?: boolean;
  signal: AbortSignal | undefined;
  /** The wait between polls while nothing tells how long the import still needs. */
  intervalMs: number;
  timeoutMs: number;
  onChange: (current: Import) => void;
}

/**
 * Polls an import until it is completed or interrupted, then reads its final state once, logs
 * included. Once the processed count shows the import's rate, each poll aims just past the moment
 * it should end (at least 100 ms apart; at most 10 s, unless intervalMs is longer); until then, polls
 * are intervalMs apart. Throttling and passing failures (a 429, a 5xx, a lost connection or timeout
 * once the transport's retries are spent) slow polling down rather
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
    // Just created: nothing to see before the first interval.
    if (options.justCreated) await sleep(intervalMs, stop.signal);
    for (;;) {
      let wait = intervalMs;
      try {
        const current = await paced(read, stop.signal, () => retrieve(id, { signal: stop.signal, fields: POLL_FIELDS }));
        failuresInARow = 0;
        const { status, processed_count, errors_count, inputs_size } = current.attributes;
        const key = JSON.stringify([status, processed_count, errors_count, current.attributes.warnings_count, inputs_size]);
        if (key !== reported) {
          reported = key;
          onChange(current);
        }
        if (FINAL_STATUSES.includes(status)) return await paced(read, stop.signal, () => retrieve(id, { signal: stop.signal, fields: FINAL_FIELDS }));
        const done = (processed_count ?? 0) + (errors_count ?? 0);
        const now = Date.now();
        if (status === 'in_progress' && seen && done > seen.done && inputs_size) {
          // Aimed just past the moment it should end at its rate so far, so that one poll usually finds it ended.
          const msPerInput = (now - seen.at) / (done - seen.done);
          wait = Math.min(Math.max(MAX_POLL_MS, intervalMs), Math.max(NEAR_END_MS, (inputs_size - done) * msPerInput + AIM_PAST_END_MS));
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
