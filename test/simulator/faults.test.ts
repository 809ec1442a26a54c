// Scripted faults: a status (with a JSON:API error body), a connection dropped before the request is
// handled, and one dropped after it was handled (the import stored, the answer lost); with skip,
// times, and a path to aim at one request among others.
import { describe, expect, test } from 'vitest';
import { ApiError, createImportsClient, NetworkError } from '../../src/index.js';
import { call, createBody, skus } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const start = () => simulators.start({ pacing: { pollsToFinish: 1 }, rateLimits: false });
const create = (url: string, reference?: string) => call(url, 'POST', '/api/imports', { body: createBody({ resource_type: 'skus', inputs: skus(1), reference }) });

describe('faults', () => {
  test('a status: that answer, as an error document, and nothing is done', async () => {
    const simulator = await start();
    simulator.fault({ method: 'POST', answer: 503 });
    const answer = await create(simulator.url, 'f-1');
    expect(answer.status).toBe(503);
    expect(answer.body.errors[0]).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: '503' });
    expect(simulator.createsByReference('f-1')).toBe(0);
    expect((await create(simulator.url, 'f-1')).status).toBe(201);
  });

  test('a 429 looks like a real one (X-Ratelimit-*), and headers can be added', async () => {
    const simulator = await start();
    simulator.fault({ method: 'get', answer: 429, headers: { 'Retry-After': '0' } });
    const answer = await call(simulator.url, 'GET', '/api/imports');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('x-ratelimit-interval')).toBe('60');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(answer.headers.get('retry-after')).toBe('0');
    // Scripted 429s are not the rate limits' own.
    expect(simulator.counts().throttled).toBe(0);
  });

  test('skip and times: the third and fourth matching requests fail, the others pass', async () => {
    const simulator = await start();
    simulator.fault({ method: 'GET', answer: 500, skip: 2, times: 2 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(simulator.url, 'GET', '/api/imports')).status);
    expect(statuses).toStrictEqual([200, 200, 500, 500, 200, 200]);
  });

  test('path: only requests to that path, or matching that pattern', async () => {
    const simulator = await start();
    const { id } = (await create(simulator.url)).body.data;
    simulator.fault({ method: 'GET', path: `/api/imports/${id}`, answer: 502 });
    simulator.fault({ method: 'GET', path: /status_eq\]=completed/, answer: 504 });
    expect((await call(simulator.url, 'GET', '/api/imports')).status).toBe(200);
    expect((await call(simulator.url, 'GET', '/api/imports?filter[q][status_eq]=completed')).status).toBe(504);
    expect((await call(simulator.url, 'GET', `/api/imports/${id}`)).status).toBe(502);
    expect((await call(simulator.url, 'GET', `/api/imports/${id}`)).status).toBe(200);
  });

  test('drop: the connection closes before the request is handled', async () => {
    const simulator = await start();
    simulator.fault({ method: 'POST', answer: 'drop' });
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: 't', retry: false });
    const error = await client.create({ resource_type: 'skus', inputs: skus(1), reference: 'dropped' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(simulator.createsByReference('dropped')).toBe(0);
    expect(simulator.requests.at(-1)).toMatchObject({ method: 'POST', status: null, fault: true });
    expect(simulator.counts().dropped).toBe(1);
  });

  test('drop-after-store: the import is created, and the client never hears of it', async () => {
    const simulator = await start();
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 'drop-after-store' });
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: 't', retry: { retries: 3, baseDelayMs: 1 } });
    const error = await client.create({ resource_type: 'skus', inputs: skus(1), reference: 'chunk-0001' }).catch((e: unknown) => e);
    // create is not retried after a lost connection: one POST, one import, and a NetworkError.
    expect(error).toBeInstanceOf(NetworkError);
    expect(simulator.createsByReference('chunk-0001')).toBe(1);
    const found = await client.list({ filter: { reference_eq: 'chunk-0001' } });
    expect(found.data.map((imp) => imp.attributes.status)).toStrictEqual(['pending']);
  });

  test('drop-after-store on DELETE: deleted, answer lost; the retry meets 404', async () => {
    const simulator = await start();
    const { id } = (await create(simulator.url)).body.data;
    simulator.fault({ method: 'DELETE', answer: 'drop-after-store' });
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: 't', retry: false });
    await expect(client.delete(id)).rejects.toBeInstanceOf(NetworkError);
    await expect(client.retrieve(id)).rejects.toBeInstanceOf(ApiError);
    expect(simulator.imports()).toStrictEqual([]);
  });

  test('bad faults are refused', async () => {
    const simulator = await start();
    expect(() => simulator.fault({ method: 'GET', answer: 42 })).toThrow(/answer must be/);
    expect(() => simulator.fault({ method: 'GET', answer: 500, times: 0 })).toThrow(/times must be/);
    expect(() => simulator.fault({ method: '', answer: 500 })).toThrow(/method/);
    simulator.fault({ method: 'GET', answer: 500, times: 5 });
    simulator.clearFaults();
    expect((await call(simulator.url, 'GET', '/api/imports')).status).toBe(200);
  });
});
