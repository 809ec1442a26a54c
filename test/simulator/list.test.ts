// GET /api/imports: every documented filter, reference_start included, pages with counts and links,
// sorting and sparse fieldsets; and a 400 for any parameter the document does not give, since
// Prism lets those through.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { call, skus } from '../support/api-call.js';
import { useResponseChecks } from '../support/simulator.js';

const checks = useResponseChecks();
let simulator: Simulator;
const ids: string[] = [];
let cutoff = '';

beforeAll(async () => {
  simulator = checks.watch(await startSimulator({ pacing: { pollsToFinish: 1 }, rateLimits: false }));
  const client = createImportsClient({ baseUrl: simulator.url, accessToken: 'list-token' });
  // 12 imports: chunks 0001-0008 of group "cat-a" (skus), 4 of "cat-b" (prices of the first SKU, in the
  // seed price list); every third one completed.
  for (let i = 0; i < 12; i++) {
    const group = i < 8 ? 'cat-a' : 'cat-b';
    const reference = `${group}-${String(i + 1).padStart(4, '0')}`;
    const created = i < 8
      ? await client.create({ resource_type: 'skus', inputs: skus(1, { prefix: `L${i}-` }), reference })
      : await client.create({ resource_type: 'prices', parent_resource_id: 'vLrWQSwXNk', inputs: [{ sku_code: 'L0-0', amount_cents: i }], reference });
    ids.push(created.id);
    if (i === 5) cutoff = created.attributes.created_at;
    if (i % 3 === 0) for (let poll = 0; poll < 2; poll++) await client.retrieve(created.id);
  }
});
afterAll(() => simulator.close());

const list = (query: string) => call(simulator.url, 'GET', `/api/imports${query}`);
const idsOf = (answer: Awaited<ReturnType<typeof list>>) => answer.body.data.map((imp: { id: string }) => imp.id);

describe('filters', () => {
  test.each([
    ['filter[q][reference_start]=cat-b-', [8, 9, 10, 11]],
    ['filter[q][reference_start]=cat-a-000', [0, 1, 2, 3, 4, 5, 6, 7]],
    ['filter[q][reference_eq]=cat-a-0002', [1]],
    ['filter[q][status_eq]=completed', [0, 3, 6, 9]],
    ['filter[q][status_in]=pending,in_progress', [1, 2, 4, 5, 7, 8, 10, 11]],
    ['filter[q][resource_type_eq]=prices', [8, 9, 10, 11]],
    ['filter[q][resource_type_eq]=prices&filter[q][status_eq]=completed', [9]],
  ])('%s', async (query, expected) => {
    expect(idsOf(await list(`?${query}&page[size]=25`))).toStrictEqual(expected.map((i) => ids[i]));
  });

  test('id_eq, id_in and the created_at bounds', async () => {
    expect(idsOf(await list(`?filter[q][id_eq]=${ids[3]}`))).toStrictEqual([ids[3]]);
    expect(idsOf(await list(`?filter[q][id_in]=${ids[4]},${ids[2]},nope`))).toStrictEqual([ids[2], ids[4]]);
    expect(idsOf(await list(`?filter[q][created_at_gt]=${cutoff}&page[size]=25`))).toStrictEqual(ids.slice(6));
    expect(idsOf(await list(`?filter[q][created_at_lt]=${cutoff}&page[size]=25`))).toStrictEqual(ids.slice(0, 5));
  });

  test('a blank free-string filter filters nothing, as Ransack ignores blank values', async () => {
    expect((await list('?filter[q][reference_start]=')).body.meta.record_count).toBe(12);
  });
});

