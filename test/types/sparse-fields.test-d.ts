// A full import types the attributes the API always returns as required; a sparse fieldset narrows
// the result to the attributes asked for. The official SDK does neither.
import { describe, expectTypeOf, test } from 'vitest';
import { createImportsClient, type ImportStatus } from '../../src/index.js';

const imports = createImportsClient({ organization: 'yourdomain', accessToken: 'token' });

describe('a full import', () => {
  test('status, resource_type, inputs, created_at and updated_at are always there', async () => {
    const imported = await imports.retrieve('xYZkjABcde');
    const status: ImportStatus = imported.attributes.status;
    expectTypeOf(status).toEqualTypeOf<ImportStatus>();
    expectTypeOf(imported.attributes.resource_type).not.toBeUndefined();
    expectTypeOf(imported.attributes.inputs).toEqualTypeOf<{ [key: string]: unknown }[]>();
    expectTypeOf(imported.attributes.created_at).toEqualTypeOf<string>();
    expectTypeOf(imported.attributes.updated_at).toEqualTypeOf<string>();
    // The others may be missing or null.
    expectTypeOf(imported.attributes.reference).toEqualTypeOf<string | null | undefined>();
  });

  test('the logs read input key -> attribute -> messages, and input key -> messages', async () => {
    const { attributes } = await imports.waitFor('xYZkjABcde');
    expectTypeOf(attributes.errors_log).toEqualTypeOf<Record<string, Record<string, string[]>> | null | undefined>();
    expectTypeOf(attributes.warnings_log).toEqualTypeOf<Record<string, string[]> | null | undefined>();
  });
});

describe('a sparse fieldset', () => {
  test('retrieve with fields holds exactly those attributes', async () => {
    const sparse = await imports.retrieve('xYZkjABcde', { fields: ['status', 'reference'] });
    expectTypeOf(sparse.attributes).toEqualTypeOf<{ status: ImportStatus; reference: string | null }>();
    // @ts-expect-error processed_count was not asked for
    void sparse.attributes.processed_count;
  });

  test('update, create, list, listAll and waitFor narrow the same way', async () => {
    const updated = await imports.update('xYZkjABcde', { reference: 'x' }, { fields: ['metadata'] });
    expectTypeOf(updated.attributes).toEqualTypeOf<{ metadata: Record<string, unknown> | null }>();
    const created = await imports.create({ resource_type: 'skus', inputs: [{ code: 'A' }] }, { fields: ['status'] });
    expectTypeOf(created.attributes).toEqualTypeOf<{ status: ImportStatus }>();
    const page = await imports.list({ fields: ['status'] });
    expectTypeOf(page.data[0]!.attributes).toEqualTypeOf<{ status: ImportStatus }>();
    for await (const each of imports.listAll({ fields: ['processed_count'] })) {
      expectTypeOf(each.attributes).toEqualTypeOf<{ processed_count: number | null }>();
    }
    // waitFor always polls status, so it is always there.
    const waited = await imports.waitFor('xYZkjABcde', { fields: ['errors_count'] });
    expectTypeOf(waited.attributes).toEqualTypeOf<{ errors_count: number | null; status: ImportStatus }>();
  });

  test('without fields, list and create give full imports', async () => {
    const page = await imports.list({ filter: { status_eq: 'completed' } });
    expectTypeOf(page.data[0]!.attributes.status).toEqualTypeOf<ImportStatus>();
  });
});
