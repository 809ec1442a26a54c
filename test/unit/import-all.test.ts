// importAll() against the stateful fake: chunking, bounded concurrency, the summary, a failing
// chunk, cancellation in the middle and 429s while polling.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ApiError,
  createImportsClient,
  type ImportAllProgress,
  type ImportInput,
  type ImportsClientOptions,
  InputError,
} from '../../src/index.js';
import { type FakeCommerceLayer, type FakeOptions, startFakeCommerceLayer } from '../support/fake-commerce-layer.js';
import { expectNoUnhandledRejections } from '../support/no-unhandled-rejections.js';

expectNoUnhandledRejections();

let fake: FakeCommerceLayer | undefined;
afterEach(() => fake?.close());

async function setUp(fakeOptions: FakeOptions = {}, clientOptions: Partial<ImportsClientOptions> = {}) {
  fake = await startFakeCommerceLayer(fakeOptions);
  const client = createImportsClient({
    baseUrl: fake.url,
    accessToken: 'import-all-token',
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    ...clientOptions,
  } as ImportsClientOptions);
  return { fake, client };
}

/** n SKUs; those whose index is in `invalid` fail, those in `warn` get a warning. */
function skus(n: number, marks: { invalid?: number[]; warn?: number[] } = {}): ImportInput[] {
  const invalid = new Set(marks.invalid);
  const warn = new Set(marks.warn);
  return Array.from({ length: n }, (_, i) => ({ code: `SKU${i}`, ...(invalid.has(i) && { invalid: true }), ...(warn.has(i) && { warn: true }) }));
}
const count = (f: FakeCommerceLayer, prefix: string) => f.requests.filter((r) => r.startsWith(prefix)).length;
const FINISHED = ['completed', 'interrupted'];

test('25,000 inputs: 3 imports of 10,000, 10,000 and 5,000, followed 3 at a time, summed up', async () => {
  const { fake, client } = await setUp();
  const inputs = skus(25_000, { invalid: [3, 10_004, 24_999], warn: [7, 20_000] });
  const progress: ImportAllProgress[] = [];

  const summary = await client.importAll('skus', inputs, { intervalMs: 5, onProgress: (p) => progress.push(p) });

  const created = [...fake.imports.values()];
  // Three contiguous chunks (created in whatever order the three workers got there).
  expect(created.map((i) => [i.inputs[0]!.code, i.inputs.length]).sort()).toStrictEqual([
    ['SKU0', 10_000],
    ['SKU10000', 10_000],
    ['SKU20000', 5_000],
  ]);
  expect(fake.maxRunning).toBe(3);
  expect(summary.failures).toStrictEqual([]);
  expect(summary.imports.map((i) => [i.attributes.status, i.attributes.inputs_size])).toStrictEqual([
    ['completed', 10_000],
    ['completed', 10_000],
    ['completed', 5_000],
  ]);
  expect(summary).toMatchObject({ processed_count: 25_000, errors_count: 3, warnings_count: 2 });
  // The logs of chunk 0, then 1, then 2.
  expect(summary.errors_log).toStrictEqual([3, 10_004, 24_999].map((i) => ({ [`code:SKU${i}`]: { base: ['is invalid'] } })));
  expect(summary.warnings_log.map((entry) => Object.keys(entry)[0])).toStrictEqual(['code:SKU7', 'code:SKU20000']);
  // Progress: per chunk, with running totals that end at every input.
  expect(new Set(progress.map((p) => p.chunk))).toStrictEqual(new Set([0, 1, 2]));
  expect(progress.at(-1)).toMatchObject({ processed_total: 25_000, inputs_total: 25_000 });
  expect(progress.map((p) => p.processed_total)).toStrictEqual([...progress.map((p) => p.processed_total)].sort((a, b) => a - b));
  // Creating asks for the status only, polling for the summary's attributes: the inputs never come back.
  expect(fake.requests.filter((r) => r.startsWith('POST'))).toStrictEqual(Array(3).fill('POST /api/imports?fields[imports]=status'));
  expect(fake.requests.filter((r) => r.startsWith('GET')).every((r) => r.includes('fields[imports]=status,processed_count,'))).toBe(true);
});

test('concurrency bounds the imports running at once', async () => {
  const { fake, client } = await setUp();
  const summary = await client.importAll('skus', skus(60), { chunkSize: 10, concurrency: 2, intervalMs: 5 });
  expect(summary.imports).toHaveLength(6);
  expect(summary.processed_count).toBe(60);
  expect(fake.maxRunning).toBe(2);
});

test('a chunk that fails is reported with its index and error, and the others go on', async () => {
  const { fake, client } = await setUp();
  // The second create answers 500: not retried, since create is not idempotent.
  fake.fail('POST', 500, { skip: 1 });
  // Chunk 3 holds 2 invalid inputs out of 10: more than 10%, so its import is interrupted.
  const summary = await client.importAll('skus', skus(50, { invalid: [30, 31] }), { chunkSize: 10, concurrency: 1, intervalMs: 5 });

  expect(summary.failures).toHaveLength(1);
  expect(summary.failures[0]!.chunk).toBe(1);
  expect(summary.failures[0]!.id).toBeUndefined();
  expect(summary.failures[0]!.error).toBeInstanceOf(ApiError);
  expect(summary.failures[0]!.error).toMatchObject({ status: 500, attempts: 1 });
  // Chunks 0, 2, 3 and 4, in order; chunk 3 stopped after its second invalid input.
  expect(summary.imports.map((i) => i.attributes.status)).toStrictEqual(['completed', 'completed', 'interrupted', 'completed']);
  expect(summary.errors_count).toBe(2);
  expect(summary.processed_count).toBe(10 + 10 + 2 + 10);
  expect(count(fake, 'POST')).toBe(5);
});

