import { untilAborted } from './abort-listener.js';
import { sleep } from './retry-policy.js';

/** At most `limit` requests in any `ms` milliseconds. */
export interface RateWindow {
  limit: number;
  ms: number;
}

/** Clocks and queues differ a little between here and the server: keep this much clear of each window's edge. */
const MARGIN_MS = 50;

/** A request's place among those counted, until its answer says when the server saw it at the latest. */
export interface Turn {
  slot: number;
  at: number;
}

export interface Pacer {
  /** Resolves when one more request fits every window (callers served in the order they asked), and counts it. */
  take(signal?: AbortSignal): Promise<Turn>;
  /**
   * Moves a turn's time to now, once its answer came: the server counted the request somewhere
   * between the turn and the answer (a 1 MB body takes a while to send), so the answer's time is
   * the one that never lets a window overfill.
   */
  settle(turn: Turn): void;
  /** Counts a request sent without asking first, so that the next `take` knows of it. */
  record(): void;
  /** Paces by these windows from now on (each limit at most the pacer's capacity); what was sent still counts. */
  setWindows(windows: readonly RateWindow[]): void;
}

/**
 * A sliding-window pacer over the send times of the latest requests, kept in a ring of `capacity`
 * (default: the largest limit), which later windows may not exceed.
 */
export function createPacer(initial: readonly RateWindow[], capacity?: number): Pacer {
  let windows = initial;
  const size = capacity ?? Math.max(...windows.map((window) => window.limit));
  const sent = new Array<number>(size).fill(-Infinity);
  let next = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const record = (): Turn => {
    const turn = { slot: next, at: Date.now() };
    sent[next] = turn.at;
    next = (next + 1) % size;
    return turn;
  };
  /** How long until one more request fits every window; 0 or less when it fits now. */
  const waitMs = () => {
    const now = Date.now();
    let wait = 0;
    for (const { limit, ms } of windows) {
      // Settled turns make the ring's order differ from time order: count by time.
      const inWindow = sent.filter((at) => at > now - ms - MARGIN_MS).sort((a, b) => a - b);
      if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit]! + ms + MARGIN_MS - now);
    }
    return wait;
  };

  async function turn(signal: AbortSignal | undefined): Promise<Turn> {
    for (let wait = waitMs(); wait > 0; wait = waitMs()) {
      if (signal?.aborted) throw signal.reason;
      await sleep(wait, signal);
    }
    if (signal?.aborted) throw signal.reason;
    return record();
  }

  return {
    take(signal) {
      const mine = queue.then(() => turn(signal));
      // One caller's abort must not hold up the others, nor wait for their turns.
      queue = mine.catch(() => {});
      return untilAborted(mine, signal) as Promise<Turn>;
    },
    settle({ slot, at }) {
      // A ring slot taken over by a later request keeps that request's time.
      if (sent[slot] === at) sent[slot] = Date.now();
    },
    record: () => void record(),
    setWindows(next) {
      if (next.some((window) => window.limit > size)) throw new RangeError(`a window's limit is above the pacer's capacity of ${size}`);
      windows = next;
    },
  };
}

/** Sends one request in its turn, `turn` when one was taken for it already, and settles the turn on its answer. */
export async function paced<T>(pacer: Pacer, signal: AbortSignal | undefined, send: () => Promise<T>, turn?: Turn): Promise<T> {
  const mine = turn ?? (await pacer.take(signal));
  try {
    return await send();
  } finally {
    pacer.settle(mine);
  }
}
