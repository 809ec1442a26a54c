// create() is not idempotent: a second POST after a 5xx or a lost connection could make a second
// import. So it is retried on 429 only (the API refuses those before acting), and delete() is
// retried as any idempotent call, a 404 on its retry meaning an earlier attempt deleted the import.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ApiError, createImportsClient, type ImportCreateAttributes, NetworkError } from '../../src/index.js';
import { type FakeCommerceLayer, startFakeCommerceLayer } from '../support/fake-commerce-layer.js';

let fake: FakeCommerceLayer;
beforeEach(async () => {
  fake = await startFakeCommerceLayer();
});
afterEach(() => fake.close());

const client = () =>
  createImportsClient({ baseUrl: fake.url, accessToken: 'create-retries-token', retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
const attributes: ImportCreateAttributes = { resource_type: 'skus', inputs: [{ code: 'ABC', name: 'Foo' }] };
const posts = () => fake.requests.filter((r) => r.startsWith('POST'));

describe('create', () => {
  test.each([500, 502, 503, 504])('a %i is not retried: one POST, and the ApiError says so', async (status) => {
    fake.fail('POST', status);
    const error = await client()
      .create(attributes)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(posts()).toHaveLength(1);
    expect(fake.imports.size).toBe(0);
  });

  test('a lost connection is not retried: one POST, and a NetworkError', async () => {
    fake.fail('POST', 'drop');
    const error = await client()
      .create(attributes)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(posts()).toHaveLength(1);
  });

  test('a 429 is retried, and the import is created once', async () => {
    fake.fail('POST', 429, { times: 2 });
    const created = await client().create(attributes);
    expect(created.attributes.status).toBe('pending');
    expect(posts()).toHaveLength(3);
    expect([...fake.imports.keys()]).toStrictEqual([created.id]);
  });

  test('retrieve, an idempotent call, is retried on the same 503', async () => {
    const { id } = await client().create(attributes);
    fake.fail('GET', 503);
    await expect(client().retrieve(id)).resolves.toMatchObject({ id });
    expect(fake.requests.filter((r) => r.startsWith('GET'))).toHaveLength(2);
  });
});

describe('delete', () => {
  test('resolves to undefined on 204, and the import is gone', async () => {
    const { id } = await client().create(attributes);
    await expect(client().delete(id)).resolves.toBeUndefined();
    expect(fake.imports.has(id)).toBe(false);
    await expect(client().delete(id)).rejects.toMatchObject({ status: 404, code: 'RECORD_NOT_FOUND', attempts: 1 });
  });

  test('a lost connection after the import was deleted: the retry meets 404, and delete resolves', async () => {
    const { id } = await client().create(attributes);
    // The first DELETE deletes, then its answer is lost on the way back.
    fake.fail('DELETE', 503);
    fake.imports.delete(id);
    await expect(client().delete(id)).resolves.toBeUndefined();
    expect(fake.requests.filter((r) => r.startsWith('DELETE'))).toHaveLength(2);
  });
});
