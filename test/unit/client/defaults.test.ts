// Every default the docs state, pinned: each test fails if its default changes. Timers are
// observed, never waited for: setTimeout is wrapped to record the delay asked for and to fire the
// long waits at once, so a 30-minute deadline costs nothing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createImportsClient, ResponseError } from '../../../src/index.js';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let origin = '';
const server = createServer((req, res) => handler(req, res));
const asked: number[] = [];
const realSetTimeout = globalThis.setTimeout;

beforeEach(async () => {
  origin ||= await listenOnLoopback(server);
  asked.length = 0;
  // Record every delay; let the waits between attempts and polls (0.4 to 10 s) fire at once; timeouts and deadlines stay real.
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...args: []) => {
    // Only the client's own timers: fetch and the test server keep timers of their own.
    if (/[/\\]src[/\\]/.test(new Error().stack ?? '')) asked.push(ms ?? 0);
    return realSetTimeout(fn, ms !== undefined && ms >= 400 && ms <= 10_000 ? 0 : ms, ...args);
  }) as typeof setTimeout);
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => closeServer(server));

function importBody(status: string, extra: Record<string, unknown> = {}) {
  return {
    data: {
      id: 'imp1',
      type: 'imports',
      attributes: { status, resource_type: 'skus', inputs: [], created_at: '2026-12-01T00:00:00Z', updated_at: '2026-12-01T00:00:00Z', processed_count: 0, ...extra },
    },
  };
}
function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/vnd.api+json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}
const client = () => createImportsClient({ baseUrl: origin, accessToken: 'defaults-token' });

describe('the client', () => {
  test('timeoutMs is 15000: each attempt is bounded by a 15 s timer', async () => {
    handler = (_req, res) => send(res, 200, importBody('completed'));
    await client().retrieve('imp1');
    expect(asked).toContain(15_000);
  });

  test('retry: 2 retries (3 attempts) of a 503, waits drawn below 500 then 1000 ms', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    let attempts = 0;
    handler = (_req, res) => (attempts++, send(res, 503, { errors: [] }));
    await expect(client().retrieve('imp1')).rejects.toMatchObject({ status: 503, attempts: 3 });
    expect(attempts).toBe(3);
    const waits = asked.filter((ms) => ms !== 15_000);
    expect(waits.map(Math.round)).toStrictEqual([500, 999]);
  });

  test('retry.maxDelayMs is 10000: a Retry-After of 60 s waits 10 s', async () => {
    let attempts = 0;
    handler = (_req, res) => (attempts++ === 0 ? send(res, 429, { errors: [] }, { 'retry-after': '60' }) : send(res, 200, importBody('completed')));
    await client().retrieve('imp1');
    expect(asked.filter((ms) => ms !== 15_000)).toStrictEqual([10_000]);
  });

  test('maxResponseBytes is 10 MiB: a body one byte over is refused, one within is read', async () => {
    const limit = 10 * 1024 * 1024;
    const padded = (size: number) => {
      const base = JSON.stringify(importBody('completed', { reference: '' }));
      return base.replace('"reference":""', `"reference":"${'x'.repeat(size - base.length)}"`);
    };
    for (const [size, ok] of [[limit, true], [limit + 1, false]] as const) {
      const text = padded(size);
      expect(Buffer.byteLength(text)).toBe(size);
      // No Content-Length: the limit must hold on the bytes read.
      handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/vnd.api+json' }).end(text);
      const outcome = client().retrieve('imp1');
      if (ok) await expect(outcome).resolves.toMatchObject({ id: 'imp1' });
      else await expect(outcome).rejects.toBeInstanceOf(ResponseError);
    }
  });
});

describe('waitFor', () => {
  test('polls every 2000 ms, within a 30-minute deadline', async () => {
    let polls = 0;
    handler = (_req, res) => send(res, 200, importBody(++polls < 3 ? 'in_progress' : 'completed'));
    await client().waitFor('imp1');
    expect(asked).toContain(30 * 60_000);
    expect(asked.filter((ms) => ms === 2000)).toHaveLength(2);
  });
});
