// The token stays secret: plain http only on loopback, no header injection, never in an error or a hook.
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ApiError, createImportsClient, type ImportsClientOptions, InputError, type Middleware, NetworkError, ResponseError } from '../../../src/index.js';
import {
  failure,
  html,
  hugeBody,
  importResponse,
  rateLimited,
  redirect,
  resetConnection,
  respond,
  slowHeaders,
  startFaultServer,
  useFaultServer,
} from '../../support/fault-server.js';
import { failureOf } from '../../support/call-outcome.js';
import { freePort } from '../../support/prism.js';

const TOKEN = 'sEcReT-t0ken-9f8e7d6c';
const server = useFaultServer();

function client(options: Partial<ImportsClientOptions> = {}) {
  return createImportsClient({ baseUrl: server.url, accessToken: TOKEN, timeoutMs: 150, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options } as ImportsClientOptions);
}

const update = (c = client()) => c.update('imp0rt', { reference: 'R' });

/** Every way an error may be shown or logged, for the error and each cause behind it. */
function renderings(error: unknown): string[] {
  const texts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const e = current as Error;
    texts.push(String(e.message), String(e.stack), JSON.stringify(e) ?? '', inspect(e, { depth: Infinity, showHidden: true }));
    current = e.cause;
  }
  return texts;
}

function expectNoToken(error: unknown, token = TOKEN): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of renderings(error)) expect(text).not.toContain(token);
}

