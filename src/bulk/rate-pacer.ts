import { sleep } from '../transport/retry-policy.js';

/** At most `limit` requests in any `ms` milliseconds. */
export interface RateWindow {
  limit: number;
  ms: number;
}

/**
 * Commerce Layer's published limits for imports in the test environment (live allows twice as
 * many): reads 125 per 10 s and 500 a minute; writes 25 per 10 s and 100 a minute. importAll keeps
 * under them by itself, so that a bulk load spends no time waiting out a 429's window.
 */
export const READ_LIMITS: RateWindow[] = [
  { limit: 125, ms: 10_000 },
  { limit: 500, ms: 60_000 },
];
export const WRITE_LIMITS: RateWindow[] = [
  { limit: 25, ms: 10_000 },
  { limit: 100, ms: 60_000 },
];
/** Requests reach the server a little after they leave: keep this much clear of each window's edge. */
const MARGIN_MS = 100;

/** Resolves when one more request fits every window (in the order asked), then counts it as sent. */
export type Pacer = (signal?: AbortSignal) => Promise<void>;

export function createPacer(windows: readonly RateWindow[]): Pacer {
  const longest = Math.max(...windows.map((window) => window.limit));
  const sent: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  async function turn(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = Date.now();
      let wait = 0;
      for (const { limit, ms } of windows) {
        // The limit-th most recent request: once it is a window old, one more fits.
        const boundary = sent[sent.length - limit];
        if (boundary !== undefined && now - boundary < ms + MARGIN_MS) wait = Math.max(wait, boundary + ms + MARGIN_MS - now);
      }
      if (wait === 0) break;
      await sleep(wait, signal);
    }
    sent.push(Date.now());
    if (sent.length > longest) sent.splice(0, sent.length - longest);
  }

  return (signal) => {
    const mine = queue.then(() => turn(signal));
    // One caller's abort must not hold up the others.
    queue = mine.catch(() => {});
    return mine;
  };
}
