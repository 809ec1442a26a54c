// The access token never shows in an error, however the error is printed. The transport's own failure
// modes (timeouts, resets, oversized bodies, middleware) are covered at length in security.test.ts.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError, createImportsClient, type ImportsClientOptions, ImportsError, InputError, NetworkError } from '../../../src/index.js';
import { errorExample } from '../../support/openapi-document.js';
import { freePort } from '../../support/prism.js';
import { type RecordingServer, startRecordingServer } from '../../support/recording-server.js';

const TOKEN = 'tok_secret_d41d8cd98f00b204';

/** Every way an error gets printed or logged: none may hold the token. */
function expectTokenAbsent(error: unknown, kind: new (...args: never[]) => ImportsError) {
  expect(error).toBeInstanceOf(kind);
  const e = error as ImportsError;
  const renderings = {
    message: e.message,
    stack: e.stack ?? '',
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: Infinity }),
    inspectHidden: inspect(e, { depth: Infinity, showHidden: true }),
    string: String(e),
  };
  for (const [how, text] of Object.entries(renderings)) expect(text, how).not.toContain(TOKEN);
}

async function failureOf(promiseOrThrow: () => unknown): Promise<unknown> {
  try {
    await promiseOrThrow();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer({ status: 401, body: errorExample(401) });
});
afterAll(() => server.close());

const clientFor = (options: Partial<ImportsClientOptions>) =>
  createImportsClient({ baseUrl: server.url, accessToken: TOKEN, retry: false, ...options } as ImportsClientOptions);

describe('errors from a request that was sent with the token', () => {
  test('ApiError from the 401 the server gives', async () => {
    server.reply = { status: 401, body: errorExample(401) };
    const error = await failureOf(() => clientFor({}).update('xYZkjABcde', { reference: 'r' }));
    expectTokenAbsent(error, ApiError);
    // The token really went out: its absence above is not for want of sending it.
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('NetworkError from a closed port, after retries', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const client = clientFor({ baseUrl: closed, retry: { retries: 1, baseDelayMs: 1 } });
    expectTokenAbsent(await failureOf(() => client.update('xYZkjABcde', { reference: 'r' })), NetworkError);
  });
});

describe('InputError from bad options and input', () => {
  test.each<[string, () => unknown]>([
    ['a token with a line break', () => clientFor({ accessToken: `${TOKEN}\n` })],
    ['a token with a NUL', () => clientFor({ accessToken: `${TOKEN}\0` })],
    ['Authorization in headers', () => clientFor({ headers: { Authorization: `Bearer ${TOKEN}` } })],
    ['the token as a header value with a line break', () => clientFor({ headers: { 'X-Api-Key': `${TOKEN}\r\n` } })],
    ['a token function returning a bad token', () => clientFor({ accessToken: async () => `${TOKEN}\n` }).update('x', { reference: 'r' })],
    ['a bad id, with a good token', () => clientFor({}).update('..', { reference: 'r' })],
    ['a token in the baseUrl credentials', () => clientFor({ baseUrl: `https://user:${TOKEN}@example.com` })],
  ])('%s', async (_, act) => {
    expectTokenAbsent(await failureOf(act), InputError);
  });
});
