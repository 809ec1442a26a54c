// The refresh on 401: a 401 whose error code is INVALID_TOKEN makes the client ask its token function
// once for a fresh token ({ forceRefresh: true }) and send the call again, once, with it.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import {
  type AccessTokenContext,
  ApiError,
  clientCredentials,
  createImportsClient,
  CredentialsError,
  type ImportsClientOptions,
  ImportsError,
} from '../../../src/index.js';
import { failureOf } from '../../support/call-outcome.js';
import { failure, importResponse, rateLimited, respond, useFaultServer } from '../../support/fault-server.js';
import { CLIENT_ID, CLIENT_SECRET, tokenIssuer } from '../auth/token-endpoint.js';

const api = useFaultServer({ warm: true });
const auth = useFaultServer();
let issuer = tokenIssuer();
beforeEach(() => {
  issuer = tokenIssuer();
  auth.fallback = issuer.endpoint;
  api.fallback = issuer.api;
});

const provider = () => clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: auth.url });

function client(options: Partial<ImportsClientOptions> = {}) {
  return createImportsClient({ baseUrl: api.url, accessToken: provider(), retry: { baseDelayMs: 1, maxDelayMs: 20 }, ...options } as ImportsClientOptions);
}

const update = (c = client()) => c.update('imp0rt', { reference: 'R-1' });
const sentTokens = () => api.requests.map((request) => request.headers.authorization);
const invalidToken = () => failure(401, 'INVALID_TOKEN');

