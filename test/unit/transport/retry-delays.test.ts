// The waits between attempts, as the scripted server saw them: Retry-After (seconds or HTTP date),
// X-Ratelimit-Interval, full-jitter exponential backoff, and the maxDelayMs cap on each.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createImportsClient, type ImportsClientOptions } from '../../../src/index.js';
import { importResponse, rateLimited, useFaultServer } from '../../support/fault-server.js';
import { timed } from '../../support/call-outcome.js';

const server = useFaultServer({ warm: true });
afterEach(() => vi.restoreAllMocks());

function client(options: Partial<ImportsClientOptions> = {}) {
  return createImportsClient({ baseUrl: server.url, accessToken: 'delay-test-token', timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options } as ImportsClientOptions);
}

/** The time between one request's arrival and the next, as the server saw it. */
const gaps = () => server.requests.slice(1).map((request, i) => request.at - server.requests[i]!.at);
// Timers may fire up to about a millisecond before the nominal delay, as clocks are sampled.
const SLACK = 2;

const update = (c = client()) => c.update('imp0rt', { reference: 'R-1' });

describe('the wait before a retry after a 429', () => {
  test.each([
    // Seconds, with a fraction and spaces around: honoured.
    ['0.45', 450],
    [' 0.45 ', 450],
    // Neither seconds nor an HTTP date (each starts with a day name): ignored, the backoff is waited.
    ['1x', 120],
    ['1 Jan 2000', 120],
    ['soon', 120],
  ])('Retry-After %j: waits about %i ms', async (retryAfter, expected) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999); // the backoff: 120 ms
    server.script(rateLimited({ retryAfter }), importResponse());
    await update(client({ retry: { baseDelayMs: 120, maxDelayMs: 1_000 } }));
    // Read otherwise, "1x" (NaN) and "1 Jan 2000" (a date in the past) would not wait at all.
    expect(gaps()[0]).toBeGreaterThanOrEqual(expected * 0.999 - SLACK);
  });

  test('Retry-After in seconds: the wait is capped at maxDelayMs', async () => {
    server.script(rateLimited({ retryAfter: '1' }), importResponse());
    const { value } = await timed(() => update());
    expect(value?.id).toBe('imp0rt');
    expect(server.requests).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(50 - SLACK);
    expect(gaps()[0]).toBeLessThan(500); // not the 1 s asked for
  });

  test('Retry-After as an HTTP date in the future: waits until then, capped', async () => {
    server.script(rateLimited({ retryAfter: new Date(Date.now() + 5_000).toUTCString() }), importResponse());
    const { value, ms } = await timed(() => update(client({ retry: { baseDelayMs: 5, maxDelayMs: 300 } })));
    expect(value?.id).toBe('imp0rt');
    expect(gaps()[0]).toBeGreaterThanOrEqual(300 - SLACK);
    expect(ms).toBeLessThan(2_000);
  });

  test('Retry-After as an HTTP date in the past: retries at once, not after a backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999); // a backoff would wait about 1 s
    server.script(rateLimited({ retryAfter: new Date(Date.now() - 60_000).toUTCString() }), importResponse());
    const { value } = await timed(() => update(client({ retry: { baseDelayMs: 10_000, maxDelayMs: 1_000 } })));
    expect(value?.id).toBe('imp0rt');
    expect(gaps()[0]).toBeLessThan(500);
  });

  test('no Retry-After but X-Ratelimit-Interval: waits that window, capped', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // a backoff would not wait at all
    server.script(rateLimited({ interval: '1' }), importResponse());
    const { value } = await timed(() => update(client({ retry: { baseDelayMs: 5, maxDelayMs: 150 } })));
    expect(value?.id).toBe('imp0rt');
    expect(gaps()[0]).toBeGreaterThanOrEqual(150 - SLACK);
    expect(gaps()[0]).toBeLessThan(900); // not the 1 s asked for
  });

  test('Retry-After wins over X-Ratelimit-Interval', async () => {
    server.script(rateLimited({ retryAfter: '0', interval: '1' }), importResponse());
    await update(client({ retry: { baseDelayMs: 5, maxDelayMs: 1_000 } }));
    expect(gaps()[0]).toBeLessThan(500);
  });

  test('neither header: exponential backoff with full jitter, each wait capped', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    server.script(rateLimited(), rateLimited(), rateLimited(), importResponse());
    const { value } = await timed(() => update(client({ retry: { retries: 3, baseDelayMs: 40, maxDelayMs: 100 } })));
    expect(value?.id).toBe('imp0rt');
    const [first, second, third] = gaps() as [number, number, number];
    expect(first).toBeGreaterThanOrEqual(40 * 0.999 - SLACK);
    expect(second).toBeGreaterThanOrEqual(80 * 0.999 - SLACK);
    expect(third).toBeGreaterThanOrEqual(100 * 0.999 - SLACK); // 160, capped
    for (const gap of gaps()) expect(gap).toBeLessThan(100 + 400);
  });

  test('the jitter is drawn from zero up: with a zero draw there is no wait', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.script(rateLimited(), rateLimited(), importResponse());
    await update(client({ retry: { baseDelayMs: 1_000, maxDelayMs: 5_000 } }));
    for (const gap of gaps()) expect(gap).toBeLessThan(500);
  });
});
