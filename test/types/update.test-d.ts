// Compile-time checks: vitest typecheck (and tsc) fail when one of these stops holding.
import { describe, expectTypeOf, test } from 'vitest';
import { createImportsClient, type Import, type ImportsClient, type ImportStatus } from '../../src/index.js';

declare const client: ImportsClient;
type FourStatuses = 'pending' | 'in_progress' | 'interrupted' | 'completed';

describe('update() attributes', () => {
  test('the four updatable attributes, in their types, compile', () => {
    void client.update('xYZkjABcde', { reference: 'ANY-EXTERNAL-REFEFERNCE' });
    void client.update('xYZkjABcde', { reference: null, reference_origin: null });
    void client.update('xYZkjABcde', { metadata: { foo: 'bar', batch: 42 } });
    void client.update('xYZkjABcde', { _interrupt: true });
    // Commerce Layer's importUpdate lets metadata be null, as reference and reference_origin: it clears them.
    void client.update('xYZkjABcde', { metadata: null });
  });

  test('a wrong attribute name does not compile', () => {
    // @ts-expect-error status is returned, not updatable
    void client.update('xYZkjABcde', { status: 'completed' });
    // @ts-expect-error a misspelt attribute
    void client.update('xYZkjABcde', { refrence: 'x' });
    // @ts-expect-error an attribute of another resource
    void client.update('xYZkjABcde', { code: 'ABC' });
  });

  test('a wrong attribute type does not compile', () => {
    // @ts-expect-error reference is a string or null
    void client.update('xYZkjABcde', { reference: 42 });
    // @ts-expect-error reference_origin is a string or null
    void client.update('xYZkjABcde', { reference_origin: false });
    // @ts-expect-error _interrupt is a boolean
    void client.update('xYZkjABcde', { _interrupt: 'yes' });
    // @ts-expect-error metadata is an object
    void client.update('xYZkjABcde', { metadata: 'foo=bar' });
    // @ts-expect-error the id is a string
    void client.update(42, { reference: 'x' });
  });
});

describe('the result', () => {
  test('update() and interrupt() resolve to the import', () => {
    expectTypeOf(client.update('xYZkjABcde', { reference: 'x' })).resolves.toEqualTypeOf<Import>();
    expectTypeOf(client.interrupt('xYZkjABcde')).resolves.toEqualTypeOf<Import>();
  });

  test('attributes.status is exactly the four-value union, always there in a full import', () => {
    expectTypeOf<ImportStatus>().toEqualTypeOf<FourStatuses>();
    expectTypeOf<Import['attributes']['status']>().toEqualTypeOf<FourStatuses>();
    expectTypeOf<NonNullable<Import['attributes']['status']>>().toEqualTypeOf<FourStatuses>();
  });

  test('counts are numbers and flags booleans, not the seed page strings', () => {
    expectTypeOf<NonNullable<Import['attributes']['errors_count']>>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<Import['attributes']['cleanup_records']>>().toEqualTypeOf<boolean>();
  });
});

describe('fields', () => {
  test('only attribute names are accepted', () => {
    void client.update('xYZkjABcde', { reference: 'x' }, { fields: ['status', 'reference'] });
    // @ts-expect-error not an attribute of an import
    void client.update('xYZkjABcde', { reference: 'x' }, { fields: ['bogus'] });
    // @ts-expect-error one name per item, not a comma-separated string
    void client.update('xYZkjABcde', { reference: 'x' }, { fields: ['status,reference'] });
    // @ts-expect-error an array, not a string
    void client.interrupt('xYZkjABcde', { fields: 'status' });
  });
});

describe('createImportsClient', () => {
  test('takes exactly one of organization and baseUrl', () => {
    expectTypeOf(createImportsClient).toBeCallableWith({ organization: 'yourdomain', accessToken: 't' });
    expectTypeOf(createImportsClient).toBeCallableWith({ baseUrl: 'http://127.0.0.1:4010', accessToken: 't' });
    // @ts-expect-error both
    void (() => createImportsClient({ organization: 'yourdomain', baseUrl: 'http://127.0.0.1:4010', accessToken: 't' }));
    // @ts-expect-error neither
    void (() => createImportsClient({ accessToken: 't' }));
  });

  test('accessToken is a string or a function returning one, now or later', () => {
    expectTypeOf(createImportsClient).toBeCallableWith({ organization: 'yourdomain', accessToken: () => 't' });
    expectTypeOf(createImportsClient).toBeCallableWith({ organization: 'yourdomain', accessToken: async () => 't' });
    // @ts-expect-error required
    void (() => createImportsClient({ organization: 'yourdomain' }));
    // @ts-expect-error a number is not a token
    void (() => createImportsClient({ organization: 'yourdomain', accessToken: 42 }));
  });
});

describe('environment', () => {
  test('live or test, on the client and on importAll; nothing else compiles', () => {
    expectTypeOf(createImportsClient).toBeCallableWith({ organization: 'yourdomain', accessToken: 't', environment: 'live' });
    void client.importAll('skus', [], { environment: 'test' });
    // @ts-expect-error not an environment
    void (() => createImportsClient({ organization: 'yourdomain', accessToken: 't', environment: 'production' }));
    // @ts-expect-error not an environment
    void client.importAll('skus', [], { environment: 'prod' });
  });
});
