// Compile-time checks for list, listAll, retrieve, create, delete, waitFor and importAll.
import { describe, expectTypeOf, test } from 'vitest';
import type {
  Import,
  ImportAllSummary,
  ImportList,
  ImportProgress,
  ImportResourceType,
  ImportsClient,
  ImportStatus,
  ListQuery,
  SparseImport,
} from '../../src/index.js';

declare const client: ImportsClient;
const inputs = [{ code: 'ABC', name: 'Foo' }];

describe('create()', () => {
  test('the documented attributes compile, json or csv', () => {
    void client.create({ resource_type: 'skus', inputs });
    void client.create({ resource_type: 'prices', format: 'csv', inputs: 'sku_code,amount_cents\nABC,100\n', parent_resource_id: 'x' });
    void client.create({ resource_type: 'stock_items', inputs, skip_errors: true, reference: null, metadata: { a: 1 } });
    // price_lists and stock_locations are importable too (the official list, issue 9)
    void client.create({ resource_type: 'price_lists', inputs });
    void client.create({ resource_type: 'stock_locations', inputs });
    expectTypeOf(client.create({ resource_type: 'skus', inputs })).resolves.toEqualTypeOf<Import>();
  });

  test('an unknown resource_type does not compile', () => {
    // @ts-expect-error widgets cannot be imported
    void client.create({ resource_type: 'widgets', inputs });
    // @ts-expect-error resource_type is required
    void client.create({ inputs });
    // @ts-expect-error importAll takes the same enum
    void client.importAll('widgets', inputs);
  });

  test('other wrong attributes do not compile', () => {
    // @ts-expect-error inputs is required
    void client.create({ resource_type: 'skus' });
    // @ts-expect-error json inputs are objects
    void client.create({ resource_type: 'skus', inputs: ['ABC'] });
    // @ts-expect-error format is json or csv
    void client.create({ resource_type: 'skus', inputs, format: 'xml' });
    // @ts-expect-error _interrupt is for update only
    void client.create({ resource_type: 'skus', inputs, _interrupt: true });
    // @ts-expect-error status is returned, not sent
    void client.create({ resource_type: 'skus', inputs, status: 'pending' });
  });
});

describe('list() and listAll()', () => {
  test('the query is typed: page, sort, filter, fields', () => {
    void client.list({
      page: { number: 2, size: 25 },
      sort: ['-created_at', 'status'],
      filter: { status_in: ['pending', 'in_progress'], resource_type_eq: 'skus', created_at_gt: '2018-01-01T00:00:00Z', id_in: ['a'] },
      fields: ['status', 'processed_count'],
    });
    // @ts-expect-error not a status
    void client.list({ filter: { status_eq: 'started' } });
    // @ts-expect-error not a documented filter
    void client.list({ filter: { colour_eq: 'red' } });
    // @ts-expect-error _in filters take arrays
    void client.list({ filter: { status_in: 'pending' } });
    // @ts-expect-error not a sortable attribute
    void client.list({ sort: ['inputs'] });
    // @ts-expect-error not an attribute
    void client.list({ fields: ['colour'] });
    // @ts-expect-error page numbers are numbers
    void client.list({ page: { number: '2' } });
  });

  test('list results are typed', async () => {
    const page = await client.list();
    expectTypeOf(page).toEqualTypeOf<ImportList>();
    expectTypeOf(page.data).toEqualTypeOf<Import[]>();
    expectTypeOf(page.meta.record_count).toEqualTypeOf<number>();
    expectTypeOf(page.meta.page_count).toEqualTypeOf<number>();
    expectTypeOf(page.links.first).toEqualTypeOf<string>();
    expectTypeOf(page.links.next).toEqualTypeOf<string | undefined>();
    expectTypeOf(page.data[0]!.attributes.status).toEqualTypeOf<ImportStatus>();
  });

  test('listAll yields imports', async () => {
    for await (const imp of client.listAll({ filter: { status_eq: 'completed' } }, { signal: AbortSignal.timeout(1000) })) {
      expectTypeOf(imp).toEqualTypeOf<Import>();
    }
    expectTypeOf<ListQuery['filter']>().not.toBeAny();
  });
});

describe('retrieve(), delete(), waitFor(), importAll()', () => {
  test('their results', () => {
    expectTypeOf(client.retrieve('xYZkjABcde', { fields: ['status'] })).resolves.toEqualTypeOf<SparseImport<'status'>>();
    expectTypeOf(client.delete('xYZkjABcde')).resolves.toEqualTypeOf<void>();
    expectTypeOf(client.waitFor('xYZkjABcde', { intervalMs: 1000 })).resolves.toEqualTypeOf<Import>();
    expectTypeOf(client.importAll('skus', inputs, { concurrency: 5 })).resolves.toEqualTypeOf<ImportAllSummary>();
  });

  test('progress callbacks are typed', () => {
    void client.waitFor('xYZkjABcde', {
      onProgress: (progress) => {
        expectTypeOf(progress).toEqualTypeOf<ImportProgress>();
        expectTypeOf(progress.status).toEqualTypeOf<ImportStatus>();
      },
    });
    void client.importAll('skus', inputs, {
      onProgress: (progress) => {
        expectTypeOf(progress.chunk).toEqualTypeOf<number>();
        expectTypeOf(progress.processed_total).toEqualTypeOf<number>();
      },
    });
    // @ts-expect-error importAll takes json records, not a CSV string
    void client.importAll('skus', 'code\nABC');
  });

  test('the resource type enum is the document\u2019s 24 values, the official list', () => {
    expectTypeOf<'skus' | 'prices' | 'stock_items' | 'price_lists' | 'stock_locations'>().toExtend<ImportResourceType>();
    expectTypeOf<'widgets'>().not.toExtend<ImportResourceType>();
  });
});
