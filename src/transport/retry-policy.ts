import { onAbort } from './abort-listener.js';

export interface RetryOptions {
  /** Further attempts after the first (default 2). */
  retries?: number;
  /** The first backoff step, doubled on each retry, with full jitter (default 500). */
  baseDelayMs?: number;
  /** The longest single wait, whatever the server asks for (default 10000). */
  maxDelayMs?: number;
}

/** setTimeout fires at once for longer delays (a 32-bit overflow): no timer of this client waits longer. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Statuses retried for idempotent calls; 429 is retried for every call, since the server did not act on it. */
const RETRYABLE_WHEN_IDEMPOTENT = new Set([502, 503, 504]);

export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return status === 429 || (idempotent && RETRYABLE_WHEN_IDEMPOTENT.has(status));
}

/**
 * How long to wait before retry number `retry` (1-based): the server's Retry-After (seconds or an
 * HTTP date), else on a 429 Commerce Layer's X-Ratelimit-Interval (the rate-limit window, seconds),
 * else exponential backoff with full jitter. Never more than maxDelayMs.
 */
export function retryDelayMs(retry: number, policy: Required<RetryOptions>, headers?: Headers, status?: number): number {
  const asked = headers && (retryAfterMs(headers.get('retry-after')) ?? (status === 429 ? secondsMs(headers.get('x-ratelimit-interval')) : undefined));
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  // Cap the step before drawing, so a large retry count can never make Infinity * 0 = NaN.
  return Math.random() * Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
}

function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = secondsMs(value);
  if (seconds !== undefined) return seconds;
  // Every HTTP-date form starts with a day name; Date.parse alone would accept junk such as "-1".
  if (!/^\s*[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function secondsMs(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value) * 1000;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stopWatching =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    const timer = setTimeout(() => {
      stopWatching?.();
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
  });
}
