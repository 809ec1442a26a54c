// Every failed or unprocessed record traced to its place in the load, a load failing everywhere
// stopping early, and interrupted chunks created again. Records fail by lacking a required value
// (never created, so loading them again fixed creates them, whether the simulator updates
// existing records or not).
import { describe, expect, test } from 'vitest';
import { type ImportInput, InputError } from '../../../src/index.js';
import { traceErrors } from '../../../src/bulk/record-positions.js';
import { SEED_RECORDS } from '../../../src/simulator/index.js';
import { createsOf, simulatedOrg, skus } from '../../support/simulated-org.js';

/** The SKUs, those at the given 0-based indexes without a shipping category (a required relationship). */
const skusLacking = (n: number, indexes: number[], from = 0): ImportInput[] =>
  skus(n, { from }).map((record, i) => (indexes.includes(i) ? { ...record, shipping_category_id: '' } : record));

describe('failed records, by position', () => {
  test('prices without codes failing at the same place in two chunks are two records, at their own positions', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, records: { ...SEED_RECORDS, skus: skus(20).map((sku, i) => ({ ...sku, id: `sku${i}` })) } });
    const prices = Array.from({ length: 20 }, (_, i) => ({ sku_code: `SKU${i}`, price_list_id: 'vLrWQSwXNk', ...(i % 10 === 3 ? {} : { amount_cents: 100 + i }) }));
    const summary = await client.importAll('prices', prices, { group: 'prices', chunkSize: 10, intervalMs: 5, attributes: { skip_errors: true } });
    const missing = summary.failed_records.filter((record) => record.errors.amount_cents);
    expect(missing.map(({ position, chunk, key }) => ({ position, chunk, key }))).toStrictEqual([
      { position: 4, chunk: 0, key: '3' },
      { position: 14, chunk: 1, key: '3' },
    ]);
    expect(missing[0]!.errors.amount_cents).toStrictEqual(["can't be blank"]);
    // One record, one entry: the counts agree, whatever else fails.
    expect(summary.failed_records).toHaveLength(summary.failed_count);
    expect(summary.unmatched_errors).toStrictEqual([]);
    expect(new Set(summary.failed_records.map((record) => record.position)).size).toBe(summary.failed_count);
  });

  test('SKUs keyed by code: each failed record at its position; an interrupted chunk\'s rest as a range of positions', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    // Chunk 1: one failure in 10 (not over 10%); chunk 2: its 3rd and 5th fail, so it is interrupted at its 5th record.
    const records = skusLacking(30, [6, 12, 14]);
    const summary = await client.importAll('skus', records, { group: 'traced', chunkSize: 10, intervalMs: 5 });
    expect(summary.failed_records.map(({ position, chunk, key }) => ({ position, chunk, key }))).toStrictEqual([
      { position: 7, chunk: 0, key: 'SKU6' },
      { position: 13, chunk: 1, key: 'SKU12' },
      { position: 15, chunk: 1, key: 'SKU14' },
    ]);
    expect(summary.not_processed).toStrictEqual([{ chunk: 1, first: 16, last: 20, reason: 'interrupted' }]);
    expect(summary).toMatchObject({ imported_count: 22, failed_count: 3, not_processed_count: 5 });
  });

  test('an errors_log key that matches no record of its chunk is reported as unmatched, never guessed', () => {
    const keys = ['A', undefined, 'C'];
    const traced = traceErrors(4, 41, keys, { C: { name: ['x'] }, 1: { code: ["can't be blank"] }, 2: { name: ['y'] }, ZZZ: 'gone' });
    expect(traced.failed.map((record) => ({ ...record, errors: { ...record.errors } }))).toStrictEqual([
      { position: 42, chunk: 4, key: '1', errors: { code: ["can't be blank"] } },
      { position: 43, chunk: 4, key: 'C', errors: { name: ['x'] } },
    ]);
    // "2" names a place whose record has a code, so it is keyed by code, not by place; "ZZZ" is no record's.
    expect(traced.unmatched.map((entry) => ({ ...entry, errors: { ...entry.errors } }))).toStrictEqual([
      { chunk: 4, key: '2', errors: { name: ['y'] } },
      { chunk: 4, key: 'ZZZ', errors: { base: ['gone'] } },
    ]);
  });
});

