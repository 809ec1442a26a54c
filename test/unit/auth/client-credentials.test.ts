// clientCredentials against a loopback token endpoint: the request it sends, how long it keeps a
// token, one request for concurrent callers, forceRefresh, and the endpoint's failures.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError, type ClientCredentialsOptions, clientCredentials, CredentialsError, NetworkError, ResponseError, TimeoutError } from '../../../src/index.js';
import { failureOf } from '../../support/call-outcome.js';
import { failure, rateLimited, resetConnection, respond, slowHeaders, useFaultServer } from '../../support/fault-server.js';
import { freePort } from '../../support/prism.js';
import { CLIENT_ID, CLIENT_SECRET, tokenIssuer } from './token-endpoint.js';

const auth = useFaultServer({ warm: true });
let issuer = tokenIssuer();
beforeEach(() => {
  issuer = tokenIssuer();
  auth.fallback = issuer.endpoint;
});

function provider(options: Partial<ClientCredentialsOptions> = {}) {
  return clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: auth.url, retry: { baseDelayMs: 1, maxDelayMs: 20 }, ...options });
}

describe('the token request', () => {
  test('POST /oauth/token with a JSON body, JSON Content-Type and Accept', async () => {
    const token = await provider({ scope: 'market:code:europe' })();
    expect(token).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(1);
    const [request] = auth.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/oauth/token' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.headers.authorization).toBeUndefined();
    expect(JSON.parse(request!.body)).toStrictEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      scope: 'market:code:europe',
    });
  });

  test('without a scope, the body has none', async () => {
    await provider()();
    expect(JSON.parse(auth.requests[0]!.body)).toStrictEqual({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  });

  test('the default endpoint is https://auth.commercelayer.io/oauth/token (seen through the fetch option: nothing leaves the machine)', async () => {
    const urls: string[] = [];
    const fetch = vi.fn(async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ access_token: 'tok-default', token_type: 'bearer', expires_in: 7200 }), { headers: { 'content-type': 'application/json' } });
    });
    const token = await clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, fetch })();
    expect(token).toBe('tok-default');
    expect(urls).toEqual(['https://auth.commercelayer.io/oauth/token']);
  });
});

describe('one token, kept until less than 10 minutes of its life remain', () => {
  afterEach(() => void vi.useRealTimers());

  test('fetched once, then cached', async () => {
    const get = provider();
    const first = await get();
    expect(await get()).toBe(first);
    expect(await get({ forceRefresh: false })).toBe(first);
    expect(auth.requests).toHaveLength(1);
  });

  test('a two-hour token is kept for 1 h 50 min, then fetched again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2024-06-01T10:00:00Z').getTime();
    vi.setSystemTime(start);
    const get = provider();
    const first = await get();
    vi.setSystemTime(start + (7200 - 600) * 1000 - 1);
    expect(await get()).toBe(first);
    expect(auth.requests).toHaveLength(1);
    vi.setSystemTime(start + (7200 - 600) * 1000);
    const second = await get();
    expect(second).not.toBe(first);
    expect(second).toBe(issuer.issued[1]);
    expect(auth.requests).toHaveLength(2);
  });

  test('a token shorter-lived than 20 minutes is kept for half its life', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2024-06-01T10:00:00Z').getTime();
    vi.setSystemTime(start);
    issuer.expiresIn = 60;
    const get = provider();
    const first = await get();
    vi.setSystemTime(start + 29_999);
    expect(await get()).toBe(first);
    vi.setSystemTime(start + 30_000);
    expect(await get()).toBe(issuer.issued[1]);
    expect(auth.requests).toHaveLength(2);
  });

  test('an answer without expires_in is taken to last two hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2024-06-01T10:00:00Z').getTime();
    vi.setSystemTime(start);
    auth.script(respond(200, { access_token: 'tok-no-expiry', token_type: 'bearer' }, { 'content-type': 'application/json' }));
    const get = provider();
    expect(await get()).toBe('tok-no-expiry');
    vi.setSystemTime(start + 6600_000 - 1);
    expect(await get()).toBe('tok-no-expiry');
    vi.setSystemTime(start + 6600_000);
    expect(await get()).toBe(issuer.issued[0]);
  });
});

describe('concurrent calls share one request', () => {
  test('ten calls at once, one request, one token', async () => {
    auth.script(slowHeaders(50, issuer.endpoint));
    const get = provider();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => get()));
    expect(new Set(tokens)).toStrictEqual(new Set([issuer.issued[0]]));
    expect(auth.requests).toHaveLength(1);
  });

  test('forceRefresh fetches a new token, even while the one held is fresh', async () => {
    const get = provider();
    const first = await get();
    const second = await get({ forceRefresh: true });
    expect(second).not.toBe(first);
    expect(second).toBe(issuer.issued[1]);
    // The new one is kept in its place.
    expect(await get()).toBe(second);
    expect(auth.requests).toHaveLength(2);
  });

  test('concurrent forceRefresh calls share one request too', async () => {
    const get = provider();
    await get();
    auth.script(slowHeaders(50, issuer.endpoint));
    const tokens = await Promise.all([get({ forceRefresh: true }), get({ forceRefresh: true }), get(), get({ forceRefresh: true })]);
    expect(tokens).toStrictEqual(Array(4).fill(issuer.issued[1]));
    expect(auth.requests).toHaveLength(2);
  });

  test('a call during a refresh waits for it rather than taking the token held, which may be the one refused', async () => {
    const get = provider();
    const first = await get();
    auth.script(slowHeaders(50, issuer.endpoint));
    const refreshing = get({ forceRefresh: true });
    const during = get();
    expect(await during).toBe(await refreshing);
    expect(await during).not.toBe(first);
  });
});