describe('pages', () => {
  test('10 a page by default; counts over the whole list; first, next and last links, prev from page 2', async () => {
    const first = await list('');
    expect(idsOf(first)).toStrictEqual(ids.slice(0, 10));
    expect(first.body.meta).toStrictEqual({ record_count: 12, page_count: 2 });
    expect(Object.keys(first.body.links)).toStrictEqual(['first', 'next', 'last']);
    const second = await fetch(first.body.links.next, { headers: { authorization: 'Bearer t', accept: 'application/vnd.api+json' } }).then((r) => r.json() as Promise<any>);
    expect(second.data.map((imp: { id: string }) => imp.id)).toStrictEqual(ids.slice(10));
    expect(Object.keys(second.links)).toStrictEqual(['first', 'prev', 'last']);
  });

  test('links keep the filters, sort and fields, with page[number] and page[size] last, encoded as the example', async () => {
    const page = await list('?filter[q][reference_start]=cat-a&sort=-created_at&fields[imports]=reference&page[number]=2&page[size]=3');
    expect(idsOf(page)).toStrictEqual([ids[4], ids[3], ids[2]]);
    expect(page.body.data[0].attributes).toStrictEqual({ reference: 'cat-a-0005' });
    expect(page.body.meta).toStrictEqual({ record_count: 8, page_count: 3 });
    const query = 'filter%5Bq%5D%5Breference_start%5D=cat-a&sort=-created_at&fields%5Bimports%5D=reference';
    expect(page.body.links).toStrictEqual({
      first: `${simulator.url}/api/imports?${query}&page%5Bnumber%5D=1&page%5Bsize%5D=3`,
      prev: `${simulator.url}/api/imports?${query}&page%5Bnumber%5D=1&page%5Bsize%5D=3`,
      next: `${simulator.url}/api/imports?${query}&page%5Bnumber%5D=3&page%5Bsize%5D=3`,
      last: `${simulator.url}/api/imports?${query}&page%5Bnumber%5D=3&page%5Bsize%5D=3`,
    });
  });

  test('past the last page: no data; an empty list has one (empty) page to link to', async () => {
    const past = await list('?page[number]=9');
    expect(past.body.data).toStrictEqual([]);
    const none = await list('?filter[q][reference_eq]=nothing');
    expect(none.body.meta).toStrictEqual({ record_count: 0, page_count: 0 });
    expect(Object.keys(none.body.links)).toStrictEqual(['first', 'last']);
  });

  test('sort by several keys: resource_type descending, then status, then creation order', async () => {
    const sorted = idsOf(await list('?sort=-resource_type,status&page[size]=25'));
    const expected = [...ids.entries()]
      .map(([i, id]) => ({ i, id, type: i < 8 ? 'skus' : 'prices', status: i % 3 === 0 ? 'completed' : 'pending' }))
      .sort((a, b) => b.type.localeCompare(a.type) || a.status.localeCompare(b.status) || a.i - b.i)
      .map((row) => row.id);
    expect(sorted).toStrictEqual(expected);
  });
});

describe('400 for a parameter the operation does not document', () => {
  test.each([
    ['filter[q][status_equals]=completed', 'FILTER_NOT_ALLOWED'],
    ['filter[q][code_eq]=A', 'FILTER_NOT_ALLOWED'],
    ['filter[status_eq]=completed', 'FILTER_NOT_ALLOWED'],
    ['filter[q][status_eq=completed', 'FILTER_NOT_ALLOWED'],
    ['filter[q][status_eq]=done', 'INVALID_FILTER_VALUE'],
    ['filter[q][status_in]=pending,done', 'INVALID_FILTER_VALUE'],
    ['filter[q][resource_type_eq]=widgets', 'INVALID_FILTER_VALUE'],
    ['filter[q][created_at_gt]=yesterday', 'INVALID_FILTER_VALUE'],
    ['page[size]=26', 'INVALID_PAGE_VALUE'],
    ['page[size]=0', 'INVALID_PAGE_VALUE'],
    ['page[number]=0', 'INVALID_PAGE_VALUE'],
    ['page[number]=1.5', 'INVALID_PAGE_VALUE'],
    ['page[numbr]=2', 'PARAM_NOT_ALLOWED'],
    ['page[size]]=2', 'PARAM_NOT_ALLOWED'],
    ['page[size]=5&page[size]=6', 'PARAM_NOT_ALLOWED'],
    ['sort=created', 'INVALID_SORT_CRITERIA'],
    ['sort=', 'INVALID_SORT_CRITERIA'],
    ['fields[imports]=status,colour', 'INVALID_FIELD'],
    ['fields[skus]=code', 'PARAM_NOT_ALLOWED'],
    ['include=orders', 'INVALID_INCLUDE'],
    ['q=anything', 'PARAM_NOT_ALLOWED'],
  ])('%s: %s', async (query, code) => {
    const answer = await list(`?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0]).toMatchObject({ code, status: '400' });
    expect(answer.body.errors[0].source.parameter).toMatch(/^(filter|page|sort|fields|include|q)/);
  });

  test('the other operations take only their own parameters', async () => {
    expect((await call(simulator.url, 'GET', `/api/imports/${ids[0]}?filter[q][status_eq]=completed`)).status).toBe(400);
    expect((await call(simulator.url, 'GET', `/api/imports/${ids[0]}?page[size]=2`)).status).toBe(400);
    expect((await call(simulator.url, 'GET', `/api/imports/${ids[0]}?fields[imports]=status&include=events`)).status).toBe(200);
    const create = await call(simulator.url, 'POST', '/api/imports?include=events', { body: { data: { type: 'imports', attributes: { resource_type: 'tags', inputs: [{ name: 'x' }] } } } });
    expect(create.status).toBe(400);
  });
});
