// What goes on the wire, byte for byte, recorded by a plain node:http server: the part Prism cannot
// show (it ignores the +json suffix, does not echo headers and decodes paths before matching them).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createImportsClient, type ImportsClientOptions, InputError } from '../../../src/index.js';
import { seedRequest, seedResponse } from '../../support/openapi-document.js';
import { type RecordedRequest, type RecordingServer, startRecordingServer } from '../../support/recording-server.js';

const TOKEN = 'tok_request_shape_5f0c9e1a';
const JSON_API = 'application/vnd.api+json';
const PATH = '/api/imports/';
const { name, version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as Record<string, string>;

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer({ status: 200, body: seedResponse() });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const clientFor = (options: Partial<ImportsClientOptions> = {}) =>
  createImportsClient({ baseUrl: server.url, accessToken: TOKEN, retry: false, ...options } as ImportsClientOptions);

function onlyRequest(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

/** Every value a header arrived with, so a duplicate would show. */
function headerValues(request: RecordedRequest, header: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === header) values.push(request.rawHeaders[i + 1]!);
  }
  return values;
}

describe('headers and body', () => {
  // Middleware makes the client build real Requests instead of its light stand-in: both must send the same.
  test.each([
    ['without middleware', []],
    ['with middleware', [{ onRequest: () => undefined }]],
  ])("the seed's update %s: PATCH to the import's path with the exact headers and body bytes", async (_, middleware) => {
    const { data } = seedRequest();
    const updated = await clientFor({ headers: { 'X-Request-Id': 'trace-1' }, middleware }).update(data.id, data.attributes);
    expect(updated).toStrictEqual(seedResponse().data);

    const request = onlyRequest();
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe('/api/imports/xYZkjABcde');
    expect(headerValues(request, 'accept')).toStrictEqual([JSON_API]);
    expect(headerValues(request, 'content-type')).toStrictEqual([JSON_API]);
    expect(headerValues(request, 'authorization')).toStrictEqual([`Bearer ${TOKEN}`]);
    expect(headerValues(request, 'user-agent')).toStrictEqual([`${name}/${version}`]);
    expect(headerValues(request, 'x-request-id')).toStrictEqual(['trace-1']);

    const expected = Buffer.from('{"data":{"type":"imports","id":"xYZkjABcde","attributes":{"reference":"ANY-EXTERNAL-REFEFERNCE"}}}');
    expect(request.body.toString('utf8')).toBe(expected.toString('utf8'));
    expect(Buffer.compare(request.body, expected)).toBe(0);
    expect(headerValues(request, 'content-length')).toStrictEqual([String(expected.byteLength)]);
  });

  test('interrupt() sends _interrupt: true and nothing else', async () => {
    await clientFor().interrupt('xYZkjABcde');
    expect(onlyRequest().body.toString('utf8')).toBe('{"data":{"type":"imports","id":"xYZkjABcde","attributes":{"_interrupt":true}}}');
  });

  test('metadata and nulls go out as given, in order', async () => {
    await clientFor().update('xYZkjABcde', { reference_origin: null, metadata: { foo: 'bar', nested: { list: [1, 'é', null] } } });
    expect(onlyRequest().body.toString('utf8')).toBe(
      '{"data":{"type":"imports","id":"xYZkjABcde","attributes":{"reference_origin":null,"metadata":{"foo":"bar","nested":{"list":[1,"é",null]}}}}}',
    );
  });

  test('fields go out as one fields[imports] parameter holding a comma-separated list', async () => {
    await clientFor().update('xYZkjABcde', { reference: 'r' }, { fields: ['status', 'reference'] });
    const url = new URL(onlyRequest().url, server.url);
    expect(url.pathname).toBe('/api/imports/xYZkjABcde');
    expect([...url.searchParams]).toStrictEqual([['fields[imports]', 'status,reference']]);
  });

  test('without fields there is no query string', async () => {
    await clientFor().update('xYZkjABcde', { reference: 'r' });
    expect(onlyRequest().url).toBe('/api/imports/xYZkjABcde');
  });
});

