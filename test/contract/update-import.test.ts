// The client against the Prism mock of the document (`mock --errors`): Prism rejects requests that
// break the document with 422, and turns responses that break it into 500s, so every 200 here also
// proves the response matches the document.
import { describe, expect, inject, test } from 'vitest';
import { ApiError, createImportsClient, type ImportsClientOptions, InputError } from '../../src/index.js';
import {
  errorExample,
  interruptedResponse,
  interruptRequest,
  metadataRequest,
  seedRequest,
  seedResponse,
} from '../support/openapi-document.js';
import { schemaValidator } from '../support/schema-validator.js';

const TOKEN = 'contract-test-token';
const clientFor = (options: Partial<ImportsClientOptions> = {}) =>
  createImportsClient({ baseUrl: inject('prismUrl'), accessToken: TOKEN, ...options } as ImportsClientOptions);

/** A fetch that counts what it sends, so a test can show that refused input never left the client. */
function countingFetch() {
  const counter = {
    calls: 0,
    fetch: ((input, init) => {
      counter.calls++;
      return fetch(input, init);
    }) as typeof fetch,
  };
  return counter;
}

describe('the documented 200 examples', () => {
  test("the seed's request resolves to the seed's import, value for value", async () => {
    const { data } = seedRequest();
    const updated = await clientFor().update(data.id, data.attributes);

    expect(updated).toStrictEqual(seedResponse().data);
    // The typed result: these compile against the generated types and carry the seed's values.
    const { attributes } = updated;
    expect([attributes.status, attributes.reference, attributes.errors_count, attributes.cleanup_records]).toStrictEqual([
      'completed',
      data.attributes.reference,
      seedResponse().data.attributes.errors_count,
      true,
    ]);
  });

  test('the metadata-only example is accepted as it stands', async () => {
    const { data } = metadataRequest();
    expect(Object.keys(data.attributes)).toStrictEqual(['metadata']);
    // Prism answers with the first 200 example whatever the request; the point is that it is not a 422.
    await expect(clientFor().update(data.id, data.attributes)).resolves.toStrictEqual(seedResponse().data);
  });

  test('metadata: null, which clears it (Commerce Layer\'s importUpdate: nullable), is sent as null and the document takes it', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push(String(init?.body));
      return fetch(input, init);
    };
    const { data } = metadataRequest();
    // Prism answers 422 to a body the document refuses; the first 200 example otherwise.
    await expect(clientFor({ fetch: recording }).update(data.id, { metadata: null })).resolves.toStrictEqual(seedResponse().data);
    expect(JSON.parse(sent[0]!).data.attributes).toStrictEqual({ metadata: null });
  });

  test('interrupt() sends the interrupt example and resolves to the interrupted import', async () => {
    const { data } = interruptRequest();
    expect(data.attributes).toStrictEqual({ _interrupt: true });
    const client = clientFor({ headers: { Prefer: 'example=interrupted' } });

    const interrupted = await client.interrupt(data.id);

    expect(interrupted).toStrictEqual(interruptedResponse().data);
    expect(interrupted.attributes.status).toBe('interrupted');
  });

  test('the 200 body, read whole through raw, validates against ImportResponse', async () => {
    const request = seedRequest();
    const { data, response } = await clientFor().raw.PATCH('/api/imports/{importId}', {
      params: { path: { importId: request.data.id } },
      body: request,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/vnd\.api\+json/);

    const validate = schemaValidator('ImportResponse');
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    // The validator can say no: the seed page's string counts would not pass.
    const withStringCount = structuredClone(data!);
    Object.assign(withStringCount.data.attributes, { errors_count: '3' });
    expect(validate(withStringCount)).toBe(false);
  });
});

