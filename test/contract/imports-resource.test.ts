// list, retrieve, create and delete against the Prism mock of the document (`mock --errors`):
// Prism refuses requests that break the document and answers with the documented examples, so
// each success here shows the client's request matches the document and the result is the example.
import { describe, expect, inject, test } from 'vitest';
import { ApiError, createImportsClient, type ImportCreateAttributes, type ImportsClient, type ImportsClientOptions } from '../../src/index.js';
import { openApiDocument } from '../support/openapi-document.js';
import { schemaValidator } from '../support/schema-validator.js';

const JSON_API = 'application/vnd.api+json';
const ID = 'xYZkjABcde';
const clientFor = (options: Partial<ImportsClientOptions> = {}) =>
  createImportsClient({ baseUrl: inject('prismUrl'), accessToken: 'contract-test-token', ...options } as ImportsClientOptions);

const example = <T>(name: string) => structuredClone(openApiDocument.components.examples[name]!.value) as T;
const dataOf = (name: string) => example<{ data: unknown }>(name).data;
const createRequest = (name: string) => example<{ data: { attributes: ImportCreateAttributes } }>(name).data.attributes;

/** Each new operation, called through the client as a user would. */
const operations: Record<string, { path: string; method: string; call: (client: ImportsClient) => Promise<unknown> }> = {
  listImports: { path: '/api/imports', method: 'get', call: (c) => c.list() },
  createImport: { path: '/api/imports', method: 'post', call: (c) => c.create(createRequest('CreateSkusRequest')) },
  retrieveImport: { path: '/api/imports/{importId}', method: 'get', call: (c) => c.retrieve(ID) },
  deleteImport: { path: '/api/imports/{importId}', method: 'delete', call: (c) => c.delete(ID) },
};

/** Every status the document gives an operation, and the example of its error response. */
function documented(operationId: string): { status: number; example?: { errors: ApiError['errors'] } }[] {
  const { path, method } = operations[operationId]!;
  const responses = openApiDocument.paths[path]![method]!.responses;
  return Object.entries(responses).map(([status, response]) => {
    const ref = response.$ref?.split('/').pop();
    const content = ref ? openApiDocument.components.responses[ref]!.content[JSON_API] : undefined;
    return { status: Number(status), example: content?.example as { errors: ApiError['errors'] } | undefined };
  });
}

describe('the documented success of each operation', () => {
  test('list resolves to the documented page: data, meta and links', async () => {
    const page = await clientFor().list({
      page: { number: 2, size: 1 },
      sort: ['-created_at'],
      filter: { status_eq: 'completed', status_in: ['completed', 'interrupted'], id_in: [ID], created_at_gt: '2018-01-01T00:00:00Z' },
      fields: ['status', 'inputs_size'],
    });
    expect(page).toStrictEqual(example('ImportListPage'));
    expect(page.meta.page_count).toBe(3);
  });

  test('listAll walks the documented pages', async () => {
    const ids: string[] = [];
    for await (const imp of clientFor().listAll()) ids.push(imp.id);
    // Prism answers every page with the same example: one import per page, three pages.
    expect(ids).toStrictEqual([ID, ID, ID]);
  });

  test.each(['CreateSkusRequest', 'CreatePricesCsvRequest'])('create sends the %s example and resolves to the pending import', async (name) => {
    const created = await clientFor().create(createRequest(name));
    expect(created).toStrictEqual(dataOf('CreatedImportResponse'));
    expect(created.attributes.status).toBe('pending');
  });

  test('retrieve resolves to the documented import, in progress or, by name, completed', async () => {
    await expect(clientFor().retrieve(ID, { fields: ['status'] })).resolves.toStrictEqual(dataOf('InProgressImportResponse'));
    const completed = await clientFor({ headers: { Prefer: 'example=completed' } }).retrieve(ID);
    expect(completed).toStrictEqual(dataOf('UpdatedImportResponse'));
  });

  test('delete resolves to undefined on 204', async () => {
    await expect(clientFor().delete(ID)).resolves.toBeUndefined();
  });

  type RawCall = (raw: ImportsClient['raw']) => Promise<{ data?: unknown; response: Response }>;
  test.each<[string, string, number, RawCall]>([
    ['list', 'ImportListResponse', 200, (raw) => raw.GET('/api/imports')],
    ['create', 'ImportResponse', 201, (raw) => raw.POST('/api/imports', { body: { data: { type: 'imports', attributes: createRequest('CreateSkusRequest') } } })],
    ['retrieve', 'ImportResponse', 200, (raw) => raw.GET('/api/imports/{importId}', { params: { path: { importId: ID } } })],
  ])('the %s body, read whole through raw, validates against %s', async (_, schema, status, call) => {
    const { data, response } = await call(clientFor().raw);
    expect(response.status).toBe(status);
    const validate = schemaValidator(schema);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('requests that break the document are refused by Prism', () => {
  test('create with a resource_type outside the enum: 422, for that attribute', async () => {
    const { response, error } = await clientFor().raw.POST('/api/imports', {
      // @ts-expect-error the point is to send what the types forbid
      body: { data: { type: 'imports', attributes: { resource_type: 'widgets', inputs: [{ code: 'A' }] } } },
    });
    expect(response.status).toBe(422);
    expect(error?.errors[0]?.code).toBe('VALIDATION_ERROR');
    expect(response.headers.get('sl-violations')).toContain('resource_type');
  });

  test('list with a sort key the document does not have: 400, for sort', async () => {
    const { response } = await clientFor({ retry: false }).raw.GET('/api/imports', {
      // @ts-expect-error the point is to send what the types forbid
      params: { query: { sort: ['colour'] } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).toContain('sort');
  });
});

describe('every documented error status, via Prefer: code=', () => {
  const validateErrorDocument = schemaValidator('ErrorDocument');
  const cases = Object.keys(operations).flatMap((operationId) =>
    documented(operationId)
      .filter(({ status }) => status >= 400)
      .map(({ status, example }) => ({ operationId, status, example: example! })),
  );

  test('each operation documents the errors that can happen to it', () => {
    const statuses = (id: string) => cases.filter((c) => c.operationId === id).map((c) => c.status);
    expect(statuses('listImports')).toStrictEqual([400, 401, 406, 429, 500]);
    expect(statuses('createImport')).toStrictEqual([400, 401, 406, 415, 422, 429, 500]);
    expect(statuses('retrieveImport')).toStrictEqual([400, 401, 404, 406, 429, 500]);
    expect(statuses('deleteImport')).toStrictEqual([401, 404, 406, 429, 500]);
  });

  test.each(cases)('$operationId $status becomes an ApiError carrying the documented errors', async ({ operationId, status, example }) => {
    // No retries: a 429 would otherwise be tried again after a wait.
    const client = clientFor({ headers: { Prefer: `code=${status}` }, retry: false });
    const error = await operations[operationId]!.call(client).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, code: example.errors[0]!.code, errors: example.errors, attempts: 1 });
    expect(validateErrorDocument({ errors: (error as ApiError).errors })).toBe(true);
    if (status === 429) expect((error as ApiError).headers.get('x-ratelimit-interval')).toMatch(/^\d+$/);
  });

  test('a 401 for real: a request whose Authorization was lost on the way', async () => {
    const withoutAuthorization: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('authorization');
      return fetch(input, { ...init, headers });
    };
    const error = await clientFor({ fetch: withoutAuthorization })
      .list()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
  });
});
