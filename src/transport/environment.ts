import { InputError } from '../errors.js';
import { createPacer, type Pacer, type RateWindow } from './rate-pacer.js';

/** A Commerce Layer organization's environment: its limits differ (docs.commercelayer.io/core/rate-limits). */
export type ApiEnvironment = 'live' | 'test';

/**
 * Commerce Layer's published limits for imports (docs.commercelayer.io/core/rate-limits; the same
 * figures as @commercelayer/sdk-utils' rate_limit.ts): imports are a cacheable resource, so reads
 * have 1,000 a minute and 250 per 10 s per endpoint live; writes 200 a minute and 50 per 10 s. Test
 * allows half.
 */
export const RATE_LIMITS: Record<ApiEnvironment, { read: RateWindow[]; write: RateWindow[] }> = {
  live: {
    read: [{ limit: 250, ms: 10_000 }, { limit: 1000, ms: 60_000 }],
    write: [{ limit: 50, ms: 10_000 }, { limit: 200, ms: 60_000 }],
  },
  test: {
    read: [{ limit: 125, ms: 10_000 }, { limit: 500, ms: 60_000 }],
    write: [{ limit: 25, ms: 10_000 }, { limit: 100, ms: 60_000 }],
  },
};

const ENVIRONMENTS: readonly unknown[] = ['live', 'test'];

export function checkedEnvironment(name: string, value: unknown): ApiEnvironment | undefined {
  if (value === undefined || ENVIRONMENTS.includes(value)) return value as ApiEnvironment | undefined;
  throw new InputError(`${name} must be "live" or "test", not ${JSON.stringify(value) ?? String(value)}`);
}

/**
 * The environment an access token says it belongs to, or undefined when it says nothing.
 * Commerce Layer's tokens are JWTs whose payload has `test: true` in test and `false` in live
 * (@commercelayer/js-auth's jwtDecode types: "The environment type (true for test mode, false for
 * live mode)"; Commerce Layer's CLI core picks its mode with `getTokenEnvironment` from the same
 * claim). This only decodes the payload, it does not verify the signature: that is the API's to
 * do, and nothing here trusts the token for more than how fast to send. Nothing of the token is
 * logged or written anywhere.
 */
export function environmentOfToken(token: string): ApiEnvironment | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const test = (claims as { test?: unknown } | null)?.test;
    return test === true ? 'test' : test === false ? 'live' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The client's pacers, at the limits of its organization's environment: the one the caller names,
 * else the one the access token's claims say, else test's (the lower: a token that says nothing,
 * such as the simulator's or Prism's, never leads to 429s).
 */
export interface Pacing {
  pacers: { read: Pacer; write: Pacer };
  readonly environment: ApiEnvironment;
  /** Paces at this environment's limits from now on, whatever a token says. */
  pin(environment: ApiEnvironment): void;
  /** Called with each token the client sends; only its claims are read, and only while nothing is pinned. */
  observe(token: string): void;
}

export function createPacing(pinned: ApiEnvironment | undefined): Pacing {
  const capacity = (kind: 'read' | 'write') => Math.max(...[...RATE_LIMITS.live[kind], ...RATE_LIMITS.test[kind]].map((window) => window.limit));
  const pacers = { read: createPacer(RATE_LIMITS.test.read, capacity('read')), write: createPacer(RATE_LIMITS.test.write, capacity('write')) };
  let environment: ApiEnvironment = 'test';
  let chosen = pinned !== undefined;
  let lastToken: string | undefined;
  const use = (next: ApiEnvironment) => {
    environment = next;
    pacers.read.setWindows(RATE_LIMITS[next].read);
    pacers.write.setWindows(RATE_LIMITS[next].write);
  };
  if (pinned) use(pinned);
  return {
    pacers,
    get environment() {
      return environment;
    },
    pin(next) {
      chosen = true;
      use(next);
    },
    observe(token) {
      // The same token as before says the same: decode each new one once.
      if (chosen || token === lastToken) return;
      lastToken = token;
      use(environmentOfToken(token) ?? 'test');
    },
  };
}