describe('the endpoint’s failures', () => {
  test('429 with Retry-After, then a token', async () => {
    auth.script(rateLimited({ retryAfter: '0' }));
    expect(await provider()()).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(2);
  });

  test('429 with X-Ratelimit-Interval only, then a token', async () => {
    auth.script(rateLimited({ interval: '0' }));
    expect(await provider()()).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(2);
  });

  test.each([502, 503, 504])('%i, twice, then a token', async (status) => {
    auth.script(failure(status), failure(status));
    expect(await provider()()).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(3);
  });

  test('a reset connection, then a token', async () => {
    auth.script(resetConnection());
    expect(await provider()()).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(2);
  });

  test('a timeout, then a token', async () => {
    auth.script(slowHeaders(5_000, issuer.endpoint));
    expect(await provider({ timeoutMs: 100 })()).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(2);
  });

  test('503 every time: ApiError after 1 + retries attempts', async () => {
    auth.script(failure(503), failure(503), failure(503));
    const error = await failureOf(() => provider()());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ status: 503, code: 'STATUS_503', attempts: 3 });
  });

  test('429 every time: ApiError with the headers, after 1 + retries attempts', async () => {
    auth.script(rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' }));
    const error = await failureOf(() => provider()());
    expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', attempts: 3 });
    expect((error as ApiError).headers.get('retry-after')).toBe('0');
  });

  test('500 is not retried, as for the client', async () => {
    auth.script(failure(500));
    expect(await failureOf(() => provider()())).toMatchObject({ status: 500, attempts: 1 });
    expect(auth.requests).toHaveLength(1);
  });

  test('retry: false sends one request', async () => {
    auth.script(failure(503));
    expect(await failureOf(() => provider({ retry: false })())).toMatchObject({ status: 503, attempts: 1 });
    expect(auth.requests).toHaveLength(1);
  });

  test('connection refused: NetworkError after 1 + retries attempts', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await failureOf(() => provider({ baseUrl: closed })());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as NetworkError).cause).toBeInstanceOf(Error);
  });

  test('slow every time: TimeoutError', async () => {
    auth.script(slowHeaders(5_000), slowHeaders(5_000));
    const error = await failureOf(() => provider({ timeoutMs: 50, retry: { retries: 1, baseDelayMs: 1 } })());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 2 });
  });

  test('a failure is not kept: the next call asks again', async () => {
    auth.script(failure(500));
    const get = provider();
    await failureOf(() => get());
    expect(await get()).toBe(issuer.issued[0]);
    expect(auth.requests).toHaveLength(2);
  });
});

describe('refused credentials', () => {
  test('a wrong secret: CredentialsError with the status and the API’s code, not retried', async () => {
    const error = await failureOf(() => provider({ clientSecret: 'not-the-secret' })());
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'CredentialsError', status: 401, code: 'UNAUTHORIZED', attempts: 1 });
    expect((error as Error).message).toBe('Commerce Layer refused the client credentials: 401 UNAUTHORIZED (invalid_client)');
    expect(auth.requests).toHaveLength(1);
  });

  test('a 400 (a scope the application may not have) is a CredentialsError too', async () => {
    auth.script(respond(400, { errors: [{ title: 'invalid_scope', detail: 'The requested scope is invalid.', code: 'BAD_REQUEST', status: 400 }] }));
    const error = await failureOf(() => provider({ scope: 'market:code:nowhere' })());
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ status: 400, code: 'BAD_REQUEST', errors: [{ title: 'invalid_scope' }] });
  });

  test('an errors object rather than an array is read as one error', async () => {
    auth.script(respond(401, { errors: { title: 'invalid_client', code: 'UNAUTHORIZED' } }));
    expect(await failureOf(() => provider()())).toMatchObject({ status: 401, code: 'UNAUTHORIZED', errors: [{ title: 'invalid_client' }] });
  });

  test('a body that is not JSON still gives the status', async () => {
    auth.script(respond(401, 'Unauthorized', { 'content-type': 'text/plain' }));
    const error = await failureOf(() => provider()());
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ status: 401, code: undefined, errors: [] });
    expect((error as Error).message).toBe('Commerce Layer refused the client credentials: 401');
  });
});

describe('answers that hold no usable token', () => {
  test.each<[string, unknown]>([
    ['no access_token', { token_type: 'bearer', expires_in: 7200 }],
    ['an empty access_token', { access_token: '', token_type: 'bearer', expires_in: 7200 }],
    ['a number', { access_token: 42, token_type: 'bearer', expires_in: 7200 }],
    ['another token type', { access_token: 'tok', token_type: 'mac', expires_in: 7200 }],
    ['JSON that does not parse', '{"access_token":"tok-cut'],
    ['null', 'null'],
  ])('%s: ResponseError', async (_, body) => {
    auth.script(respond(200, body, { 'content-type': 'application/json' }));
    const error = await failureOf(() => provider()());
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
  });

  test('an HTML page: ResponseError', async () => {
    auth.script(respond(200, '<html></html>', { 'content-type': 'text/html' }));
    expect(await failureOf(() => provider()())).toBeInstanceOf(ResponseError);
  });
});

describe('the signal option', () => {
  test('an aborted signal sends nothing and rejects with its reason', async () => {
    const reason = new Error('stopped');
    const error = await failureOf(() => provider({ signal: AbortSignal.abort(reason) })());
    expect(error).toBe(reason);
    expect(auth.requests).toHaveLength(0);
  });

  test('aborting stops the request in flight', async () => {
    auth.script(slowHeaders(5_000, issuer.endpoint));
    const controller = new AbortController();
    const pending = provider({ signal: controller.signal })();
    await vi.waitFor(() => expect(auth.requests).toHaveLength(1));
    controller.abort();
    const error = await failureOf(() => pending);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
