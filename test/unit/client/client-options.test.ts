// createImportsClient's options: where requests go, and which configurations are refused at once.
// A custom fetch records the URL and answers the seed's response, so nothing reaches the network.
import { describe, expect, test } from 'vitest';
import { createImportsClient, type ImportsClientOptions, InputError } from '../../../src/index.js';
import { seedResponse } from '../../support/openapi-document.js';

const TOKEN = 'tok_client_options';

/** A fetch that records each URL it is given and answers with the seed's response. */
function recordingFetch() {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return new Response(JSON.stringify(seedResponse()), { status: 200, headers: { 'content-type': 'application/vnd.api+json' } });
  }) as typeof globalThis.fetch;
  return { urls, fetch };
}

const create = (options: Record<string, unknown>) => createImportsClient({ accessToken: TOKEN, ...options } as ImportsClientOptions);

async function urlUsedBy(options: Record<string, unknown>): Promise<string> {
  const recorder = recordingFetch();
  await create({ ...options, fetch: recorder.fetch }).update('xYZkjABcde', { reference: 'r' });
  expect(recorder.urls).toHaveLength(1);
  return recorder.urls[0]!;
}

describe('where requests go', () => {
  test('organization gives https://{slug}.commercelayer.io', async () => {
    expect(await urlUsedBy({ organization: 'yourdomain' })).toBe('https://yourdomain.commercelayer.io/api/imports/xYZkjABcde');
    expect(await urlUsedBy({ organization: 'Your-Domain2' })).toBe('https://your-domain2.commercelayer.io/api/imports/xYZkjABcde');
  });

  test.each([
    ['https://yourdomain.commercelayer.io', 'https://yourdomain.commercelayer.io'],
    ['https://yourdomain.commercelayer.io/', 'https://yourdomain.commercelayer.io'],
    ['https://example.com:8443', 'https://example.com:8443'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.5.6.7:4010', 'http://127.5.6.7:4010'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('baseUrl %s is used as the origin', async (baseUrl, origin) => {
    expect(await urlUsedBy({ baseUrl })).toBe(`${origin}/api/imports/xYZkjABcde`);
  });

  test.each([
    ['both', { organization: 'yourdomain', baseUrl: 'https://yourdomain.commercelayer.io' }],
    ['neither', {}],
  ])('%s of organization and baseUrl is refused', (_, options) => {
    expect(() => create(options)).toThrow(/exactly one of `organization` and `baseUrl`/);
  });
});

describe('refused at creation', () => {
  test.each(['', 'your.domain', 'your/domain', '-yourdomain', 'yourdomain-', 'your domain', 'a'.repeat(64), 42])(
    'organization %j',
    (organization) => {
      expect(() => create({ organization })).toThrow(InputError);
    },
  );

  test.each([
    ['not http(s)', 'ftp://127.0.0.1:4010'],
    ['a file URL', 'file:///tmp/openapi.json'],
    ['a websocket URL', 'ws://127.0.0.1:4010'],
    ['no scheme', '127.0.0.1:4010'],
    ['not a URL', 'yourdomain'],
    ['empty', ''],
    ['not a string', new URL('https://example.com')],
    ['a path', 'http://127.0.0.1:4010/api'],
    ['a path on https', 'https://yourdomain.commercelayer.io/api/imports'],
    ['a query', 'https://example.com?x=1'],
    ['a fragment', 'https://example.com#x'],
    ['credentials', 'https://user:pass@example.com'],
    ['plain http to a public host', 'http://yourdomain.commercelayer.io'],
    ['plain http to a private address', 'http://10.0.0.1:4010'],
    ['plain http to a host that only starts like loopback', 'http://127.0.0.1.example.com'],
  ])('baseUrl with %s', (_, baseUrl) => {
    expect(() => create({ baseUrl })).toThrow(InputError);
  });

  test.each(['Accept', 'accept', 'Content-Type', 'CONTENT-TYPE', 'Authorization', 'authorization', 'User-Agent', 'user-agent'])(
    'headers that would set %s',
    (name) => {
      expect(() => create({ baseUrl: 'http://127.0.0.1:4010', headers: { [name]: 'text/plain' } })).toThrow(InputError);
    },
  );

  test.each([
    ['not an object', 'X-Trace: 1'],
    ['an array', [['X-Trace', '1']]],
    ['an invalid name', { 'X Trace': '1' }],
    ['a value with a line break', { 'X-Trace': '1\r\nX-Evil: 2' }],
    ['a value that is not a string', { 'X-Trace': 1 }],
  ])('headers with %s', (_, headers) => {
    expect(() => create({ baseUrl: 'http://127.0.0.1:4010', headers })).toThrow(InputError);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a string', 42],
    ['an object', { token: 'x' }],
  ])('an accessToken that is %s', (_, accessToken) => {
    expect(() => createImportsClient({ baseUrl: 'http://127.0.0.1:4010', accessToken } as ImportsClientOptions)).toThrow(InputError);
  });

  test.each([
    ['timeoutMs', 0],
    ['timeoutMs', -1],
    ['timeoutMs', Number.NaN],
    ['timeoutMs', '1000'],
    ['fetch', 'https://example.com'],
    ['middleware', {}],
    ['retry', { retries: 1.5 }],
  ])('%s of %j', (option, value) => {
    expect(() => create({ baseUrl: 'http://127.0.0.1:4010', [option]: value })).toThrow(InputError);
  });

  test('options that are not an object', () => {
    expect(() => createImportsClient(undefined as never)).toThrow(InputError);
  });
});

describe('per-call options', () => {
  test.each([
    ['update', (c: ReturnType<typeof create>, options: unknown) => c.update('xYZkjABcde', { reference: 'r' }, options as never)],
    ['retrieve', (c: ReturnType<typeof create>, options: unknown) => c.retrieve('xYZkjABcde', options as never)],
    ['delete', (c: ReturnType<typeof create>, options: unknown) => c.delete('xYZkjABcde', options as never)],
    ['list', (c: ReturnType<typeof create>, options: unknown) => c.list({}, options as never)],
  ])('%s refuses options that are not an object, and sends nothing', async (_, call) => {
    const recorder = recordingFetch();
    const client = create({ baseUrl: 'http://127.0.0.1:4010', fetch: recorder.fetch });
    for (const options of [null, 'fields', 42]) {
      await expect(call(client, options)).rejects.toThrow(InputError);
    }
    await expect(call(client, { signal: 'stop' })).rejects.toThrow('signal must be an AbortSignal');
    expect(recorder.urls).toHaveLength(0);
  });
});
