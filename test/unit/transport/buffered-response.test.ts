// The transport's already-read Response must behave as a real Response would, for openapi-fetch and for `raw` callers.
import createClient from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import { bufferedResponse } from '../../../src/transport/buffered-response.js';

const JSON_API = 'application/vnd.api+json';
const DOCUMENT = { data: { id: 'xYZkjABcde', type: 'imports', attributes: { reference: 'é ✓' } } };
const TEXT = JSON.stringify(DOCUMENT);

/** What the transport does: read the original whole, then hand on a buffered equivalent. */
async function buffered(body: string | null = TEXT, init: ResponseInit = { status: 200, headers: { 'content-type': JSON_API, 'x-ratelimit-limit': '50' } }) {
  const original = new Response(body, init);
  const text = await original.text();
  return { original, response: bufferedResponse(text, original) };
}

describe('a buffered response', () => {
  test('is a Response with the original status, headers, url and type', async () => {
    const { original, response } = await buffered(TEXT, { status: 422, statusText: 'Unprocessable Entity', headers: { 'content-type': JSON_API } });
    expect(response).toBeInstanceOf(Response);
    expect(response).toMatchObject({ status: 422, statusText: 'Unprocessable Entity', ok: false, url: original.url, type: original.type, redirected: false });
    expect(response.headers).toBe(original.headers);
    expect(response.headers.get('content-type')).toBe(JSON_API);
  });

  test('answers text() and json() once, as a real body is read once', async () => {
    const first = (await buffered()).response;
    expect(first.bodyUsed).toBe(false);
    expect(await first.json()).toEqual(DOCUMENT);
    expect(first.bodyUsed).toBe(true);
    await expect(first.text()).rejects.toThrow(TypeError);
    await expect(first.json()).rejects.toThrow(TypeError);
    await expect(first.arrayBuffer()).rejects.toThrow(TypeError);
    expect(() => first.clone()).toThrow(TypeError);

    const second = (await buffered()).response;
    expect(await second.text()).toBe(TEXT);
    await expect(second.json()).rejects.toThrow(TypeError);
  });

  test('rejects malformed JSON with a SyntaxError, as Response.json does', async () => {
    const { response } = await buffered('{"data":');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  test('gives the same bytes as a stream, an ArrayBuffer or a Blob', async () => {
    const streamed = (await buffered()).response;
    expect(await new Response(streamed.body).text()).toBe(TEXT);
    expect(streamed.bodyUsed).toBe(true);
    await expect(streamed.text()).rejects.toThrow(TypeError);

    const bytes = await (await buffered()).response.arrayBuffer();
    expect(new TextDecoder().decode(bytes)).toBe(TEXT);

    const blob = await (await buffered()).response.blob();
    expect(blob.type).toBe(JSON_API);
    expect(await blob.text()).toBe(TEXT);
  });

  test('after text(), its body is a stream already read', async () => {
    const { response } = await buffered();
    await response.text();
    expect(response.body).not.toBeNull();
    expect(response.body!.locked).toBe(true);
  });

  test('has a null body when the answer had none', async () => {
    for (const [body, status] of [[null, 204], ['', 200], [null, 205]] as const) {
      const { response } = await buffered(body, { status });
      expect(response.body).toBeNull();
      expect(await response.text()).toBe('');
    }
    await expect((await buffered('', { status: 200 })).response.json()).rejects.toThrow(SyntaxError);
  });

  test('clones into an independent response', async () => {
    const { response } = await buffered();
    const copy = response.clone();
    expect(copy).toBeInstanceOf(Response);
    expect(await copy.json()).toEqual(DOCUMENT);
    expect(await response.text()).toBe(TEXT);
  });
});

describe('a buffered response, where a real one would do the same', () => {
  /** What a real Response with the same body throws or rejects with, for each way of reading it a second time. */
  async function secondReads(response: Response): Promise<string[]> {
    await response.text();
    const messages: string[] = [];
    for (const read of [() => response.text(), () => response.json(), () => response.arrayBuffer(), () => response.blob(), () => response.formData()]) {
      messages.push(await read().then(() => 'resolved', (error: Error) => `${error.constructor.name}: ${error.message}`));
    }
    try {
      response.clone();
      messages.push('cloned');
    } catch (error) {
      messages.push(`${(error as Error).constructor.name}: ${(error as Error).message}`);
    }
    return messages;
  }

  test('reading a body a second time fails with the same errors, messages included', async () => {
    const { response } = await buffered();
    expect(await secondReads(response)).toStrictEqual(await secondReads(new Response(TEXT, { headers: { 'content-type': JSON_API } })));
  });

  test('before anything is read, its body is a stream nobody has touched', async () => {
    const { response } = await buffered();
    const body = response.body!;
    expect([body.locked, response.bodyUsed]).toStrictEqual([false, false]);
    expect(await new Response(body).text()).toBe(TEXT);
  });

  test('its body is one stream, however often it is asked for', async () => {
    const { response } = await buffered();
    expect(response.body).toBe(response.body);
  });

  test('however its body was reached first, a second read fails as a real one\'s does', async () => {
    const outcome = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => `${error.constructor.name}: ${error.message}`);
    /** Looks at the body's stream, reads the text, then asks for the bytes; or reads the stream whole, then asks. */
    const sequences = {
      lookThenText: async (response: Response) => {
        void response.body;
        await response.text();
        return [await outcome(response.blob()), await outcome(response.arrayBuffer())];
      },
      streamThenBytes: async (response: Response) => {
        await new Response(response.body).text();
        return [response.bodyUsed, await outcome(response.arrayBuffer()), await outcome(response.text())];
      },
    };
    for (const [name, sequence] of Object.entries(sequences)) {
      const real = await sequence(new Response(TEXT, { headers: { 'content-type': JSON_API } }));
      expect(await sequence((await buffered()).response), name).toStrictEqual(real);
    }
  });

  test('gives form data and bytes as a real response does', async () => {
    const { response } = await buffered('a=1&b=%C3%A9', { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const form = await response.formData();
    expect([...form.entries()]).toStrictEqual([['a', '1'], ['b', 'é']]);
    expect(response.bodyUsed).toBe(true);

    // bytes() came to the Fetch standard late: a buffered response has it exactly where the runtime's Response does.
    const bytesOf = (value: Response) => (value as unknown as { bytes?: () => Promise<Uint8Array> }).bytes;
    const fresh = (await buffered()).response;
    expect(typeof bytesOf(fresh)).toBe(typeof bytesOf(new Response('')));
    if (!bytesOf(fresh)) console.log('this runtime\'s Response has no bytes(): only its absence is checked');
    else {
      expect(new TextDecoder().decode(await bytesOf(fresh)!.call(fresh))).toBe(TEXT);
    }
  });
});

describe('openapi-fetch reading a buffered response', () => {
  const client = createClient<Record<string, never>>({
    baseUrl: 'http://127.0.0.1:1',
    fetch: async () => (await buffered()).response,
  });
  const get = (parseAs: 'json' | 'text' | 'stream' | 'arrayBuffer' | 'blob') =>
    (client as unknown as { GET(path: string, init: object): Promise<{ data?: unknown; response: Response }> }).GET('/x', { parseAs });

  test.each([
    ['json', (data: unknown) => expect(data).toEqual(DOCUMENT)],
    ['text', (data: unknown) => expect(data).toBe(TEXT)],
    ['arrayBuffer', (data: unknown) => expect(new TextDecoder().decode(data as ArrayBuffer)).toBe(TEXT)],
    ['blob', async (data: unknown) => expect(await (data as Blob).text()).toBe(TEXT)],
    ['stream', async (data: unknown) => expect(await new Response(data as ReadableStream).text()).toBe(TEXT)],
  ] as const)('parseAs %s', async (parseAs, check) => {
    const { data, response } = await get(parseAs);
    expect(response.status).toBe(200);
    await check(data);
  });
});
