// create() is not idempotent: a second POST after a 5xx or a lost connection could make a second
// import. So it is retried on 429 only (the API refuses those before acting), and delete() is
// retried as any idempotent call, a 404 on its retry meaning an earlier attempt deleted the import.
// Against the simulator (paced by retrieval), whose faults script the failures and whose every
// response is checked against the document.
import { beforeEach, describe, expect, test } from 'vitest';
import { ApiError, createImportsClient, type ImportCreateAttributes, NetworkError } from '../../../src/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { useCheckedSimulators } from '../../support/simulator.js';

const simulators = useCheckedSimulators();
let fake: Simulator;
beforeEach(async () => {
  fake = await simulators.start({ pacing: { pollsToFinish: 2 }, rateLimits: false });
});

const client = () =>
  createImportsClient({ baseUrl: fake.url, accessToken: 'create-retries-token', retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
const attributes: ImportCreateAttributes = { resource_type: 'skus', inputs: [{ code: 'ABC', name: 'Foo', shipping_category_id: 'nBAvrhRZBl' }] };
const requests = () => fake.requests.map((r) => `${r.method} ${r.path}`);
const posts = () => requests().filter((r) => r.startsWith('POST'));
const storedIds = () => fake.imports().map((imp) => imp.id);

describe('create', () => {
  test.each([500, 502, 503, 504])('a %i is not retried: one POST, and the ApiError says so', async (status) => {
    fake.fault({ method: 'POST', answer: status });
    const error = await client()
      .create(attributes)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(posts()).toHaveLength(1);
    expect(storedIds()).toHaveLength(0);
  });

  test('a lost connection is not retried: one POST, and a NetworkError', async () => {
    fake.fault({ method: 'POST', answer: 'drop' });
    const error = await client()
      .create(attributes)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(posts()).toHaveLength(1);
  });

  test('a 429 is retried, and the import is created once', async () => {
    fake.fault({ method: 'POST', answer: 429, times: 2, headers: { 'Retry-After': '0' } });
    const created = await client().create(attributes);
    expect(created.attributes.status).toBe('pending');
    expect(posts()).toHaveLength(3);
    expect(storedIds()).toStrictEqual([created.id]);
  });

  test('retrieve, an idempotent call, is retried on the same 503', async () => {
    const { id } = await client().create(attributes);
    fake.fault({ method: 'GET', answer: 503 });
    await expect(client().retrieve(id)).resolves.toMatchObject({ id });
    expect(requests().filter((r) => r.startsWith('GET'))).toHaveLength(2);
  });
});

describe('delete', () => {
  test('resolves to undefined on 204, and the import is gone', async () => {
    const { id } = await client().create(attributes);
    await expect(client().delete(id)).resolves.toBeUndefined();
    expect(storedIds()).not.toContain(id);
    await expect(client().delete(id)).rejects.toMatchObject({ status: 404, code: 'RECORD_NOT_FOUND', attempts: 1 });
  });

  test('a lost connection after the import was deleted: the retry meets 404, and delete resolves', async () => {
    const { id } = await client().create(attributes);
    // The first DELETE deletes, then its answer is lost on the way back.
    fake.fault({ method: 'DELETE', answer: 'drop-after-store' });
    await expect(client().delete(id)).resolves.toBeUndefined();
    expect(requests().filter((r) => r.startsWith('DELETE'))).toHaveLength(2);
    expect(fake.requests.map((r) => r.status)).toContain(404);
    expect(storedIds()).toStrictEqual([]);
  });

  test('a 404 after a refreshed token is a real 404: the refused attempt did nothing', async () => {
    const simulator = await simulators.start({ rateLimits: false, accessToken: 'current' });
    let asked = 0;
    // The first token is refused (401 INVALID_TOKEN); the refresh gives the one the simulator accepts.
    const refreshing = createImportsClient({ baseUrl: simulator.url, accessToken: () => (asked++ === 0 ? 'expired' : 'current'), retry: false });
    await expect(refreshing.delete('no-such-import')).rejects.toMatchObject({ status: 404, attempts: 2 });
  });
});
