// POST /oauth/token, the client credentials grant: tokens for known clients, accepted by the API
// until they expire (then 401 INVALID_TOKEN), 401 for a wrong secret without ever repeating it, and
// the endpoint's own limit of 30 requests a minute.
import { describe, expect, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { call, pause } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const SECRET = 'known-client-secret-5f2c9a';
const clients = [{ clientId: 'integration-app', clientSecret: SECRET, scope: 'market:id:vlkX' }];

async function token(url: string, body: Record<string, unknown>, contentType = 'application/json') {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json' },
    body: contentType === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const grant = (overrides: Record<string, unknown> = {}) => ({ grant_type: 'client_credentials', client_id: 'integration-app', client_secret: SECRET, ...overrides });

describe('the token endpoint', () => {
  test('a known client gets a bearer token with its lifetime and scope, which the API accepts', async () => {
    const simulator = await simulators.start({ clients, accessToken: 'fixed-token' });
    const before = Math.floor(Date.now() / 1000);
    const answer = await token(simulator.url, grant());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    const body = JSON.parse(answer.text);
    expect(body).toStrictEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 7200, scope: 'market:id:vlkX', created_at: expect.any(Number) });
    expect(body.created_at).toBeGreaterThanOrEqual(before);
    // Issued tokens are accepted besides the fixed one.
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: body.access_token, retry: false });
    await expect(client.list()).resolves.toMatchObject({ meta: { record_count: 0 } });
    expect(simulator.counts().tokenRequests).toBe(1);
  });

  test('the scope asked for is the scope given; a form body works too', async () => {
    const simulator = await simulators.start({ clients });
    const body = JSON.parse((await token(simulator.url, grant({ scope: 'stock_location:id:abc' }), 'application/x-www-form-urlencoded')).text);
    expect(body.scope).toBe('stock_location:id:abc');
  });

  test.each<[string, Record<string, unknown>, number, string]>([
    ['a wrong secret', grant({ client_secret: `${SECRET}x` }), 401, 'invalid_client'],
    ['an unknown client', grant({ client_id: 'someone-else' }), 401, 'invalid_client'],
    ['no secret', grant({ client_secret: undefined }), 401, 'invalid_client'],
    ['another grant', grant({ grant_type: 'password' }), 400, 'unsupported_grant_type'],
  ])('%s: %i %s, and the secret is not repeated', async (_, body, status, title) => {
    const simulator = await simulators.start({ clients });
    const answer = await token(simulator.url, body);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.text).errors[0]).toMatchObject({ title, status });
    expect(answer.text).not.toContain(SECRET);
    expect(JSON.stringify(simulator.requests)).not.toContain(SECRET);
  });

  test('without configured clients, any client id with a secret gets a token', async () => {
    const simulator = await simulators.start();
    expect((await token(simulator.url, grant({ client_id: 'whoever' }))).status).toBe(200);
  });

  test('30 requests a minute, then 429', async () => {
    const simulator = await simulators.start({ clients });
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await token(simulator.url, grant())).status);
    expect(statuses.slice(0, 30)).toStrictEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
    expect(simulator.counts()).toMatchObject({ tokenRequests: 31, tokenThrottled: 1, throttled: 0 });
  });
});

describe('token expiry', () => {
  test('expireTokens(): the issued token is refused with 401 INVALID_TOKEN; a new one works', async () => {
    const simulator = await simulators.start({ clients });
    const first = JSON.parse((await token(simulator.url, grant())).text).access_token;
    expect((await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: `Bearer ${first}` } })).status).toBe(200);
    simulator.expireTokens();
    const refused = await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: `Bearer ${first}` } });
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0]).toMatchObject({ code: 'INVALID_TOKEN', title: 'Invalid token', detail: 'The access token you provided has expired.' });
    expect(JSON.stringify(refused.body)).not.toContain(first);
    const second = JSON.parse((await token(simulator.url, grant())).text).access_token;
    expect(second).not.toBe(first);
    expect((await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: `Bearer ${second}` } })).status).toBe(200);
  });

  test('a token expires by itself after tokenLifetimeSeconds', async () => {
    const simulator = await simulators.start({ clients, tokenLifetimeSeconds: 1 });
    const body = JSON.parse((await token(simulator.url, grant())).text);
    expect(body.expires_in).toBe(1);
    expect((await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: `Bearer ${body.access_token}` } })).status).toBe(200);
    await pause(1050);
    expect((await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: `Bearer ${body.access_token}` } })).status).toBe(401);
  });
});