describe('with clientCredentials', () => {
  test('the token is revoked: the call is sent again once, with a fresh token, and succeeds', async () => {
    const imports = client();
    expect((await update(imports)).id).toBe('imp0rt');
    issuer.revokeAll();
    expect((await update(imports)).id).toBe('imp0rt');
    expect(sentTokens()).toEqual([`Bearer ${issuer.issued[0]}`, `Bearer ${issuer.issued[0]}`, `Bearer ${issuer.issued[1]}`]);
    expect(auth.requests).toHaveLength(2);
    // The fresh token is kept: the next call sends it without asking again.
    await update(imports);
    expect(sentTokens().at(-1)).toBe(`Bearer ${issuer.issued[1]}`);
    expect(auth.requests).toHaveLength(2);
  });

  test('for create too, which is not idempotent: the server did not act on the 401', async () => {
    api.script(invalidToken(), respond(201, { data: { id: 'new0ne', type: 'imports', attributes: { status: 'pending' } } }));
    const created = await client().create({ resource_type: 'skus', inputs: [{ code: 'A', name: 'a', shipping_category_id: 'nBAvrhRZBl' }] });
    expect(created.id).toBe('new0ne');
    expect(api.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(api.requests[1]!.body).toBe(api.requests[0]!.body);
    expect(sentTokens()).toEqual([`Bearer ${issuer.issued[0]}`, `Bearer ${issuer.issued[1]}`]);
  });

  test('a second 401 is an ApiError: one refresh per call, no loop', async () => {
    api.script(invalidToken(), invalidToken(), importResponse());
    const error = await failureOf(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_TOKEN', attempts: 2 });
    expect(api.requests).toHaveLength(2);
    expect(auth.requests).toHaveLength(2);
  });

  test('each call gets its own refresh', async () => {
    const imports = client();
    api.script(invalidToken(), importResponse(), invalidToken(), importResponse());
    await update(imports);
    await update(imports);
    expect(api.requests).toHaveLength(4);
    expect(auth.requests).toHaveLength(3);
  });

  test('the refresh is apart from the retry policy: it happens with retry: false', async () => {
    api.script(invalidToken());
    expect((await update(client({ retry: false }))).id).toBe('imp0rt');
    expect(api.requests).toHaveLength(2);
  });

  test('after the refresh, the retry policy still applies: 401, then 429, then 200', async () => {
    api.script(invalidToken(), rateLimited({ retryAfter: '0' }), importResponse());
    const imported = await update();
    expect(imported.id).toBe('imp0rt');
    expect(api.requests).toHaveLength(3);
    // The token function runs before every attempt; only the refresh asked for a new token.
    expect(auth.requests).toHaveLength(2);
  });

  test('credentials refused at the refresh: ImportsError with the CredentialsError as its cause', async () => {
    const imports = client();
    await update(imports);
    issuer.revokeAll();
    auth.script(respond(401, { errors: [{ title: 'invalid_client', code: 'UNAUTHORIZED', status: 401 }] }));
    const error = await failureOf(() => update(imports));
    expect(error).toMatchObject({ name: 'ImportsError', message: 'The accessToken function failed', attempts: 1 });
    expect((error as ImportsError).cause).toBeInstanceOf(CredentialsError);
  });
});

describe('with a token function of your own', () => {
  test('it is called with { forceRefresh: false } before each attempt, and { forceRefresh: true } once after the 401', async () => {
    const contexts: AccessTokenContext[] = [];
    let n = 0;
    const accessToken = (context: AccessTokenContext) => {
      contexts.push({ ...context });
      return context.forceRefresh ? `fresh-${++n}` : 'stale';
    };
    api.script(invalidToken(), importResponse());
    await update(client({ accessToken }));
    expect(contexts).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(sentTokens()).toEqual(['Bearer stale', 'Bearer fresh-1']);
  });

  test('a function that takes no argument and gives another token works: the call is sent again', async () => {
    let n = 0;
    api.script(invalidToken(), importResponse());
    expect((await update(client({ accessToken: () => `token-${++n}` }))).id).toBe('imp0rt');
    expect(sentTokens()).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  test('a function that gives the same token back: the 401 stands, and nothing more is sent', async () => {
    const accessToken = vi.fn(() => 'always-the-same');
    api.script(invalidToken(), importResponse());
    const error = await failureOf(() => update(client({ accessToken })));
    expect(error).toMatchObject({ status: 401, code: 'INVALID_TOKEN', attempts: 1 });
    expect(accessToken).toHaveBeenCalledTimes(2);
    expect(api.requests).toHaveLength(1);
  });

  test('a fresh token that is no valid header value is refused before it is sent', async () => {
    api.script(invalidToken(), importResponse());
    const accessToken = ({ forceRefresh }: AccessTokenContext) => (forceRefresh ? 'bad token' : 'good-token');
    const error = await failureOf(() => update(client({ accessToken })));
    expect(error).toMatchObject({ name: 'InputError', attempts: 1 });
    expect(api.requests).toHaveLength(1);
  });

  test('the caller’s signal stops a refresh still running', async () => {
    api.script(invalidToken(), importResponse());
    const controller = new AbortController();
    const accessToken = ({ forceRefresh }: AccessTokenContext) => (forceRefresh ? new Promise<string>(() => controller.abort()) : 'stale');
    const error = await failureOf(() => client({ accessToken }).update('imp0rt', { reference: 'R' }, { signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(1);
  });
});

describe('what does not refresh', () => {
  test('a string token never does', async () => {
    api.script(invalidToken(), importResponse());
    const error = await failureOf(() => update(client({ accessToken: 'a-string-token' })));
    expect(error).toMatchObject({ status: 401, code: 'INVALID_TOKEN', attempts: 1 });
    expect(api.requests).toHaveLength(1);
  });

  test.each<[string, Parameters<typeof respond>]>([
    ['a 401 with another code', [401, { errors: [{ title: 'Unauthorized', code: 'UNAUTHORIZED', status: '401' }] }]],
    ['a 401 with INVALID_TOKEN, but not first', [401, { errors: [{ title: 'x', code: 'FORBIDDEN' }, { title: 'y', code: 'INVALID_TOKEN' }] }]],
    ['a 401 without an errors array', [401, { message: 'INVALID_TOKEN' }]],
    ['a 401 whose body is not JSON', [401, 'INVALID_TOKEN', { 'content-type': 'text/plain' }]],
    ['a 403 with INVALID_TOKEN', [403, { errors: [{ title: 'Forbidden', code: 'INVALID_TOKEN' }] }]],
  ])('%s', async (_, args) => {
    const accessToken = vi.fn(() => `token-${accessToken.mock.calls.length}`);
    api.script(respond(...args), importResponse());
    const error = await failureOf(() => update(client({ accessToken })));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: args[0], attempts: 1 });
    expect(accessToken).toHaveBeenCalledTimes(1);
    expect(api.requests).toHaveLength(1);
  });
});

describe('the 401 body is redacted as before', () => {
  test('a token echoed in the refusal that ends the call is [REDACTED]', async () => {
    const accessToken = () => 'echoed-token-5e6f';
    api.script(respond(401, { errors: [{ title: 'Invalid token echoed-token-5e6f', detail: 'Bearer echoed-token-5e6f', code: 'INVALID_TOKEN' }] }));
    const error = await failureOf(() => update(client({ accessToken })));
    expect((error as ApiError).errors[0]).toMatchObject({ title: 'Invalid token [REDACTED]', detail: 'Bearer [REDACTED]' });
  });
});