describe('plain http only on loopback', () => {
  test.each([
    'http://example.com',
    'http://10.0.0.1',
    'http://192.168.1.10:4010',
    'http://128.0.0.1',
    'http://0.0.0.0:4010',
    'http://[::2]',
    'http://localhost.example.com',
    'http://127.0.0.1.nip.io',
  ])('refuses %s', (baseUrl) => {
    const error = (() => {
      try {
        createImportsClient({ baseUrl, accessToken: TOKEN });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ attempts: 0 });
    expect((error as Error).message).toMatch(/loopback/);
  });

  test.each(['http://127.0.0.1:4010', 'http://127.255.255.254', 'http://[::1]:4010', 'http://localhost:4010', 'http://LOCALHOST', 'https://example.com'])(
    'accepts %s',
    (baseUrl) => {
      expect(() => createImportsClient({ baseUrl, accessToken: TOKEN })).not.toThrow();
    },
  );
});

describe('tokens that would break or inject headers are refused without being echoed', () => {
  const BAD = ['abc\r\nX-Injected: yes', 'abc\nX-Injected: yes', 'abc\rX-Injected: yes', 'abc\0X-Injected', 'two words-X-Injected', 'tøken-X-Injected', 'tok\u0100-X-Injected'];

  test.each(BAD.map((token) => [JSON.stringify(token), token]))('as a string: %s', (_name, token) => {
    const error = (() => {
      try {
        createImportsClient({ baseUrl: server.url, accessToken: token });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expectNoToken(error, token);
    for (const text of renderings(error)) expect(text).not.toContain('X-Injected');
  });

  test.each(BAD.map((token) => [JSON.stringify(token), token]))('from a token function: %s, and nothing is sent', async (_name, token) => {
    const error = await failureOf(() => update(client({ accessToken: async () => token })));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ attempts: 0 });
    for (const text of renderings(error)) expect(text).not.toContain('X-Injected');
    expect(server.requests).toHaveLength(0);
  });
});

describe('the token never appears in an error', () => {
  const cases: [string, () => Promise<unknown>][] = [
    ['ApiError (401)', () => (server.script(failure(401, 'INVALID_TOKEN')), failureOf(() => update()))],
    ['ApiError (429, retries used up)', () => (server.script(rateLimited(), rateLimited(), rateLimited()), failureOf(() => update()))],
    ['TimeoutError', () => (server.script(slowHeaders(2_000), slowHeaders(2_000), slowHeaders(2_000)), failureOf(() => update()))],
    ['NetworkError (connection reset)', () => (server.script(resetConnection(), resetConnection(), resetConnection()), failureOf(() => update()))],
    [
      'NetworkError (connection refused)',
      async () => {
        const closedPort = await freePort();
        return failureOf(() => update(client({ baseUrl: `http://127.0.0.1:${closedPort}` })));
      },
    ],
    ['ResponseError (HTML)', () => (server.script(html(200)), failureOf(() => update()))],
    ['ResponseError (too large)', () => (server.script(hugeBody(4096, false)), failureOf(() => update(client({ maxResponseBytes: 1024 }))))],
    ['ApiError (404, retry: false)', () => (server.script(failure(404)), failureOf(() => update(client({ retry: false }))))],
  ];

  test.each(cases)('%s: not in its message, stack, JSON or util.inspect, nor in its causes', async (_name, run) => {
    const error = await run();
    expectNoToken(error);
    // The token was real: the server received it.
    for (const request of server.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('a token from a function does not leak either', async () => {
    server.script(resetConnection(), resetConnection(), resetConnection());
    const error = await failureOf(() => update(client({ accessToken: async () => TOKEN })));
    expect(error).toBeInstanceOf(NetworkError);
    expectNoToken(error);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
  });

  test('a token function that fails: ImportsError with its error as the cause, and nothing sent', async () => {
    const refreshFailure = new Error('refresh failed');
    const error = await failureOf(() =>
      update(
        client({
          accessToken: async () => {
            throw refreshFailure;
          },
        }),
      ),
    );
    expect(error).toMatchObject({ name: 'ImportsError', message: 'The accessToken function failed', attempts: 0, cause: refreshFailure });
    expect(server.requests).toHaveLength(0);
  });

  test('an error body that echoes the token reaches ApiError redacted', async () => {
    server.script(respond(401, { errors: [{ title: `Invalid token ${TOKEN}`, detail: `Bearer ${TOKEN} is expired`, code: 'INVALID_TOKEN', status: '401' }] }));
    const error = await failureOf(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors[0]).toMatchObject({ title: 'Invalid token [REDACTED]', detail: 'Bearer [REDACTED] is expired' });
    expectNoToken(error);
  });

  test('a redirect is not followed, so the token never travels elsewhere', async () => {
    const elsewhere = await startFaultServer();
    try {
      server.script(redirect(307, `${elsewhere.url}/api/imports/imp0rt`));
      const error = await failureOf(() => update());
      expect(error).toBeInstanceOf(ResponseError);
      expectNoToken(error);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('middleware sees Authorization redacted', () => {
  function recordingMiddleware() {
    const seen: { hook: string; authorization: string | null; rendered: string }[] = [];
    const note = (hook: string, request: Request, extra: unknown) =>
      seen.push({ hook, authorization: request.headers.get('authorization'), rendered: inspect([request, [...request.headers], extra], { depth: 6 }) });
    const middleware: Middleware = {
      onRequest({ request }) {
        note('onRequest', request, undefined);
        request.headers.set('x-trace-id', 'trace-1');
      },
      onResponse({ request, response }) {
        note('onResponse', request, response);
      },
      onError({ request, error }) {
        note('onError', request, error);
      },
    };
    return { seen, middleware };
  }

  test('in onRequest and onResponse, while the server gets the token, the body and what middleware added', async () => {
    const { seen, middleware } = recordingMiddleware();
    server.script(failure(503), importResponse());
    const imported = await update(client({ middleware: [middleware] }));
    expect(imported.id).toBe('imp0rt');
    // Retries happen beneath middleware: it sees the call once.
    expect(seen.map((s) => [s.hook, s.authorization])).toEqual([
      ['onRequest', 'Bearer [REDACTED]'],
      ['onResponse', 'Bearer [REDACTED]'],
    ]);
    for (const { rendered } of seen) expect(rendered).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['x-trace-id']).toBe('trace-1');
      expect(JSON.parse(request.body)).toEqual({ data: { type: 'imports', id: 'imp0rt', attributes: { reference: 'R' } } });
    }
  });

  test('in onError, with an error that holds no token', async () => {
    const { seen, middleware } = recordingMiddleware();
    server.script(resetConnection(), resetConnection(), resetConnection());
    const error = await failureOf(() => update(client({ middleware: [middleware], accessToken: () => TOKEN })));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expectNoToken(error);
    expect(seen.map((s) => [s.hook, s.authorization])).toEqual([
      ['onRequest', 'Bearer [REDACTED]'],
      ['onError', 'Bearer [REDACTED]'],
    ]);
    for (const { rendered } of seen) expect(rendered).not.toContain(TOKEN);
  });

  test('a middleware that returns a new Request: it is sent whole on every attempt, with the token', async () => {
    const replace: Middleware = {
      onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), 'x-via': 'middleware' } }),
    };
    server.script(failure(502), importResponse());
    expect((await update(client({ middleware: [replace] }))).id).toBe('imp0rt');
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers['x-via']).toBe('middleware');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.parse(request.body)).toMatchObject({ data: { id: 'imp0rt', attributes: { reference: 'R' } } });
    }
  });

  test('a middleware cannot replace the Authorization header: the client’s own token is sent', async () => {
    const impostor: Middleware = { onRequest: ({ request }) => void request.headers.set('authorization', 'Bearer other') };
    server.script(importResponse());
    await update(client({ middleware: [impostor] }));
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