describe('401 without a token', () => {
  test('the client itself refuses an empty token, before sending', async () => {
    const counter = countingFetch();
    expect(() => clientFor({ accessToken: '' })).toThrow(InputError);
    const { data } = seedRequest();
    await expect(clientFor({ accessToken: () => '', fetch: counter.fetch }).update(data.id, data.attributes)).rejects.toThrow(
      InputError,
    );
    expect(counter.calls).toBe(0);
  });

  test('a request whose Authorization was lost on the way is a 401 ApiError with INVALID_TOKEN', async () => {
    // Stands for a proxy that strips the header: the client cannot be made to send no token.
    const withoutAuthorization: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('authorization');
      return fetch(input, { ...init, headers });
    };
    const { data } = seedRequest();
    const error = await clientFor({ fetch: withoutAuthorization })
      .update(data.id, data.attributes)
      .catch((e: unknown) => e);

    const expected = errorExample(401);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_TOKEN', errors: expected.errors, attempts: 1 });
    expect((error as ApiError).message).toBe(`Commerce Layer answered 401: ${expected.errors[0]!.title}`);
  });
});

describe('422 for attributes the document does not allow', () => {
  const { data } = seedRequest();
  const cases = [
    { what: 'reference of the wrong type', attributes: { reference: 42 }, violation: 'data.attributes.reference' },
    { what: '_interrupt of the wrong type', attributes: { _interrupt: 'yes' }, violation: 'data.attributes._interrupt' },
    { what: 'an unknown attribute', attributes: { status: 'completed' }, violation: "found 'status'" },
  ];
  // The client refuses an update with nothing to change; the document does not, since no source says
  // the API refuses one (issue 9: no constraint without a source).
  const clientOnly = [{ what: 'no attribute', attributes: {} }];

  test.each(cases)('raw sends $what and Prism answers 422 VALIDATION_ERROR', async ({ attributes, violation }) => {
    const { error, response } = await clientFor().raw.PATCH('/api/imports/{importId}', {
      params: { path: { importId: data.id } },
      // @ts-expect-error the point is to send what the types forbid
      body: { data: { type: 'imports', id: data.id, attributes } },
    });
    expect(response.status).toBe(422);
    expect(error?.errors[0]?.code).toBe('VALIDATION_ERROR');
    // Prism's example body is fixed; its violations header says the 422 is for this very attribute.
    expect(response.headers.get('sl-violations')).toContain(violation);
  });

  test('raw sends no attribute and Prism accepts it, as the document does', async () => {
    const { response } = await clientFor().raw.PATCH('/api/imports/{importId}', {
      params: { path: { importId: data.id } },
      body: { data: { type: 'imports', id: data.id, attributes: {} } },
    });
    expect(response.status).toBe(200);
  });

  test.each([...cases, ...clientOnly])('update() refuses $what with InputError and sends nothing', async ({ attributes }) => {
    const counter = countingFetch();
    await expect(clientFor({ fetch: counter.fetch }).update(data.id, attributes as never)).rejects.toThrow(InputError);
    expect(counter.calls).toBe(0);
  });
});

describe('every other documented error status, via Prefer: code=', () => {
  const validateErrorDocument = schemaValidator('ErrorDocument');

  test.each([400, 404, 406, 415, 422, 429, 500])('%i becomes an ApiError carrying the documented errors', async (status) => {
    const { data } = seedRequest();
    // No retries: a 429 or 500 would otherwise be tried again after a wait.
    const client = clientFor({ headers: { Prefer: `code=${status}` }, retry: false });

    const error = await client.update(data.id, data.attributes).catch((e: unknown) => e);

    const expected = errorExample(status);
    const first = expected.errors[0]!;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, code: first.code, errors: expected.errors, attempts: 1 });
    expect((error as ApiError).message).toBe(`Commerce Layer answered ${status}: ${first.title}`);
    expect(validateErrorDocument({ errors: (error as ApiError).errors })).toBe(true);
    if (status === 429) {
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-interval', 'x-ratelimit-remaining']) {
        expect((error as ApiError).headers.get(name), name).toMatch(/^\d+$/);
      }
    }
  });
});