test('a chunk whose import fails while it is followed is reported with its import id', async () => {
  const { fake, client } = await setUp();
  let first: string | undefined;
  const summary = await client.importAll('skus', skus(20), {
    chunkSize: 10,
    concurrency: 2,
    intervalMs: 5,
    // Someone deletes chunk 0's import while it runs: polling it meets 404.
    onProgress: (p) => {
      if (p.chunk === 0 && first === undefined) fake.imports.delete((first = p.id));
    },
  });

  expect(summary.failures).toMatchObject([{ chunk: 0, id: first, error: { status: 404 } }]);
  expect(summary.imports).toHaveLength(1);
});

test('cancellation in the middle: no further chunk, running imports interrupted, rejects with the reason', async () => {
  const { fake, client } = await setUp({ pollsPerStep: 2 });
  const controller = new AbortController();
  const reason = new Error('stop the load');
  let first = '';

  const run = client.importAll('skus', skus(50), {
    chunkSize: 10,
    concurrency: 2,
    intervalMs: 5,
    signal: controller.signal,
    // Abort once the first import is under way.
    onProgress: (p) => {
      if (p.chunk !== 0 || p.status !== 'in_progress') return;
      first = p.id;
      controller.abort(reason);
    },
  });

  await expect(run).rejects.toBe(reason);
  expect(count(fake, 'POST')).toBe(2);
  const created = [...fake.imports.values()];
  expect(created).toHaveLength(2);
  // Nothing is left running, and chunk 0's import was stopped by the client.
  expect(created.every((i) => FINISHED.includes(i.attributes.status))).toBe(true);
  expect(fake.imports.get(first)?.attributes.status).toBe('interrupted');
  expect(fake.requests).toContain(`PATCH /api/imports/${first}`);
  // A poll sent just before the abort may still be on its way: let it land, then count.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const sent = fake.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(fake.requests).toHaveLength(sent);
});

test('429s while polling: backed off, and every chunk still completes', async () => {
  // Without transport retries, every 429 reaches waitFor, which must back off and go on.
  const { fake, client } = await setUp({}, { retry: false });
  fake.fail('GET', 429, { skip: 2, times: 5 });
  const summary = await client.importAll('skus', skus(30), { chunkSize: 10, intervalMs: 5 });
  expect(summary.failures).toStrictEqual([]);
  expect(summary.processed_count).toBe(30);
  expect(summary.imports.every((i) => i.attributes.status === 'completed')).toBe(true);
  // 3 imports x (pending -> in_progress -> half -> completed): 9 polls, plus the 5 answered 429.
  expect(count(fake, 'GET')).toBe(9 + 5);
});

describe('bad input is refused before any import is created', () => {
  test.each<[string, unknown, unknown, object?]>([
    ['an unknown resource type', 'widgets', skus(2)],
    ['no inputs', 'skus', []],
    ['inputs that are not an array', 'skus', 'code\nA'],
    ['one bad input among many', 'skus', [...skus(15_000), 'SKU-X']],
    ['chunkSize over 10,000', 'skus', skus(2), { chunkSize: 10_001 }],
    ['chunkSize 0', 'skus', skus(2), { chunkSize: 0 }],
    ['concurrency over 10', 'skus', skus(2), { concurrency: 11 }],
    ['a fractional concurrency', 'skus', skus(2), { concurrency: 1.5 }],
    ['an attribute create does not take', 'skus', skus(2), { attributes: { status: 'completed' } }],
    ['a bad shared attribute', 'skus', skus(2), { attributes: { skip_errors: 'yes' } }],
  ])('%s', async (_, resourceType, inputs, options) => {
    const { fake, client } = await setUp();
    await expect(client.importAll(resourceType as 'skus', inputs as ImportInput[], options)).rejects.toBeInstanceOf(InputError);
    expect(fake.requests).toStrictEqual([]);
  });

  test('an aborted signal creates nothing and rejects with its reason', async () => {
    const { fake, client } = await setUp();
    const reason = new Error('never mind');
    await expect(client.importAll('skus', skus(2), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(fake.requests).toStrictEqual([]);
  });
});

test('shared attributes go to every import', async () => {
  const { fake, client } = await setUp();
  await client.importAll('prices', skus(4), { chunkSize: 2, intervalMs: 5, attributes: { parent_resource_id: 'vLrWQSwXNk', skip_errors: true } });
  expect([...fake.imports.values()].map((i) => [i.attributes.resource_type, i.attributes.parent_resource_id, i.attributes.skip_errors])).toStrictEqual([
    ['prices', 'vLrWQSwXNk', true],
    ['prices', 'vLrWQSwXNk', true],
  ]);
});

test('ten concurrent chunks sharing one signal hold one abort listener on it, not one each', async () => {
  const { client } = await setUp();
  const { signal } = new AbortController();
  let most = 0;
  const summary = await client.importAll('skus', skus(100), {
    chunkSize: 10,
    concurrency: 10,
    intervalMs: 1,
    signal,
    // Node warns of a leak past 10 listeners on one signal; every wait and request of every chunk watches it.
    onProgress: () => (most = Math.max(most, getEventListeners(signal, 'abort').length)),
  });
  expect(summary.imports).toHaveLength(10);
  expect(most).toBe(1);
  expect(getEventListeners(signal, 'abort')).toHaveLength(0);
});