describe('stopping early', () => {
  test('a load whose every record fails creates 3 chunks, not 10, and accounts for every record', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const records = skusLacking(100, Array.from({ length: 100 }, (_, i) => i));
    const summary = await client.importAll('skus', records, { group: 'hopeless', chunkSize: 10, intervalMs: 5, concurrency: 1 });
    expect(simulator.imports()).toHaveLength(3);
    expect(summary.stopped_early).toMatch(/first 3 chunks that ended were all interrupted/);
    expect(summary.imported_count + summary.failed_count + summary.not_processed_count).toBe(100);
    expect(summary.not_processed.filter((range) => range.reason === 'stopped').map(({ first, last }) => [first, last])).toStrictEqual(
      Array.from({ length: 7 }, (_, i) => [31 + i * 10, 40 + i * 10]),
    );
    // Run again with other settings: the chunks the first run finished do not count against this one.
    const rerun = await client.importAll('skus', records, { group: 'hopeless', chunkSize: 10, intervalMs: 5, concurrency: 1, attributes: { skip_errors: true } });
    expect(simulator.imports()).toHaveLength(6);
    expect(rerun.stopped_early).toMatch(/30 records of the 30 gone through failed/);
  });

  test('with skip_errors, more than half failing stops it too; maxErrors sets the count instead', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const all = Array.from({ length: 100 }, (_, i) => i);
    const skipped = await client.importAll('skus', skusLacking(100, all), { group: 'skipped', chunkSize: 10, intervalMs: 5, concurrency: 1, attributes: { skip_errors: true } });
    expect(skipped.stopped_early).toMatch(/30 records of the 30 gone through failed/);
    const capped = await client.importAll('skus', skusLacking(100, [0, 1, 2], 1000), { group: 'capped', chunkSize: 10, intervalMs: 5, concurrency: 1, maxErrors: 2, attributes: { skip_errors: true } });
    expect(capped.stopped_early).toMatch(/3 records failed, more than maxErrors \(2\)/);
    expect(simulator.imports().filter((each) => each.attributes.reference?.startsWith('capped-'))).toHaveLength(1);
    expect(capped).toMatchObject({ imported_count: 7, failed_count: 3, not_processed_count: 90 });
    await expect(client.importAll('skus', skus(1), { maxErrors: -1 })).rejects.toBeInstanceOf(InputError);
  });
});

describe('retryInterrupted', () => {
  test('creates again only the chunks an earlier run left interrupted, with this run\'s attributes', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    // Chunk 2's first two records fail: it is interrupted before it imports any.
    const records = skusLacking(30, [10, 11]);
    const first = await client.importAll('skus', records, { group: 'again', chunkSize: 10, intervalMs: 5 });
    expect(first.not_processed).toStrictEqual([{ chunk: 1, first: 13, last: 20, reason: 'interrupted' }]);
    const plain = await client.importAll('skus', records, { group: 'again', chunkSize: 10, intervalMs: 5 });
    expect(createsOf(simulator, 'again', 3)).toStrictEqual([1, 1, 1]);
    expect(plain.not_processed_count).toBe(8);

    let retrying: number | undefined;
    const retried = await client.importAll('skus', records, {
      group: 'again', chunkSize: 10, intervalMs: 5, retryInterrupted: true, attributes: { skip_errors: true }, onResume: (resume) => (retrying = resume.retrying),
    });
    expect(retrying).toBe(1);
    expect(createsOf(simulator, 'again', 3)).toStrictEqual([1, 2, 1]);
    expect(retried).toMatchObject({ retried_chunks: 1, resumed_chunks: 2, imported_count: 28, failed_count: 2, not_processed_count: 0, not_processed: [] });
    expect(retried.failed_records.map((record) => record.position)).toStrictEqual([11, 12]);
    const again = simulator.imports().filter((each) => each.attributes.reference === 'again-0002');
    expect(again.map((each) => [each.attributes.status, each.attributes.skip_errors])).toStrictEqual([['interrupted', false], ['completed', true]]);
  });
});
