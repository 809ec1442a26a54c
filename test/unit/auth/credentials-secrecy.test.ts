// The client secret and the tokens never show: not in any error the provider or the client throws
// (message, stack, JSON.stringify, util.inspect, String, causes included), nor in the provider itself,
// however either is printed. Every failure below runs with a known secret, and every token issued
// during the file is searched for as well.
import { inspect } from 'node:util';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  ApiError,
  type ClientCredentialsOptions,
  clientCredentials,
  createImportsClient,
  CredentialsError,
  ImportsError,
  InputError,
  NetworkError,
  ResponseError,
  TimeoutError,
} from '../../../src/index.js';
import { failureOf } from '../../support/call-outcome.js';
import { failure, hugeBody, rateLimited, resetConnection, respond, slowHeaders, useFaultServer } from '../../support/fault-server.js';
import { freePort } from '../../support/prism.js';
import { CLIENT_ID, CLIENT_SECRET, tokenIssuer } from './token-endpoint.js';

const auth = useFaultServer({ warm: true });
const api = useFaultServer();
let issuer = tokenIssuer();
/** Every token any test of this file saw issued, or put in a body. */
const tokens = new Set<string>(['tok-in-a-body-3c4d']);
beforeEach(() => {
  issuer = tokenIssuer();
  auth.fallback = issuer.endpoint;
  api.fallback = issuer.api;
});

function provider(options: Partial<ClientCredentialsOptions> = {}) {
  return clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: auth.url, timeoutMs: 200, retry: { baseDelayMs: 1, maxDelayMs: 10 }, ...options });
}

/** Every way a value may be shown or logged, for it and each cause behind it. */
function renderings(value: unknown): string[] {
  const texts: string[] = [];
  for (let current = value, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const e = current as Error;
    texts.push(String(e), String(e.message), String(e.stack), JSON.stringify(e) ?? '', inspect(e, { depth: Infinity }), inspect(e, { depth: Infinity, showHidden: true }));
    current = e.cause;
  }
  return texts;
}

function expectNoSecret(value: unknown): void {
  for (const token of issuer.issued) tokens.add(token);
  const secrets = [CLIENT_SECRET, ...tokens];
  for (const text of renderings(value)) for (const secret of secrets) expect(text).not.toContain(secret);
}

async function failing(kind: new (...args: never[]) => Error, run: () => unknown): Promise<void> {
  const error = await failureOf(run);
  expect(error).toBeInstanceOf(kind);
  expectNoSecret(error);
}

describe('errors of the provider', () => {
  test.each<[string, new (...args: never[]) => Error, () => unknown]>([
    ['a wrong client ID (401)', CredentialsError, () => provider({ clientId: 'someone-else' })()],
    [
      'a 401 whose body echoes the secret',
      CredentialsError,
      () => (auth.script(respond(401, { errors: [{ title: `invalid_client ${CLIENT_SECRET}`, detail: `secret ${CLIENT_SECRET} refused`, code: 'UNAUTHORIZED' }] })), provider()()),
    ],
    ['a 400', CredentialsError, () => (auth.script(failure(400, 'BAD_REQUEST')), provider()())],
    ['503, retries used up', ApiError, () => (auth.script(failure(503), failure(503), failure(503)), provider()())],
    ['429, retries used up', ApiError, () => (auth.script(rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' }), rateLimited({ retryAfter: '0' })), provider()())],
    ['a 500 whose body echoes the secret', ApiError, () => (auth.script(respond(500, { errors: [{ title: CLIENT_SECRET, code: 'X' }] })), provider()())],
    ['a timeout', TimeoutError, () => (auth.script(slowHeaders(5_000), slowHeaders(5_000), slowHeaders(5_000)), provider()())],
    ['connection resets', NetworkError, () => (auth.script(resetConnection(), resetConnection(), resetConnection()), provider()())],
    ['connection refused', NetworkError, async () => provider({ baseUrl: `http://127.0.0.1:${await freePort()}` })()],
    // JSON.parse's message quotes a short body whole: the token would be in the cause.
    ['a bare token where JSON was due', ResponseError, () => (auth.script(respond(200, 'tok-in-a-body-3c4d')), provider()())],
    ['JSON that does not parse, holding a token', ResponseError, () => (auth.script(respond(200, '{"access_token":"tok-in-a-body-3c4d" x}')), provider()())],
    ['another token type, holding a token', ResponseError, () => (auth.script(respond(200, { access_token: 'tok-in-a-body-3c4d', token_type: 'mac' })), provider()())],
    ['an HTML page', ResponseError, () => (auth.script(respond(200, `<p>${CLIENT_SECRET}</p>`, { 'content-type': 'text/html' })), provider()())],
    ['a body too large', ResponseError, () => (auth.script(hugeBody(200_000, false)), provider()())],
  ])('%s', async (_, kind, run) => {
    await failing(kind, run);
    // The secret was real: the endpoint received it.
    for (const request of auth.requests) expect(JSON.parse(request.body)).toMatchObject({ client_secret: expect.any(String) });
  });

  test('the secret really went out in those requests, in the body only', async () => {
    await provider()();
    const [request] = auth.requests;
    expect(JSON.parse(request!.body).client_secret).toBe(CLIENT_SECRET);
    expect(request!.url).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(request!.headers)).not.toContain(CLIENT_SECRET);
  });
});

describe('InputError from bad options', () => {
  test.each<[string, Partial<Record<string, unknown>>]>([
    ['a secret with a line break', { clientSecret: `${CLIENT_SECRET}\n` }],
    ['a secret with a space', { clientSecret: `${CLIENT_SECRET} x` }],
    ['a secret that is not ASCII', { clientSecret: `${CLIENT_SECRET}é` }],
    ['a misspelt option holding the secret', { clientSecert: CLIENT_SECRET }],
    ['the secret as the scope of a bad call', { scope: '', clientSecret: CLIENT_SECRET }],
    ['plain http off loopback', { baseUrl: 'http://auth.example.com' }],
    ['the secret in the baseUrl credentials', { baseUrl: `https://user:${CLIENT_SECRET}@auth.example.com` }],
  ])('%s', async (_, options) => {
    await failing(InputError, () => clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options } as ClientCredentialsOptions));
  });
});

describe('through the client', () => {
  const client = (accessToken = provider()) => createImportsClient({ baseUrl: api.url, accessToken, retry: { retries: 1, baseDelayMs: 1 } });

  test('refused credentials: ImportsError, the CredentialsError as its cause', async () => {
    await failing(ImportsError, () => client(provider({ clientSecret: 'wrong-secret-too' })).update('imp0rt', { reference: 'R' }));
  });

  test('a 401 after the refresh, echoing the fresh token', async () => {
    api.script(failure(401, 'INVALID_TOKEN'), (request, res) =>
      respond(401, { errors: [{ title: `Invalid ${request.headers.authorization}`, code: 'INVALID_TOKEN' }] })(request, res),
    );
    await failing(ApiError, () => client().update('imp0rt', { reference: 'R' }));
    expect(issuer.issued).toHaveLength(2);
  });

  test('a success leaves nothing to see either: the provider and the client print no secret', async () => {
    const get = provider();
    const imports = client(get);
    await imports.update('imp0rt', { reference: 'R' });
    expect(issuer.issued).toHaveLength(1);
    expectNoSecret(get);
    expectNoSecret(imports);
    expect(JSON.stringify(get)).toBeUndefined();
  });
});
