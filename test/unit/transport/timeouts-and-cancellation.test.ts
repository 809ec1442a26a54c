// timeoutMs bounds each attempt, headers and body; the caller's signal stops everything at once.
import { getEventListeners } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { createImportsClient, type ImportsClientOptions, TimeoutError } from '../../../src/index.js';
import {
  importResponse,
  rateLimited,
  slowBody,
  slowHeaders,
  useFaultServer,
} from '../../support/fault-server.js';
import { timed } from '../../support/call-outcome.js';

const server = useFaultServer({ warm: true });

function client(options: Partial<ImportsClientOptions> = {}) {
  return createImportsClient({ baseUrl: server.url, accessToken: 'timeout-test-token', timeoutMs: 150, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options } as ImportsClientOptions);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timeoutMs bounds each attempt, headers and body', () => {
  test('slow headers on every attempt: TimeoutError after 1 + retries attempts', async () => {
    server.script(slowHeaders(5_000), slowHeaders(5_000), slowHeaders(5_000));
    const { error, ms } = await timed(() => client().update('imp0rt', { reference: 'R' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(3 * 150 - 3);
    expect(ms).toBeLessThan(3 * 150 + 2 * 50 + 1_000);
  });

  test('slow headers once, then an answer: the retry succeeds', async () => {
    server.script(slowHeaders(5_000), importResponse());
    const { value, ms } = await timed(() => client().update('imp0rt', { reference: 'R' }));
    expect(value?.id).toBe('imp0rt');
    expect(server.requests).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(150 - 1);
  });

  test('a slow body counts too: headers in time, the rest too late, TimeoutError', async () => {
    server.script(slowBody(5_000));
    const { error, ms } = await timed(() => client({ retry: false }).update('imp0rt', { reference: 'R' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(ms).toBeGreaterThanOrEqual(150 - 1);
    expect(ms).toBeLessThan(1_500);
    // The client hung up: the server never got to send the rest.
    await vi.waitFor(() => expect(server.requests[0]?.finished).toBe(false));
  });

  test('slow, but within timeoutMs: succeeds', async () => {
    server.script(slowBody(30));
    const imported = await client({ timeoutMs: 2_000 }).update('imp0rt', { reference: 'R' });
    expect(imported.id).toBe('imp0rt');
    expect(server.requests).toHaveLength(1);
  });

  test('a raw POST that times out is not retried', async () => {
    server.script(slowHeaders(5_000), importResponse());
    const raw = client().raw as unknown as { POST(path: string, init: object): Promise<unknown> };
    const { error } = await timed(() => raw.POST('/api/imports', { body: { data: { type: 'imports' } } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test('a timeoutMs beyond what setTimeout can hold does not fire at once', async () => {
    server.script(importResponse());
    expect((await client({ timeoutMs: 1e12 }).update('imp0rt', { reference: 'R' })).id).toBe('imp0rt');
  });
});

describe('the caller’s signal stops everything at once, rejecting with its reason', () => {
  test.each([
    ['waiting for headers', () => slowHeaders(5_000)],
    ['reading the body', () => slowBody(5_000)],
  ])('in flight, %s', async (_, slow) => {
    server.script(slow(), importResponse());
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);
    const { error, ms } = await timed(() => client({ timeoutMs: 10_000 }).update('imp0rt', { reference: 'R' }, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(1_000);
    await pause(100);
    expect(server.requests).toHaveLength(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('during the wait between attempts, and no attempt follows', async () => {
    server.script(rateLimited({ retryAfter: '10' }), importResponse());
    const controller = new AbortController();
    setTimeout(() => controller.abort('stop'), 100);
    const { error, ms } = await timed(() =>
      client({ retry: { baseDelayMs: 5, maxDelayMs: 5_000 } }).update('imp0rt', { reference: 'R' }, { signal: controller.signal }),
    );
    expect(error).toBe('stop');
    expect(ms).toBeGreaterThanOrEqual(100 - 1);
    expect(ms).toBeLessThan(1_500);
    await pause(100);
    expect(server.requests).toHaveLength(1);
  });

  test('while the token function is still working: nothing is sent', async () => {
    const controller = new AbortController();
    const slowToken = () => new Promise<string>((resolve) => setTimeout(() => resolve('late-token'), 800));
    setTimeout(() => controller.abort('stop'), 30);
    const { error, ms } = await timed(() => client({ accessToken: slowToken }).update('imp0rt', { reference: 'R' }, { signal: controller.signal }));
    expect(error).toBe('stop');
    expect(ms).toBeLessThan(600); // not the 800 ms the token takes
    await pause(900);
    expect(server.requests).toHaveLength(0);
  });

  test('a token function that aborts the call itself: nothing is sent', async () => {
    const controller = new AbortController();
    const token = () => {
      controller.abort('stop');
      return 'token';
    };
    const { error } = await timed(() => client({ accessToken: token }).update('imp0rt', { reference: 'R' }, { signal: controller.signal }));
    expect(error).toBe('stop');
    expect(server.requests).toHaveLength(0);
  });

  test('already aborted: nothing is sent', async () => {
    const { error } = await timed(() => client().update('imp0rt', { reference: 'R' }, { signal: AbortSignal.abort('before') }));
    expect(error).toBe('before');
    await pause(20);
    expect(server.requests).toHaveLength(0);
  });

  test('abort() without a reason rejects with the same AbortError DOMException fetch gives', async () => {
    server.script(slowHeaders(5_000), slowHeaders(5_000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const fetchError = await fetch(server.url, { signal: AbortSignal.abort() }).catch((error: unknown) => error);
    const { error } = await timed(() => client({ timeoutMs: 10_000 }).update('imp0rt', { reference: 'R' }, { signal: controller.signal }));
    expect(error).toBe(controller.signal.reason);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect((fetchError as DOMException).name).toBe('AbortError');
  });

  test('AbortSignal.timeout rejects with its own TimeoutError DOMException, not the client’s', async () => {
    server.script(slowHeaders(5_000));
    const signal = AbortSignal.timeout(50);
    const { error } = await timed(() => client({ timeoutMs: 10_000, retry: false }).update('imp0rt', { reference: 'R' }, { signal }));
    expect(error).toBe(signal.reason);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(error).not.toBeInstanceOf(TimeoutError);
  });

  test('after calls that succeed, fail and retry, no listener is left on the signal', async () => {
    const controller = new AbortController();
    server.script(importResponse(), rateLimited({ retryAfter: '0' }), importResponse(), slowHeaders(5_000), slowHeaders(5_000), slowHeaders(5_000));
    const c = client({ accessToken: async () => 'token' });
    await c.update('a', { reference: 'R' }, { signal: controller.signal });
    await c.update('b', { reference: 'R' }, { signal: controller.signal });
    await expect(c.update('c', { reference: 'R' }, { signal: controller.signal })).rejects.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(6);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
