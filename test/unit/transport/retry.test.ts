// The retry policy, against a scripted server: what is retried, and how many times. The waits: retry-delays.test.ts.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, createImportsClient, type ImportsClientOptions, NetworkError, ResponseError } from '../../../src/index.js';
import {
  destroyMidBody,
  failure,
  importResponse,
  rateLimited,
  redirect,
  resetConnection,
  useFaultServer,
} from '../../support/fault-server.js';
import { timed } from '../../support/call-outcome.js';
import { freePort } from '../../support/prism.js';

const TOKEN = 'retry-test-token';
const server = useFaultServer({ warm: true });
afterEach(() => vi.restoreAllMocks());

function client(options: Partial<ImportsClientOptions> = {}) {
  return createImportsClient({ baseUrl: server.url, accessToken: TOKEN, timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options } as ImportsClientOptions);
}

/** The time between one request's arrival and the next, as the server saw it. */
const gaps = () => server.requests.slice(1).map((request, i) => request.at - server.requests[i]!.at);

const update = (c = client()) => c.update('imp0rt', { reference: 'R-1' });

describe('429 is always retried', () => {
  test('retries exhausted: ApiError 429 with attempts, errors, code and headers', async () => {
    server.script(rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' }));
    const { error } = await timed(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, attempts: 3, code: 'TOO_MANY_REQUESTS' });
    expect((error as ApiError).errors).toHaveLength(1);
    expect((error as ApiError).headers.get('retry-after')).toBe('0');
    expect(server.requests).toHaveLength(3);
  });

  test('attempts are counted even when middleware replaces the request', async () => {
    server.script(rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' }), failure(404, 'RECORD_NOT_FOUND'));
    const replacing = { onRequest: ({ request }: { request: Request }) => new Request(request) };
    const { error } = await timed(() => update(client({ middleware: [replacing] })));
    expect(error).toMatchObject({ status: 404, attempts: 3, code: 'RECORD_NOT_FOUND' });
    expect(server.requests).toHaveLength(3);
  });

  test('even for a raw POST, which is not idempotent', async () => {
    server.script(rateLimited({ retryAfter: '0' }), importResponse());
    const { response } = await rawPost();
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe('502, 503, 504 and lost connections are retried for idempotent calls only', () => {
  test.each([502, 503, 504])('%i, twice, then 200: update succeeds on the third attempt', async (status) => {
    server.script(failure(status), failure(status), importResponse());
    const { value, ms } = await timed(() => update());
    expect(value?.id).toBe('imp0rt');
    expect(server.requests).toHaveLength(3);
    for (const gap of gaps()) expect(gap).toBeLessThan(50 + 400);
    expect(ms).toBeLessThan(2_000);
  });

  test.each([502, 503, 504])('%i every time: ApiError after 1 + retries attempts', async (status) => {
    server.script(failure(status), failure(status), failure(status));
    const { error } = await timed(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, attempts: 3, code: `STATUS_${status}` });
    expect(server.requests).toHaveLength(3);
  });

  test('interrupt is idempotent too, and each retry sends the same request whole', async () => {
    server.script(failure(503), importResponse());
    const imported = await client({ accessToken: counterToken() }).interrupt('imp0rt');
    expect(imported.id).toBe('imp0rt');
    const [first, second] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
    expect(JSON.parse(second.body)).toEqual({ data: { type: 'imports', id: 'imp0rt', attributes: { _interrupt: true } } });
    expect([second.method, second.url, second.body]).toEqual([first.method, first.url, first.body]);
    // The token function runs before every attempt.
    expect([first.headers.authorization, second.headers.authorization]).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  test('a raw POST is not retried on 503', async () => {
    server.script(failure(503), importResponse());
    const { response } = await rawPost();
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  test('a raw POST is not retried when the connection drops', async () => {
    server.script(resetConnection(), importResponse());
    const { error } = await timed(() => rawPost());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test('a connection reset before any answer is retried', async () => {
    server.script(resetConnection(), resetConnection(), importResponse());
    expect((await update()).id).toBe('imp0rt');
    expect(server.requests).toHaveLength(3);
  });

  test('a body cut off mid-way is retried, and gives NetworkError when it keeps happening', async () => {
    server.script(destroyMidBody(), destroyMidBody(), destroyMidBody());
    const { error } = await timed(() => update());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as NetworkError).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(3);
  });

  test('connection refused: NetworkError after 1 + retries attempts, with the cause kept', async () => {
    const closedPort = await freePort();
    const { error, ms } = await timed(() => update(client({ baseUrl: `http://127.0.0.1:${closedPort}` })));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as NetworkError).cause).toBeInstanceOf(Error);
    expect(ms).toBeLessThan(2_000);
  });

  test('a DNS failure (from the fetch option) is retried like any lost connection', async () => {
    const dnsFailure = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
    const fetch = vi.fn(() => Promise.reject(dnsFailure));
    const { error } = await timed(() => update(client({ fetch })));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, cause: dnsFailure });
    expect((error as Error).message).toContain('ENOTFOUND');
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe('nothing else is retried', () => {
  test.each([400, 401, 403, 404, 409, 422, 500])('%i: ApiError after one attempt', async (status) => {
    server.script(failure(status), importResponse());
    const { error } = await timed(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, attempts: 1, code: `STATUS_${status}` });
    expect(server.requests).toHaveLength(1);
  });

  test('a redirect is neither followed nor retried', async () => {
    server.script(redirect(302, `${server.url}/elsewhere`), importResponse());
    const { error } = await timed(() => update());
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 0, attempts: 1, message: expect.stringContaining('redirect') });
    expect(server.requests).toHaveLength(1);
  });
});

describe('retry options', () => {
  test('retry: false sends one request, even on a 429', async () => {
    server.script(rateLimited({ retryAfter: '0' }), importResponse());
    const { error } = await timed(() => update(client({ retry: false })));
    expect(error).toMatchObject({ status: 429, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test('retry: false on a lost connection: NetworkError after one attempt', async () => {
    server.script(resetConnection(), importResponse());
    const { error } = await timed(() => update(client({ retry: false })));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test('the default is 2 retries (Retry-After: 0 keeps this test fast)', async () => {
    const unavailable = failure(503, 'STATUS_503', { 'retry-after': '0' });
    server.script(unavailable, unavailable, unavailable, importResponse());
    const { error } = await timed(() => update(createImportsClient({ baseUrl: server.url, accessToken: TOKEN })));
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  test('retries: 4 gives five attempts', async () => {
    server.script(...Array.from({ length: 5 }, () => failure(502)), importResponse());
    const { error } = await timed(() => update(client({ retry: { retries: 4, baseDelayMs: 1, maxDelayMs: 5 } })));
    expect(error).toMatchObject({ status: 502, attempts: 5 });
    expect(server.requests).toHaveLength(5);
  });
});

function counterToken() {
  let calls = 0;
  return () => `token-${++calls}`;
}

/** POST is not in the document: reach it through the raw client, as a caller with their own types would. */
function rawPost() {
  const raw = client().raw as unknown as { POST(path: string, init: object): Promise<{ response: Response }> };
  return raw.POST('/api/imports', { body: { data: { type: 'imports', attributes: { resource_type: 'skus' } } } });
}

describe('delete, sent again', () => {
  test('a 404 after a 503 resolves: the first attempt may have deleted the import', async () => {
    server.script(failure(503), failure(404, 'RECORD_NOT_FOUND'));
    await expect(client().delete('imp0rt')).resolves.toBeUndefined();
    expect(server.requests.map((request) => request.method)).toStrictEqual(['DELETE', 'DELETE']);
  });

  test('a 404 after a lost connection resolves too', async () => {
    server.script(resetConnection(), failure(404, 'RECORD_NOT_FOUND'));
    await expect(client().delete('imp0rt')).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  test('a 404 after a 429 is the ApiError: the API refused the first attempt before doing anything', async () => {
    server.script(rateLimited({ retryAfter: '0' }), failure(404, 'RECORD_NOT_FOUND'));
    await expect(client().delete('imp0rt')).rejects.toMatchObject({ status: 404, code: 'RECORD_NOT_FOUND', attempts: 2 });
  });
});

describe('calls made through raw', () => {
  test('a GET is retried on a 503, as the client\'s own reads are', async () => {
    server.script(failure(503), importResponse());
    const { data, response } = await client().raw.GET('/api/imports/{importId}', { params: { path: { importId: 'imp0rt' } } });
    expect(response.status).toBe(200);
    expect(data?.data.id).toBe('imp0rt');
    expect(server.requests).toHaveLength(2);
  });

  test('a POST is not retried on a 503: it may have created the import', async () => {
    server.script(failure(503), importResponse());
    const { error, response } = await client().raw.POST('/api/imports', { body: { data: { type: 'imports', attributes: { resource_type: 'skus', inputs: [{ code: 'A' }] } } } });
    expect(response.status).toBe(503);
    expect(error).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });
});
