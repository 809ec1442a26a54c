import { onAbort } from '../transport/abort-listener.js';
import { ApiError, InputError, TimeoutError } from '../errors.js';
import { assertCallOptions, assertImportId } from '../checks/input-checks.js';
import { MAX_TIMER_MS, retryDelayMs, sleep } from '../transport/retry-policy.js';
import type { Import, ImportAttributeName, ImportProgress, RetrieveOptions, WaitForOptions } from '../types.js';

const FINAL_STATUSES: unknown[] = ['completed', 'interrupted'];
/** What onProgress reports, and all that polling asks for unless the caller names fields. */
export const PROGRESS_FIELDS: (keyof ImportProgress & ImportAttributeName)[] = ['status', 'processed_count', 'inputs_size', 'errors_count'];
const MAX_BACKOFF_MS = 60_000;
/** Reads only the wait the server asks for (Retry-After, X-Ratelimit-Interval); 0 when it asks none. */
const SERVER_ASKED = { retries: 0, baseDelayMs: 0, maxDelayMs: MAX_BACKOFF_MS };

/**
 * Polls an import until it is completed or interrupted, and resolves to that last state. Polls ask
 * for a few attributes (the caller's `fields`, or the progress ones), never 10,000 inputs each
 * time; without `fields`, the whole import is retrieved once at the end. A 429 that outlasts the
 * transport's own retries slows polling down instead of ending it.
 */
export async function waitFor(
  retrieve: (id: string, options: RetrieveOptions) => Promise<Import>,
  id: string,
  options: WaitForOptions = {},
): Promise<Import> {
  assertImportId(id);
  assertCallOptions(options, 'waitFor', ['signal', 'fields', 'intervalMs', 'timeoutMs', 'onProgress']);
  const { intervalMs = 2000, timeoutMs = 30 * 60_000, signal, onProgress, fields } = options;
  for (const [name, value] of [['intervalMs', intervalMs], ['timeoutMs', timeoutMs]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InputError(`${name} must be a positive number`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InputError('onProgress must be a function');
  const polled = !fields ? PROGRESS_FIELDS : fields.includes('status') ? fields : [...fields, 'status' as const];

  // One signal stops the request in flight and the wait between polls, for the caller or the deadline.
  const stop = new AbortController();
  if (signal?.aborted) stop.abort(signal.reason);
  // Through onAbort: importAll's concurrent waits share one signal, and each its own listener would pass Node's leak warning.
  const stopWatching = signal && onAbort(signal, () => stop.abort(signal.reason));
  const deadline =
    timeoutMs < MAX_TIMER_MS
      ? setTimeout(() => stop.abort(new TimeoutError(`Import ${id} did not finish within ${timeoutMs} ms`)), timeoutMs)
      : undefined;
  let reported: string | undefined;
  let throttled = 0;
  try {
    for (;;) {
      let wait = intervalMs;
      try {
        const current = await retrieve(id, { signal: stop.signal, fields: polled });
        throttled = 0;
        const progress = Object.fromEntries(PROGRESS_FIELDS.map((name) => [name, current.attributes[name]])) as ImportProgress;
        const key = JSON.stringify(progress);
        if (key !== reported) {
          reported = key;
          onProgress?.(progress);
        }
        if (FINAL_STATUSES.includes(progress.status)) return fields ? current : await retrieve(id, { signal: stop.signal });
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 429)) throw error;
        throttled++;
        wait = Math.min(MAX_BACKOFF_MS, Math.max(intervalMs * 2 ** throttled, retryDelayMs(1, SERVER_ASKED, error.headers, 429)));
      }
      await sleep(wait, stop.signal);
    }
  } finally {
    clearTimeout(deadline);
    stopWatching?.();
  }
}
