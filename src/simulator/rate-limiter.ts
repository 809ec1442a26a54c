// Commerce Layer's rate limits (docs.commercelayer.io/core/rate-limits): sliding windows, never
// reset, per class of request. For /api/* an average limit over a minute (all endpoints of the
// class together) and a burst limit over a few seconds (per endpoint: here the one imports
// endpoint); for /oauth/token 30 a minute. Only the requests let through count, so a client that
// waits is let through again as soon as its oldest counted request leaves the window.
//
// Headers: the X-Ratelimit-* of every answer describe the average window, as Commerce Layer's do;
// a 429 carries those of the window that refused it, so X-Ratelimit-Interval is the wait that lets
// requests through again. Period repeats the window's length: no source says how it differs.
import type { RateLimit } from './options.js';

class SlidingWindow {
  /** Times of the requests let through within the window, oldest first. */
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly seconds: number,
  ) {}

  count(now: number): number {
    const since = now - this.seconds * 1000;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= since) drop++;
    if (drop > 0) this.times.splice(0, drop);
    return this.times.length;
  }

  full(now: number): boolean {
    return this.count(now) >= this.limit;
  }

  add(now: number): void {
    this.times.push(now);
  }

  headers(now: number): Record<string, string> {
    const count = this.count(now);
    return {
      'X-Ratelimit-Limit': String(this.limit),
      'X-Ratelimit-Count': String(count),
      'X-Ratelimit-Period': String(this.seconds),
      'X-Ratelimit-Interval': String(this.seconds),
      'X-Ratelimit-Remaining': String(Math.max(0, this.limit - count)),
    };
  }
}

export interface Verdict {
  allowed: boolean;
  headers: Record<string, string>;
}

/** The limits of one class of requests: every window must have room. */
export class RequestLimiter {
  private readonly windows: SlidingWindow[];

  constructor(limits: Array<{ limit: number; seconds: number }>) {
    this.windows = limits.map(({ limit, seconds }) => new SlidingWindow(limit, seconds));
  }

  static forApi(limit: RateLimit): RequestLimiter {
    return new RequestLimiter([
      { limit: limit.perMinute, seconds: 60 },
      { limit: limit.perBurst, seconds: limit.burstSeconds },
    ]);
  }

  /** Lets the request through (and counts it) or refuses it, with the headers to send either way. */
  admit(now: number): Verdict {
    const full = this.windows.filter((window) => window.full(now));
    if (full.length > 0) {
      // The longest window that is full: waiting it out is enough for every other window too.
      const refusing = full.reduce((a, b) => (b.seconds > a.seconds ? b : a));
      return { allowed: false, headers: refusing.headers(now) };
    }
    for (const window of this.windows) window.add(now);
    return { allowed: true, headers: this.windows[0]!.headers(now) };
  }

}

/** The headers of a full window: those of a 429 scripted by a fault, which must look like a real one. */
export function fullWindowHeaders(limit: number, seconds: number): Record<string, string> {
  const window = new SlidingWindow(limit, seconds);
  for (let i = 0; i < limit; i++) window.add(0);
  return window.headers(0);
}
