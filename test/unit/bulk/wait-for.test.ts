// waitFor() against the simulator with poll pacing, which moves an import one step per retrieval:
// short intervals keep these fast, and no assertion depends on the wall clock except lower bounds
// on backoff (a timer never fires early). Every response the simulator sends is checked against
// the document.
import { describe, expect, test } from 'vitest';
import { ApiError, createImportsClient, type ImportProgress, type ImportsClientOptions, InputError, TimeoutError } from '../../../src/index.js';
import type { PollPacing, Simulator } from '../../../src/simulator/index.js';
import { pause, skus as validSkus } from '../../support/api-call.js';
import { expectNoUnhandledRejections } from '../../support/no-unhandled-rejections.js';
import { useCheckedSimulators } from '../../support/simulator.js';

expectNoUnhandledRejections();
const simulators = useCheckedSimulators();

async function setUp(pacing: PollPacing = {}, clientOptions: Partial<ImportsClientOptions> = {}) {
  const fake = await simulators.start({ pacing, rateLimits: false });
  const client = createImportsClient({
    baseUrl: fake.url,
    accessToken: 'wait-for-token',
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    ...clientOptions,
  } as ImportsClientOptions);
  return { fake, client };
}

/** Valid SKUs; the first `invalid` marked to fail. */
const skus = (n: number, invalid = 0) => validSkus(n, { invalid });
const requests = (f: Simulator) => f.requests.map((r) => `${r.method} ${r.path}`);
const gets = (f: Simulator) => requests(f).filter((r) => r.startsWith('GET'));

/** A request sent just before the stop may still be on its way: let it land, then count. */
async function expectNoFurtherRequests(f: Simulator): Promise<void> {
  await pause(20);
  const sent = f.requests.length;
  await pause(50);
  expect(f.requests).toHaveLength(sent);
}

describe('polling to the end', () => {
  test('pending -> in_progress -> completed: resolves to the final import, onProgress once per change', async () => {
    const { fake, client } = await setUp({ pollsToFinish: 2, pollsPerStep: 2 });
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(10) });
    const seen: ImportProgress[] = [];

    const done = await client.waitFor(id, { intervalMs: 5, onProgress: (p) => seen.push(p) });

    expect(done.id).toBe(id);
    expect(done.attributes).toMatchObject({ status: 'completed', processed_count: 10, inputs_size: 10, errors_count: 0 });
    // Every state was retrieved twice, and reported once.
    expect(seen).toStrictEqual([
      { status: 'pending', processed_count: 0, inputs_size: 10, errors_count: 0 },
      { status: 'in_progress', processed_count: 0, inputs_size: 10, errors_count: 0 },
      { status: 'in_progress', processed_count: 5, inputs_size: 10, errors_count: 0 },
      { status: 'completed', processed_count: 10, inputs_size: 10, errors_count: 0 },
    ]);
    // Polls ask for the progress attributes only; the whole import is retrieved once, at the end.
    const poll = `GET /api/imports/${id}?fields[imports]=status,processed_count,inputs_size,errors_count`;
    expect(gets(fake)).toStrictEqual([...Array(6).fill(poll), `GET /api/imports/${id}`]);
    expect(done.attributes.inputs).toHaveLength(10);
  });

  test('more than 10% invalid inputs: resolves to the interrupted import', async () => {
    const { client } = await setUp();
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(20, 3) });
    const done = await client.waitFor(id, { intervalMs: 5 });
    expect(done.attributes).toMatchObject({ status: 'interrupted', errors_count: 3 });
    expect(done.attributes.errors_log).toStrictEqual(Object.fromEntries([0, 1, 2].map((i) => [`SKU${i}`, { base: ['is invalid'] }])));
  });

  test('the same inputs with skip_errors: completed, with the errors counted', async () => {
    const { client } = await setUp();
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(20, 3), skip_errors: true });
    const done = await client.waitFor(id, { intervalMs: 5 });
    // processed_count counts the records imported, as Commerce Layer's document has it (inputs 300, errors 30, processed 270).
    expect(done.attributes).toMatchObject({ status: 'completed', errors_count: 3, processed_count: 17, inputs_size: 20 });
  });

  test('fields: polls ask for those, with status added, and the last poll is the result', async () => {
    const { fake, client } = await setUp();
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(4) });
    const done = await client.waitFor(id, { intervalMs: 5, fields: ['processed_count'] });
    expect(done.attributes).toStrictEqual({ processed_count: 4, status: 'completed' });
    expect(new Set(gets(fake))).toStrictEqual(new Set([`GET /api/imports/${id}?fields[imports]=processed_count,status`]));
  });
});

