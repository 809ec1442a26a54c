// Pacing for the organization's environment: the access token's `test` claim (Commerce Layer's
// tokens are JWTs; @commercelayer/js-auth: "true for test mode, false for live mode"), or what the
// caller names; test's limits when neither says. Then, through the client, importAll against the
// simulator: a live token lets creates go at live's limits.
import { afterAll, describe, expect, test } from 'vitest';
import { createImportsClient, InputError } from '../../../src/index.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createPacing, environmentOfToken, RATE_LIMITS } from '../../../src/transport/environment.js';
import { createPacer } from '../../../src/transport/rate-pacer.js';

/** A token shaped as Commerce Layer's: header.payload.signature, base64url, the signature not checked by anyone here. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS512', typ: 'JWT' })}.${part({ organization: { slug: 'yourdomain' }, application: { kind: 'integration' }, ...claims })}.c2lnbmF0dXJl`;
}
const LIVE = jwt({ test: false });
const TEST = jwt({ test: true });

/** How many turns a pacer gives before one has to wait (the wait is a window: seconds, not the milliseconds this allows). */
async function turnsAtOnce(pacer: ReturnType<typeof createPacer>, most: number): Promise<number> {
  const controller = new AbortController();
  let given = 0;
  for (; given < most; given++) {
    const turn = pacer.take(controller.signal);
    const waited = await Promise.race([turn.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 200))]);
    if (waited) {
      controller.abort(new Error('enough'));
      await turn.catch(() => {});
      break;
    }
  }
  return given;
}

describe('environmentOfToken', () => {
  test('reads the test claim: true is test, false is live, anything else says nothing', () => {
    expect([environmentOfToken(LIVE), environmentOfToken(TEST)]).toStrictEqual(['live', 'test']);
    for (const token of [jwt({}), jwt({ test: 'false' }), jwt({ test: 0 }), 'sim_abc', 'a.b.c', 'a.%%%.c', 'x.bnVsbA.y', '']) {
      expect(environmentOfToken(token), token).toBeUndefined();
    }
  });
});

describe('createPacing', () => {
  test('a live token paces writes at 50 per 10 s; a test token, or one that says nothing, at 25', async () => {
    for (const [token, expected] of [[LIVE, 50], [TEST, 25], ['not-a-jwt', 25]] as const) {
      const pacing = createPacing(undefined);
      pacing.observe(token);
      expect(await turnsAtOnce(pacing.pacers.write, 60), token).toBe(expected);
    }
  });

  test('what the caller names wins over the claim, from creation or pinned later', async () => {
    const named = createPacing('test');
    named.observe(LIVE);
    expect(named.environment).toBe('test');
    const pinned = createPacing(undefined);
    pinned.observe(TEST);
    pinned.pin('live');
    pinned.observe(TEST);
    expect(pinned.environment).toBe('live');
    expect(await turnsAtOnce(pinned.pacers.write, 60)).toBe(50);
  });

  test('the published figures: live allows twice test\'s, reads and writes, per 10 s and per minute', () => {
    expect(RATE_LIMITS.test).toStrictEqual({ read: [{ limit: 125, ms: 10_000 }, { limit: 500, ms: 60_000 }], write: [{ limit: 25, ms: 10_000 }, { limit: 100, ms: 60_000 }] });
    for (const kind of ['read', 'write'] as const) {
      expect(RATE_LIMITS.live[kind]).toStrictEqual(RATE_LIMITS.test[kind].map(({ limit, ms }) => ({ limit: limit * 2, ms })));
    }
  });

  test('a pacer refuses windows above its capacity', () => {
    expect(() => createPacer([{ limit: 2, ms: 100 }], 3).setWindows([{ limit: 4, ms: 100 }])).toThrow(RangeError);
  });
});

describe('through the client', () => {
  // Test's limits on the server, a fresh organization each: a client pacing at live's runs into them, one at test's does not.
  const sims: Simulator[] = [];
  const organization = async () => {
    const sim = await startSimulator({ pacing: { pollsToFinish: 1 } });
    sims.push(sim);
    return sim;
  };
  afterAll(() => Promise.all(sims.map((sim) => sim.close())));
  const records = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ code: `${prefix}${i}`, name: 'n', shipping_category_id: 'nBAvrhRZBl' }));

  test('a live token\'s claim is what the client paces by: 30 creates at once, which a test organization refuses past 25', async () => {
    const sim = await organization();
    const client = createImportsClient({ baseUrl: sim.url, accessToken: LIVE, retry: false });
    const summary = await client.importAll('skus', records(30, 'LV'), { chunkSize: 1, concurrency: 10, intervalMs: 100 });
    expect(sim.counts().throttled).toBeGreaterThan(0);
    expect(summary.failures.length).toBeGreaterThan(0);
  });

  test('environment: "live" on importAll paces at live\'s limits where the token says nothing', async () => {
    const sim = await organization();
    const client = createImportsClient({ baseUrl: sim.url, accessToken: 'an-opaque-token', retry: false });
    await client.importAll('skus', records(30, 'NL'), { chunkSize: 1, concurrency: 10, intervalMs: 100, environment: 'live' });
    expect(sim.counts().throttled).toBeGreaterThan(0);
  });

  test('an environment that is neither live nor test is refused before anything is sent', async () => {
    const sim = await organization();
    const client = createImportsClient({ baseUrl: sim.url, accessToken: LIVE });
    await expect(client.importAll('skus', records(1, 'X'), { environment: 'production' as 'live' })).rejects.toThrow(InputError);
    expect(() => createImportsClient({ baseUrl: sim.url, accessToken: LIVE, environment: 'prod' as 'live' })).toThrow(/environment/);
    expect(sim.counts().requests).toBe(0);
  });
});
