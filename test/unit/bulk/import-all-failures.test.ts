// Failures without a clear answer, every record accounted for, every option checked before the
// first request, the default concurrency, and processes that end on their own.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/index.js';
import { createsOf, simulatedOrg, skus } from '../../support/simulated-org.js';

describe('creating each chunk once', () => {
  test('a create whose connection drops after the import was stored makes exactly one import', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 'drop-after-store', times: 2 });
    const summary = await client.importAll('skus', skus(30), { group: 'dropped', chunkSize: 10, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 30, failures: [] });
    expect(createsOf(simulator, 'dropped', 3)).toStrictEqual([1, 1, 1]);
  });

  test('a 503 before anything was stored: looked up, not found, created again', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 503, times: 2 });
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 'drop' });
    const summary = await client.importAll('skus', skus(20), { group: 'retried', chunkSize: 10, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 20, failures: [] });
    expect(createsOf(simulator, 'retried', 2)).toStrictEqual([1, 1]);
  });

  test('a 422 fails its chunk alone; its records are counted as not processed', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 422, skip: 1 });
    const summary = await client.importAll('skus', skus(30), { group: 'refused', chunkSize: 10, intervalMs: 5, concurrency: 1 });
    expect(summary).toMatchObject({ imported_count: 20, failed_count: 0, not_processed_count: 10 });
    expect(summary.failures).toMatchObject([{ chunk: 1, reference: 'refused-0002', chunk_items: '11-20', not_processed: 10, reason: 'error', error: { status: 422 } }]);
  });
});

describe('every record accounted for', () => {
  test('failed inputs, an interrupted chunk and its unprocessed rest add up to the total', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, inputsPerSecond: 50_000 });
    // Chunk 2 (records 11-20) has 5 invalid records of 10: more than 10%, so it is interrupted.
    const records = skus(30, { invalid: [3, 10, 11, 12, 13, 14] });
    const summary = await client.importAll('skus', records, { group: 'mixed', chunkSize: 10, intervalMs: 5 });
    expect(summary.imported_count + summary.failed_count + summary.not_processed_count).toBe(30);
    expect(summary.failures.map((f) => [f.reference, f.reason])).toContainEqual(['mixed-0002', 'interrupted']);
    expect(summary.failed_count).toBe(Object.keys(summary.errors_log).length);
    expect(summary.imports.map((i) => i.attributes.status)).toContain('interrupted');
  });
});

describe('options', () => {
  test.each([
    [{ timeoutMs: -1 }, /timeoutMs must be a positive number/],
    [{ intervalMs: 0 }, /intervalMs must be a positive number/],
    [{ onProgress: 'x' }, /onProgress must be a function/],
    [{ chunksize: 100 }, /no option "chunksize" \(did you mean chunkSize\?\)/],
    [{ concurrency: 11 }, /concurrency must be a whole number from 1 to 10/],
    [{ group: 'has space' }, /group must be/],
    [{ columns: ['code'] }, /columns is for format csv only/],
    [{ attributes: { reference: 'x' } }, /no option "reference"/],
    [{ attributes: { metadata: { chunk_items: 'x' } } }, /cannot set chunk_items/],
  ])('%o is refused before any request', async (options, message) => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skus', skus(25_000), options as object)).rejects.toThrow(message);
    await expect(client.importAll('skus', skus(1), options as object)).rejects.toBeInstanceOf(InputError);
    expect(simulator.counts().requests).toBe(0);
  });

  test('a record that JSON cannot carry stops the load with the record number', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skus', [{ code: 'A' }, { code: 'B', price: Number.NaN }])).rejects.toThrow(/Record 2\.price is NaN/);
  });

  test('concurrency is 3 by default: 5 chunks, 3 imports in progress at most', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, inputsPerSecond: 1_000 });
    await client.importAll('skus', skus(500), { chunkSize: 100, intervalMs: 5 });
    expect(simulator.peakRunning).toBe(3);
  });

  test('chunkSize is 10,000 by default', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await client.importAll('skus', skus(10_001), { intervalMs: 5 });
    expect(simulator.imports().map((i) => i.attributes.inputs_size).sort((a, b) => (a ?? 0) - (b ?? 0))).toStrictEqual([1, 10_000]);
  });
});

describe('a process using the client', () => {
  const CHILD = fileURLToPath(new URL('../../support/children/import-all-child.mjs', import.meta.url));
  test.each([
    ['importAll', 'summary {"imported":50,"chunks":5}'],
    ['waitFor', 'waited completed'],
  ])('exits on its own when %s ends: no timer or socket left', async (mode, last) => {
    const { simulator } = await simulatedOrg({ rateLimits: false });
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, MODE: mode, BASE_URL: simulator.url, GROUP: 'exits', RECORDS: '50', CHUNK_SIZE: '10', CONCURRENCY: '3' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    // A timer or socket left behind keeps the child alive; the kill after 20 s only keeps a hang from stalling the suite.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    clearTimeout(guard);
    expect(output).toContain(last);
    expect([code, signal]).toStrictEqual([0, null]);
  });
});
