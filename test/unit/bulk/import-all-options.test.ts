// What a caller of importAll hears about each option it got wrong: the whole message, naming the
// option and what it takes (or the nearest known name), before any request is sent; and that the
// edge values the messages name are taken. Each bad option is tried alone on a valid load.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/index.js';
import { simulatedOrg, skus } from '../../support/simulated-org.js';

const OPTIONS = 'chunkSize, concurrency, group, format, columns, total, attributes, intervalMs, timeoutMs, interruptOnAbort, retryInterrupted, maxErrors, onResume, onProgress, signal, environment, validate';

describe('a bad option is refused with its own message, before any request', () => {
  test.each<[string, unknown, string]>([
    ['options that are no object', null, 'options must be an object, not null'],
    ['a misspelt option', { intervalms: 5 }, `importAll has no option "intervalms" (did you mean intervalMs?); it takes ${OPTIONS}`],
    ['an option cut short', { timeout: 5 }, `importAll has no option "timeout" (did you mean timeoutMs?); it takes ${OPTIONS}`],
    ['an option near none', { parallelism: 2 }, `importAll has no option "parallelism"; it takes ${OPTIONS}`],
    ['chunkSize 0', { chunkSize: 0 }, 'chunkSize must be a whole number from 1 to 10000'],
    ['chunkSize over an import', { chunkSize: 10_001 }, 'chunkSize must be a whole number from 1 to 10000'],
    ['chunkSize not whole', { chunkSize: 2.5 }, 'chunkSize must be a whole number from 1 to 10000'],
    ['concurrency 0', { concurrency: 0 }, 'concurrency must be a whole number from 1 to 10'],
    ['concurrency 11', { concurrency: 11 }, 'concurrency must be a whole number from 1 to 10'],
    ['intervalMs negative', { intervalMs: -5 }, 'intervalMs must be a positive number'],
    ['intervalMs infinite', { intervalMs: Infinity }, 'intervalMs must be a positive number'],
    ['intervalMs a string', { intervalMs: '5' }, 'intervalMs must be a positive number'],
    ['timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs must be a positive number'],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'timeoutMs must be a positive number'],
    ['an unknown format', { format: 'xml' }, 'format must be "json" or "csv", not xml'],
    ['columns with json', { format: 'json', columns: ['code'] }, 'columns is for format csv only'],
    ['columns not an array', { format: 'csv', columns: 'code' }, 'columns must be a non-empty array of attribute names'],
    ['columns empty', { format: 'csv', columns: [] }, 'columns must be a non-empty array of attribute names'],
    ['a column named ""', { format: 'csv', columns: ['code', ''] }, 'columns must be a non-empty array of attribute names'],
    ['a column that is no string', { format: 'csv', columns: ['code', 7] }, 'columns must be a non-empty array of attribute names'],
    ['a column twice', { format: 'csv', columns: ['code', 'name', 'code'] }, 'columns names an attribute twice'],
    ['total that is not the array\'s length', { total: 4 }, 'total is 4, but the records array holds 3'],
    ['interruptOnAbort not a boolean', { interruptOnAbort: 'yes' }, 'interruptOnAbort must be a boolean'],
    ['retryInterrupted not a boolean', { retryInterrupted: 1 }, 'retryInterrupted must be a boolean'],
    ['maxErrors negative', { maxErrors: -1 }, 'maxErrors must be a whole number from 0 up'],
    ['maxErrors not whole', { maxErrors: 0.5 }, 'maxErrors must be a whole number from 0 up'],
    ['validate a string', { validate: 'yes' }, 'validate must be a boolean or a function'],
    ['onResume not a function', { onResume: true }, 'onResume must be a function'],
    ['onProgress not a function', { onProgress: {} }, 'onProgress must be a function'],
    ['attributes null', { attributes: null }, 'attributes must be an object'],
    ['attributes a string', { attributes: 'skip' }, 'attributes must be an object'],
    ['an attribute importAll sets itself', { attributes: { reference: 'x' } }, 'importAll\'s attributes has no option "reference"; it takes parent_resource_id, skip_errors, metadata'],
    ['a misspelt attribute', { attributes: { skip_error: true } }, 'importAll\'s attributes has no option "skip_error" (did you mean skip_errors?); it takes parent_resource_id, skip_errors, metadata'],
    ['metadata setting group_id', { attributes: { metadata: { group_id: 'x' } } }, 'attributes.metadata cannot set group_id: importAll writes it for each chunk'],
    ['metadata setting chunk_number', { attributes: { metadata: { chunk_number: 1 } } }, 'attributes.metadata cannot set chunk_number: importAll writes it for each chunk'],
    ['metadata setting chunk_items', { attributes: { metadata: { chunk_items: '1-3' } } }, 'attributes.metadata cannot set chunk_items: importAll writes it for each chunk'],
    ['metadata a string', { attributes: { metadata: 'group_id' } }, 'metadata must be a plain object or null, not a string'],
    ['skip_errors not a boolean', { attributes: { skip_errors: 'yes' } }, 'skip_errors must be a boolean'],
    ['a group with a space', { group: 'my load' }, 'group must be a non-empty string without spaces, commas or lone surrogates'],
    ['a group that is no string', { group: 7 }, 'group must be a non-empty string without spaces, commas or lone surrogates'],
  ])('%s', async (_, options, message) => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const run = client.importAll('skus', skus(3), options as object);
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toMatchObject({ message });
    expect(simulator.requests).toHaveLength(0);
  });

  test('a resource type that cannot be imported', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skuz' as 'skus', skus(3))).rejects.toThrow(/^resource_type skuz cannot be imported: use one of .*\bskus\b/);
    expect(simulator.requests).toHaveLength(0);
  });

  test.each([-1, 1.5])('total %s for an iterable', async (total) => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skus', skus(3).values(), { total })).rejects.toMatchObject({ name: 'InputError', message: 'total must be a whole number from 0 up' });
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('the edge values the messages name are taken', () => {
  test.each<[string, object, number]>([
    ['chunkSize 1 and concurrency 10', { chunkSize: 1, concurrency: 10 }, 3],
    ['chunkSize 10000 and concurrency 1', { chunkSize: 10_000, concurrency: 1 }, 1],
    ['maxErrors 0, total equal to the length, validate true', { maxErrors: 0, total: 3, validate: true }, 1],
    ['validate a function, onResume and onProgress functions, both booleans true', {
      validate: () => undefined, onResume: () => undefined, onProgress: () => undefined, interruptOnAbort: true, retryInterrupted: true,
    }, 1],
    ['attributes with skip_errors, a null parent and metadata of its own', { attributes: { skip_errors: true, parent_resource_id: null, metadata: { source: 'test' } } }, 1],
    ['csv with columns', { format: 'csv', columns: ['code', 'name', 'shipping_category_id'] }, 1],
  ])('%s', async (_, options, imports) => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const summary = await client.importAll('skus', skus(3), { intervalMs: 5, ...options });
    expect(summary).toMatchObject({ imported_count: 3, failed_count: 0 });
    expect(simulator.imports()).toHaveLength(imports);
  });

  test('the caller\'s metadata is carried to every chunk beside the group\'s own', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await client.importAll('skus', skus(2), { group: 'meta', chunkSize: 1, intervalMs: 5, attributes: { metadata: { source: 'test' } } });
    expect(simulator.imports().map((each) => each.attributes.metadata)).toStrictEqual([
      { source: 'test', group_id: 'meta', chunk_number: '1/2', chunk_items: '1-1' },
      { source: 'test', group_id: 'meta', chunk_number: '2/2', chunk_items: '2-2' },
    ]);
  });
});
