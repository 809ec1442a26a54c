// list() and listAll() against the simulator: the query as it goes on the wire, and pages fetched
// only when the loop reaches them, stopping on break and on the caller's signal. The simulator
// paces imports by retrieval, so the 23 seeded ones stay pending; its every response is checked
// against the document.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createImportsClient, type Import, InputError, type ListQuery } from '../../../src/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { skus } from '../../support/api-call.js';
import { expectNoUnhandledRejections } from '../../support/no-unhandled-rejections.js';
import { useResponseChecks } from '../../support/simulator.js';

expectNoUnhandledRejections();
const checks = useResponseChecks();

const IMPORTS = 23;
let fake: Simulator;
let ids: string[];
beforeAll(async () => {
  fake = checks.watch(await startSimulator({ pacing: { pollsToFinish: 2 }, rateLimits: false }));
  const seeding = createImportsClient({ baseUrl: fake.url, accessToken: 'list-all-token' });
  ids = [];
  for (let i = 0; i < IMPORTS; i++) ids.push((await seeding.create({ resource_type: 'skus', inputs: skus(1, { prefix: `SKU${i}-` }) })).id);
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearLog();
});

const client = () => createImportsClient({ baseUrl: fake.url, accessToken: 'list-all-token', retry: false });
const requests = () => fake.requests.map((r) => `${r.method} ${r.path}`);
const pageRequests = () => requests().filter((r) => r.startsWith('GET /api/imports?'));

describe('list', () => {
  test('resolves to one page, { data, meta, links }, with the query in the API spelling', async () => {
    const page = await client().list({
      page: { number: 2, size: 5 },
      sort: ['-created_at', 'reference'],
      filter: { status_eq: 'pending', id_in: ids },
      fields: ['status'],
    });

    expect(requests()).toStrictEqual([
      `GET /api/imports?page[number]=2&page[size]=5&sort=-created_at,reference&fields[imports]=status&filter[q][status_eq]=pending&filter[q][id_in]=${ids.join(',')}`,
    ]);
    expect(Object.keys(page)).toStrictEqual(['data', 'meta', 'links']);
    // Newest first: the second page of five is the 6th to 10th newest.
    expect(page.data.map((i) => i.id)).toStrictEqual([...ids].reverse().slice(5, 10));
    expect(page.data[0]!.attributes).toStrictEqual({ status: 'pending' });
    expect(page.meta).toStrictEqual({ record_count: IMPORTS, page_count: 5 });
    expect(Object.keys(page.links)).toStrictEqual(['first', 'prev', 'next', 'last']);
  });

  test('no query: the API defaults, one request without a query string', async () => {
    const page = await client().list();
    expect(requests()).toStrictEqual(['GET /api/imports']);
    expect(page.data).toHaveLength(10);
  });

  test.each<[string, unknown]>([
    ['a page size over 25', { page: { size: 26 } }],
    ['a page size of 0', { page: { size: 0 } }],
    ['a page number of 0', { page: { number: 0 } }],
    ['a fractional page number', { page: { number: 1.5 } }],
    ['a filter name that would add brackets', { filter: { 'status_eq][x': 'pending' } }],
    ['an _in filter with a comma inside a value', { filter: { id_in: ['a,b'] } }],
    ['an empty _in filter', { filter: { id_in: [] } }],
    ['a filter value that is an object', { filter: { status_eq: { not: 'x' } } }],
    ['sort that is a string', { sort: '-created_at' }],
    ['a sort key with a space', { sort: ['created at'] }],
    ['an unknown query member', { include: ['events'] }],
    ['a query that is not an object', 'status=pending'],
  ])('%s is an InputError, and nothing is sent', async (_, query) => {
    await expect(client().list(query as ListQuery)).rejects.toBeInstanceOf(InputError);
    expect(requests()).toStrictEqual([]);
  });
});

describe('listAll', () => {
  test('yields every import across pages, in order, a page of 25 by default', async () => {
    const seen: string[] = [];
    for await (const imp of client().listAll()) seen.push(imp.id);
    expect(seen).toStrictEqual(ids);
    expect(pageRequests()).toStrictEqual(['GET /api/imports?page[number]=1&page[size]=25']);
  });

  test('fetches page n + 1 only when the loop asks for the item after page n', async () => {
    const iterator = client().listAll({ page: { size: 5 } })[Symbol.asyncIterator]();
    expect(requests()).toStrictEqual([]);
    for (let i = 0; i < 5; i++) await iterator.next();
    expect(pageRequests()).toHaveLength(1);
    await iterator.next();
    expect(pageRequests()).toStrictEqual(['GET /api/imports?page[number]=1&page[size]=5', 'GET /api/imports?page[number]=2&page[size]=5']);
    await iterator.return(undefined);
  });

  test('break stops it: no further page is fetched', async () => {
    const seen: Import[] = [];
    for await (const imp of client().listAll({ page: { size: 5 } })) {
      seen.push(imp);
      if (seen.length === 7) break;
    }
    expect(seen.map((i) => i.id)).toStrictEqual(ids.slice(0, 7));
    expect(pageRequests()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pageRequests()).toHaveLength(2);
  });

  test('all pages with a query: the filters and the sort ride on every page, the size as given', async () => {
    let count = 0;
    for await (const imp of client().listAll({ page: { size: 10, number: 2 }, filter: { status_eq: 'pending' }, sort: ['id'] })) {
      expect(imp.type).toBe('imports');
      count++;
    }
    // Starting at page 2 of 3: 13 imports.
    expect(count).toBe(IMPORTS - 10);
    expect(pageRequests()).toStrictEqual([
      'GET /api/imports?page[number]=2&page[size]=10&sort=id&filter[q][status_eq]=pending',
      'GET /api/imports?page[number]=3&page[size]=10&sort=id&filter[q][status_eq]=pending',
    ]);
  });

  test("the caller's signal stops it with its reason, before the next page is fetched", async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    const seen: string[] = [];
    const loop = (async () => {
      for await (const imp of client().listAll({ page: { size: 5 } }, { signal: controller.signal })) {
        seen.push(imp.id);
        if (seen.length === 5) controller.abort(reason);
      }
    })();
    await expect(loop).rejects.toBe(reason);
    expect(seen).toStrictEqual(ids.slice(0, 5));
    expect(pageRequests()).toHaveLength(1);
  });

  test('an empty list yields nothing after one request', async () => {
    const seen: Import[] = [];
    for await (const imp of client().listAll({ filter: { status_eq: 'completed' } })) seen.push(imp);
    expect(seen).toStrictEqual([]);
    expect(pageRequests()).toHaveLength(1);
  });
});
