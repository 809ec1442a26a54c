import { untilAborted } from './abort-listener.js';
import { sleep } from './retry-policy.js';

/** At most `limit` requests in any `ms` milliseconds. */
export interface RateWindow {
  limit: number;
  ms: number;
}

/**
 * Commerce Layer's published limits for imports in the test environment (live allows twice as
 * many): reads 125 per 10 s and 500 a minute; writes 25 per 10 s and 100 a minute.
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

export interface Pacer {
  /** Resolves when one more request fits every window (callers served in the order they asked), and counts it. */
  take(signal?: AbortSignal): Promise<void>;
  /** Counts a request sent without asking first, so that the next `take` knows of it. */
  record(): void;
}

/** A sliding-window pacer: the send times of the latest requests, in a ring as long as the largest limit. */
export function createPacer(windows: readonly RateWindow[]): Pacer {
  const size = Math.max(...windows.map((window) => window.limit));
  const sent = new Array<number>(size).fill(-Infinity);
  let next = 0;
  let queue: Promise<void> = Promise.resolve();

  const record = () => {
    sent[next] = Date.now();
    next = (next + 1) % size;
  };
  /** How long until one more request fits every window; 0 when it fits now. */
  const waitMs = () => {
    const now = Date.now();
    let wait = 0;
    for (const { limit, ms } of windows) {
      // The limit-th most recent request: once it is a window old, one more fits.
      const boundary = sent[(next - limit + size) % size]!;
      wait = Math.max(wait, boundary + ms + MARGIN_MS - now);
    }
    return wait;
  };

  async function turn(signal: AbortSignal | undefined): Promise<void> {
    for (let wait = waitMs(); wait > 0; wait = waitMs()) {
      if (signal?.aborted) throw signal.reason;
      await sleep(wait, signal);
    }
    if (signal?.aborted) throw signal.reason;
    record();
  }

  return {
    take(signal) {
      const mine = queue.then(() => turn(signal));
      // One caller's abort must not hold up the others, nor wait for their turns.
      queue = mine.catch(() => {});
      return untilAborted(mine, signal) as Promise<void>;
    },
    record,
  };
}
