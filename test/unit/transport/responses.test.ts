// Bodies the client cannot use give typed errors, never a crash, a hang or a whole oversized buffer.
import { describe, expect, test, vi } from 'vitest';
import { ApiError, createImportsClient, type ImportsClientOptions, ResponseError } from '../../../src/index.js';
import {
  emptyOk,
  gzipBomb,
  html,
  hugeBody,
  importDocument,
  JSON_API,
  malformedJson,
  respond,
  useFaultServer,
  wrongContentType,
} from '../../support/fault-server.js';
import { failureOf } from '../../support/call-outcome.js';

const MiB = 1024 * 1024;
const server = useFaultServer();

function client(options: Partial<ImportsClientOptions> = {}) {
  return createImportsClient({ baseUrl: server.url, accessToken: 'responses-test-token', timeoutMs: 5_000, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options } as ImportsClientOptions);
}

const update = (c = client()) => c.update('imp0rt', { reference: 'R' });
const importBody = (id = 'imp0rt') => importDocument({ url: `/api/imports/${id}`, body: '' });

describe('2xx bodies that are not a JSON:API document with data give ResponseError, without a retry', () => {
  test.each([
    ['malformed JSON', malformedJson()],
    ['an HTML page from a proxy', html(200)],
    ['an empty 200 with Content-Length: 0', emptyOk(true)],
    ['an empty 200, chunked', emptyOk(false)],
    ['a 204', respond(204)],
    ['JSON null', respond(200, 'null')],
    ['a document without data', respond(200, { meta: {} })],
    ['data that is an array', respond(200, { data: [] })],
    ['data that is null', respond(200, { data: null })],
    ['a JSON:API document as text/plain', wrongContentType('text/plain')],
    ['a JSON:API document as text/html', wrongContentType('text/html; charset=utf-8')],
  ])('%s', async (_name, behaviour) => {
    server.script(behaviour);
    const error = await failureOf(() => update());
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ attempts: 1, status: expect.any(Number) });
    expect(server.requests).toHaveLength(1);
  });

  test('malformed JSON keeps the SyntaxError as the cause', async () => {
    server.script(malformedJson());
    const error = (await failureOf(() => update())) as ResponseError;
    expect(error.status).toBe(200);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  test('the wrong content type is named in the message', async () => {
    server.script(wrongContentType('text/html'));
    expect(((await failureOf(() => update())) as Error).message).toContain('text/html');
  });

  test.each(['application/json', 'application/json; charset=utf-8', JSON_API, 'application/problem+json'])('%s is JSON, and accepted', async (type) => {
    server.script(respond(200, importBody(), { 'content-type': type }));
    expect((await update()).id).toBe('imp0rt');
  });

  test('a status no HTTP server should send (999) gives ResponseError', async () => {
    server.script(respond(999, importBody()));
    expect(await failureOf(() => update())).toMatchObject({ name: 'ResponseError', status: 999, attempts: 1 });
  });
});

describe('error bodies that are not JSON:API give ApiError with errors []', () => {
  test('an HTML 502 from a proxy, on every attempt', async () => {
    server.script(html(502), html(502), html(502));
    const error = await failureOf(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, attempts: 3, errors: [], code: undefined });
    expect(server.requests).toHaveLength(3);
  });

  test.each([
    ['plain text', respond(404, 'Not Found', { 'content-type': 'text/plain' })],
    ['truncated JSON', respond(422, '{"errors":[{"code":"INVA')],
    ['an empty body', respond(401)],
    ['errors that is not an array', respond(400, { errors: 'bad' })],
  ])('%s', async (_name, behaviour) => {
    server.script(behaviour);
    const error = await failureOf(() => update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ errors: [], code: undefined, attempts: 1 });
  });

  test('a JSON:API error document gives its errors and the first code', async () => {
    const errors = [
      { title: 'is invalid', detail: 'reference is too long', code: 'VALIDATION_ERROR', status: '422', source: { pointer: '/data/attributes/reference' } },
      { title: 'other', code: 'OTHER', status: '422' },
    ];
    server.script(respond(422, { errors }));
    const error = (await failureOf(() => update())) as ApiError;
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_ERROR', errors, attempts: 1 });
    expect(error.message).toContain('is invalid');
    expect(error.headers.get('content-type')).toBe(JSON_API);
  });
});

describe('bodies over maxResponseBytes are refused before being buffered whole', () => {
  test.each([
    ['with Content-Length', true],
    ['without Content-Length', false],
  ])('a 20 MiB body %s, under the default 10 MiB limit', async (_name, withLength) => {
    server.script(hugeBody(20 * MiB, withLength));
    const error = await failureOf(() => update());
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toContain(String(10 * MiB));
    // The client hung up before the server could write it all.
    await vi.waitFor(() => expect(server.requests[0]?.finished).toBe(false));
  });

  test('a small gzip body that decodes past the limit', async () => {
    server.script(gzipBomb(2 * MiB), gzipBomb(2 * MiB));
    const error = await failureOf(() => update(client({ maxResponseBytes: MiB })));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toContain('maxResponseBytes');
    // The same body is fine under a limit it fits in: the refusal was the size, not the content.
    expect((await update(client({ maxResponseBytes: 3 * MiB }))).id).toBe('imp0rt');
  });

  test('the limit is inclusive: a body of exactly maxResponseBytes is read, one byte more is not', async () => {
    const text = JSON.stringify(importBody());
    const size = Buffer.byteLength(text);
    server.script(respond(200, text), hugeBody(size + 1, false));
    expect((await update(client({ maxResponseBytes: size }))).id).toBe('imp0rt');
    expect(await failureOf(() => update(client({ maxResponseBytes: size })))).toBeInstanceOf(ResponseError);
  });

  test.each([
    ['with Content-Length', true],
    ['without Content-Length', false],
  ])('error bodies are bounded too (%s)', async (_name, withLength) => {
    server.script(hugeBody(2 * MiB, withLength, 422));
    const error = await failureOf(() => update(client({ maxResponseBytes: MiB })));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 422, attempts: 1 });
  });
});

describe('__proto__ and constructor keys in a body never change a prototype', () => {
  const hostile = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';

  test('in a 200 body, at every level', async () => {
    const body =
      `{"__proto__":{"polluted":"yes"},"data":{"__proto__":{"polluted":"yes"},"id":"imp0rt","type":"imports",` +
      `"attributes":{"constructor":{"prototype":{"polluted":"yes"}},"metadata":${hostile}}}}}`;
    server.script(respond(200, body));
    const imported = await update();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(imported)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(imported.attributes)).toBe(Object.prototype);
    const metadata = imported.attributes.metadata as Record<string, unknown>;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    // The keys stay plain data, as JSON.parse makes them.
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.hasOwn(imported, '__proto__')).toBe(true);
  });

  test('in an error body', async () => {
    server.script(respond(422, `{"__proto__":{"polluted":"yes"},"errors":[${hostile},"code":"X"}]}`));
    const error = (await failureOf(() => update())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Array.isArray(error.errors)).toBe(true);
    expect(error.code).toBe('X');
    expect(Object.getPrototypeOf(error.errors[0])).toBe(Object.prototype);
  });
});
