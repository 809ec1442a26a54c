// Middleware added later through `client.raw.use`, on a client made without any: openapi-fetch then
// hands it the client's light stand-in for a Request, and checks what it returns with `instanceof`.
// What it may return is what openapi-fetch documents: the request it was given (changed or not), a new
// Request, or a Response that answers in place of the server; anything else is refused.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import { createImportsClient } from '../../../src/index.js';
import { seedResponse } from '../../support/openapi-document.js';
import { type RecordingServer, startRecordingServer } from '../../support/recording-server.js';

const TOKEN = 'tok_raw_middleware_0b7d2c';
const JSON_API = 'application/vnd.api+json';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer({ status: 200, body: seedResponse() });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** A client made without middleware, with `middleware` added afterwards. */
function clientUsing(middleware: Middleware) {
  const client = createImportsClient({ baseUrl: server.url, accessToken: TOKEN, retry: false });
  client.raw.use(middleware);
  return client;
}

describe('middleware added with raw.use', () => {
  test('may return the request it was handed, changed: the server gets the change, the caller the import', async () => {
    const client = clientUsing({
      onRequest({ request }) {
        request.headers.set('x-trace-id', 'trace-7');
        return request;
      },
    });
    expect(await client.retrieve('xYZkjABcde')).toStrictEqual(seedResponse().data);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['x-trace-id']).toBe('trace-7');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('may return a new Request: its headers and body are what the server gets, with the client\'s token', async () => {
    const body = { data: { type: 'imports', attributes: { resource_type: 'skus', inputs: [{ code: 'TSHIRTMM000000FFFFFFXL', name: 'T-shirt', shipping_category_id: 'nBAvrhRZBl' }] } } };
    const client = clientUsing({
      onRequest({ request }) {
        const headers = new Headers(request.headers);
        headers.set('x-trace-id', 'trace-8');
        return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body) });
      },
    });
    const created = await client.create({ resource_type: 'skus', inputs: [{ code: 'REPLACED', name: 'n', shipping_category_id: 'nBAvrhRZBl' }] });
    expect(created).toStrictEqual(seedResponse().data);
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent!.method).toBe('POST');
    expect(sent!.headers['x-trace-id']).toBe('trace-8');
    expect(sent!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent!.headers['content-type']).toBe(JSON_API);
    expect(JSON.parse(sent!.body.toString('utf8'))).toStrictEqual(body);
  });

  test('may answer with a Response of its own, which the caller gets and the server never sees', async () => {
    const own = { data: { ...seedResponse().data, id: 'fromMiddleware' } };
    const client = clientUsing({
      onRequest: () => new Response(JSON.stringify(own), { status: 200, headers: { 'content-type': JSON_API } }),
    });
    expect(await client.retrieve('xYZkjABcde')).toStrictEqual(own.data);
    expect(server.requests).toHaveLength(0);
  });

  test('returning anything else is refused with openapi-fetch\'s message, and nothing is sent', async () => {
    for (const returned of [{ url: `${server.url}/api/imports/xYZkjABcde`, method: 'GET', headers: new Headers(), body: null }, Object.create(null), 1]) {
      const client = clientUsing({ onRequest: () => returned as Request });
      await expect(client.retrieve('xYZkjABcde')).rejects.toThrow('onRequest: must return new Request() or Response() when modifying the request');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('Content-Type', () => {
  test('a body goes with JSON:API\'s, and a request without one carries none, whatever middleware set', async () => {
    const client = clientUsing({
      onRequest({ request }) {
        request.headers.set('content-type', 'text/plain');
        return request;
      },
    });
    await client.retrieve('xYZkjABcde');
    await client.update('xYZkjABcde', { reference: 'R' });
    expect(server.requests.map((request) => [request.method, request.headers['content-type']])).toStrictEqual([
      ['GET', undefined],
      ['PATCH', JSON_API],
    ]);
  });
});
