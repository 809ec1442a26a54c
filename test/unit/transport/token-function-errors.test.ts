// What the client guarantees when the caller's own code fails: the error a token function throws,
// or a caller's fetch throws, is passed on as the cause, untouched; the wrapping error, which the
// client makes, carries no token, whatever the cause holds.
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { createImportsClient, ImportsError, NetworkError } from '../../../src/index.js';

const TOKEN = 'tok_live_0123456789abcdef';

function wrapperRenderings(error: ImportsError): string[] {
  // Only the client's own part: its message, its stack line, and its fields other than `cause`.
  const { cause: _cause, ...fields } = error as ImportsError & { cause?: unknown };
  return [error.message, String(error), error.stack?.split('\n')[0] ?? '', JSON.stringify(fields), inspect(fields)];
}

describe('errors of the caller\'s own code', () => {
  test('a token function that throws: its error is the cause, as thrown; the ImportsError holds no token', async () => {
    const own = new Error(`vault said no for ${TOKEN}`);
    const client = createImportsClient({ baseUrl: 'http://127.0.0.1:9', accessToken: () => { throw own; } });
    const error = (await client.retrieve('imp1').catch((e: unknown) => e)) as ImportsError;
    expect(error).toBeInstanceOf(ImportsError);
    expect(error.message).toBe('The accessToken function failed');
    expect(error.cause).toBe(own);
    expect(error.attempts).toBe(0);
    for (const text of wrapperRenderings(error)) expect(text).not.toContain(TOKEN);
  });

  test('a token function that rejects with a non-error value: the value is the cause, as given', async () => {
    const client = createImportsClient({ baseUrl: 'http://127.0.0.1:9', accessToken: () => Promise.reject({ token: TOKEN }) });
    const error = (await client.retrieve('imp1').catch((e: unknown) => e)) as ImportsError;
    expect(error.cause).toStrictEqual({ token: TOKEN });
    for (const text of wrapperRenderings(error)) expect(text).not.toContain(TOKEN);
  });

  test('a caller\'s fetch that throws with the request in its message: the cause as thrown, the NetworkError clean', async () => {
    const own = new TypeError('proxy refused');
    const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
      own.message = `proxy refused ${String(new Headers(init?.headers).get('authorization'))}`;
      throw own;
    };
    const client = createImportsClient({ baseUrl: 'http://127.0.0.1:9', accessToken: TOKEN, fetch, retry: false });
    const error = (await client.retrieve('imp1').catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.cause).toBe(own);
    expect(own.message).toContain(TOKEN); // the caller's own error is not rewritten...
    for (const text of wrapperRenderings(error)) expect(text).not.toContain(TOKEN); // ...and the client's adds nothing of it
  });
});