describe('import ids', () => {
  const badIds: [string, unknown][] = [
    ['empty', ''],
    ['a dot', '.'],
    ['two dots', '..'],
    ['a number', 123],
    ['null', null],
    ['undefined', undefined],
    ['an object', { id: 'xYZkjABcde' }],
    ['a lone high surrogate', 'abc\uD800'],
    ['a lone low surrogate', '\uDC00abc'],
  ];

  test.each(badIds)('%s is refused with InputError and never reaches the server', async (_, id) => {
    const client = clientFor();
    await expect(client.update(id as string, { reference: 'r' })).rejects.toThrow(InputError);
    await expect(client.interrupt(id as string)).rejects.toThrow(InputError);
    expect(server.requests).toHaveLength(0);
  });

  async function sentSegment(id: string): Promise<{ segment: string; bodyId: unknown }> {
    server.requests.length = 0;
    await clientFor().update(id, { reference: 'r' });
    const request = onlyRequest();
    expect(request.url.startsWith(PATH)).toBe(true);
    const bodyId = (JSON.parse(request.body.toString('utf8')) as { data: { id: unknown } }).data.id;
    return { segment: request.url.slice(PATH.length), bodyId };
  }

  test.each(['a/b', 'a?b=c', 'a#b', '100%', '%2e%2e', 'a b', '../x', './', '...', 'ü-日本-😀', 'a+b&c=d;e'])(
    '%j reaches the server as one encoded path segment that decodes back to it',
    async (id) => {
      const { segment, bodyId } = await sentSegment(id);
      expect(segment).not.toMatch(/[/?#\s]/);
      expect(decodeURIComponent(segment)).toBe(id);
      expect(bodyId).toBe(id);
    },
  );

  test('any well-formed id other than . and .. does the same', async () => {
    const tricky = fc.constantFrom('/', '?', '#', '%', '.', ' ', '&', '=', '\\', '+', ';', '\u00e9', '\u{1f600}');
    const id = fc
      .string({ unit: fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 })
      .filter((s) => s !== '.' && s !== '..');
    await fc.assert(
      fc.asyncProperty(id, async (importId) => {
        const { segment, bodyId } = await sentSegment(importId);
        return !/[/?#]/.test(segment) && decodeURIComponent(segment) === importId && bodyId === importId;
      }),
      { numRuns: 150 },
    );
  });
});

test('metadata: null is sent as null (Commerce Layer\'s importUpdate: object, nullable), which clears it', async () => {
  await clientFor().update('xYZkjABcde', { metadata: null });
  expect(onlyRequest().body.toString()).toBe('{"data":{"type":"imports","id":"xYZkjABcde","attributes":{"metadata":null}}}');
});

describe('input refused before sending', () => {
  class Settings {
    foo = 'bar';
  }
  const circular: Record<string, unknown> = {};
  circular.self = circular;

  test.each([
    ['an array', []],
    ['a string', 'foo=bar'],
    ['a Date', new Date(0)],
    ['a Map', new Map([['foo', 'bar']])],
    ['a class instance', new Settings()],
    ['an object holding a function', { foo: () => 'bar' }],
    ['an object holding NaN', { foo: Number.NaN }],
    ['an object that refers to itself', circular],
  ])('metadata that is %s', async (_, metadata) => {
    await expect(clientFor().update('xYZkjABcde', { metadata } as never)).rejects.toThrow(InputError);
    expect(server.requests).toHaveLength(0);
  });

  test.each([
    ['empty attributes', {}],
    // JSON.stringify drops undefined: this would go out as the empty attributes the document forbids.
    ['attributes whose only value is undefined', { reference: undefined, metadata: undefined }],
    ['attributes that are null', null],
    ['attributes that are an array', []],
  ])('%s', async (_, attributes) => {
    await expect(clientFor().update('xYZkjABcde', attributes as never)).rejects.toThrow(InputError);
    expect(server.requests).toHaveLength(0);
  });

  test.each([[[]], [['status,reference']], [['status', 'not a name']], ['status']])('fields %j', async (fields) => {
    await expect(clientFor().update('xYZkjABcde', { reference: 'r' }, { fields } as never)).rejects.toThrow(InputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('accessToken as a function', () => {
  test.each([
    ['sync', (n: number) => `token-${n}`],
    ['async', async (n: number) => `token-${n}`],
  ])('a %s function is called once per request and its current token is sent', async (_, make) => {
    let calls = 0;
    const client = clientFor({ accessToken: () => make(++calls) });
    expect(calls).toBe(0);

    await client.update('xYZkjABcde', { reference: 'r' });
    await client.interrupt('xYZkjABcde');

    expect(calls).toBe(2);
    expect(server.requests.map((request) => headerValues(request, 'authorization'))).toStrictEqual([['Bearer token-1'], ['Bearer token-2']]);
  });
});