describe('429 while polling', () => {
  test('a 429 that outlasts the transport retries slows polling down, and polling goes on', async () => {
    const { fake, client } = await setUp();
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(4) });
    // Two rounds of (attempt + one retry), each round an ApiError 429 inside waitFor.
    fake.fault({ method: 'GET', answer: 429, times: 4, headers: { 'Retry-After': '0' } });
    const started = performance.now();

    const done = await client.waitFor(id, { intervalMs: 20 });

    expect(done.attributes.status).toBe('completed');
    // 4 throttled attempts, then in_progress -> half done -> completed, then the whole import.
    expect(gets(fake)).toHaveLength(8);
    // Backoff doubles per 429 in a row: 40 + 80 ms at least, where plain polling would wait 20 + 20.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  test("the server's Retry-After is honoured when longer than the backoff", async () => {
    const { fake, client } = await setUp({}, { retry: false });
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(2) });
    fake.fault({ method: 'GET', answer: 429, headers: { 'Retry-After': '0.25' } });
    const started = performance.now();
    await expect(client.waitFor(id, { intervalMs: 5 })).resolves.toMatchObject({ attributes: { status: 'completed' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  test('any other error ends the wait with that error', async () => {
    const { client } = await setUp();
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(2) });
    await client.delete(id);
    await expect(client.waitFor(id, { intervalMs: 5 })).rejects.toMatchObject({ status: 404, code: 'RECORD_NOT_FOUND' });
    await expect(client.waitFor(id, { intervalMs: 5 })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('stopping', () => {
  test('past timeoutMs: TimeoutError naming the import, and polling stops', async () => {
    const { fake, client } = await setUp({ pollsPerStep: 1_000 });
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(2) });

    const error = await client.waitFor(id, { intervalMs: 5, timeoutMs: 60 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(`Import ${id} did not finish within 60 ms`);
    expect(gets(fake).length).toBeGreaterThan(1);
    await expectNoFurtherRequests(fake);
  });

  test("the caller's signal rejects with its reason, and polling stops", async () => {
    const { fake, client } = await setUp({ pollsPerStep: 1_000 });
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(2) });
    const controller = new AbortController();
    const reason = new Error('user cancelled');

    const waiting = client.waitFor(id, { intervalMs: 5, signal: controller.signal, onProgress: () => setTimeout(() => controller.abort(reason), 20) });

    await expect(waiting).rejects.toBe(reason);
    await expectNoFurtherRequests(fake);
  });

  test('an already aborted signal sends nothing', async () => {
    const { fake, client } = await setUp();
    const reason = new Error('too late');
    await expect(client.waitFor('imp1', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(requests(fake)).toStrictEqual([]);
  });
});

describe('bad options are refused before any request', () => {
  test.each([
    ['an empty id', '', {}],
    ['intervalMs 0', 'imp1', { intervalMs: 0 }],
    ['intervalMs NaN', 'imp1', { intervalMs: Number.NaN }],
    ['a negative timeoutMs', 'imp1', { timeoutMs: -1 }],
    ['onProgress that is not a function', 'imp1', { onProgress: 'log' }],
    ['a signal that is not an AbortSignal', 'imp1', { signal: {} }],
    ['fields with a comma', 'imp1', { fields: ['status,inputs'] }],
  ])('%s', async (_, id, options) => {
    const { fake, client } = await setUp();
    await expect(client.waitFor(id, options as never)).rejects.toBeInstanceOf(InputError);
    expect(requests(fake)).toStrictEqual([]);
  });
});
