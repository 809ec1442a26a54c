// importAll reads any source a chunk at a time: arrays, iterables, async generators, with memory
// bounded by the chunks being sent; chunks carry the group's reference and CLI-compatible metadata.
import { describe, expect, test } from 'vitest';
import type { ImportAllProgress, ImportInput } from '../../../src/index.js';
import { createsOf, simulatedOrg, skus } from '../../support/simulated-org.js';

describe('sources', () => {
  test('a 25,000-record async generator: 3 imports of 10,000, 10,000 and 5,000, every record imported once', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    let yielded = 0;
    let readWhenFirstCreated: number | undefined;
    simulator.onResponse((response) => {
      if (response.method === 'POST' && readWhenFirstCreated === undefined) readWhenFirstCreated = yielded;
    });
    async function* source(): AsyncGenerator<ImportInput> {
      for (const record of skus(25_000)) {
        yielded++;
        yield record;
      }
    }
    const summary = await client.importAll('skus', source(), { group: 'gen', intervalMs: 5, concurrency: 2 });
    expect(summary).toMatchObject({ group: 'gen', chunks: 3, records_total: 25_000, imported_count: 25_000, failed_count: 0, not_processed_count: 0 });
    expect(createsOf(simulator, 'gen', 3)).toStrictEqual([1, 1, 1]);
    expect(simulator.imports().map((i) => i.attributes.inputs_size).sort()).toStrictEqual([10_000, 10_000, 5_000].sort());
    // Reading ahead is bounded by the running chunks: 2 workers read 2 chunks before the first create is answered.
    expect(readWhenFirstCreated).toBeLessThanOrEqual(20_000);
  });

  test('an iterable that is not an array, and chunk references, origin and metadata as the CLI writes them', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const records = new Set(skus(25));
    const summary = await client.importAll('skus', records.values(), { group: 'cat-2024', chunkSize: 10, total: 25, intervalMs: 5 });
    expect(summary.imported_count).toBe(25);
    const byReference = simulator.imports().sort((a, b) => a.attributes.reference!.localeCompare(b.attributes.reference!));
    expect(byReference.map(({ attributes: a }) => [a.reference, a.reference_origin, a.metadata])).toStrictEqual([
      ['cat-2024-0001', 'commercelayer-imports', { group_id: 'cat-2024', chunk_number: '1/3', chunk_items: '1-10' }],
      ['cat-2024-0002', 'commercelayer-imports', { group_id: 'cat-2024', chunk_number: '2/3', chunk_items: '11-20' }],
      ['cat-2024-0003', 'commercelayer-imports', { group_id: 'cat-2024', chunk_number: '3/3', chunk_items: '21-25' }],
    ]);
  });

  test('without a group, a random one, in the summary and every progress report', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    const progress: ImportAllProgress[] = [];
    const summary = await client.importAll('skus', skus(3), { chunkSize: 2, intervalMs: 5, onProgress: (p) => progress.push(p) });
    expect(summary.group).toMatch(/^[0-9a-f]{12}$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((p) => p.group))).toStrictEqual(new Set([summary.group]));
    expect(progress.at(-1)).toMatchObject({ records_total: 3, chunks_total: 2 });
    expect(Math.max(...progress.map((p) => p.processed_total))).toBe(3);
  });

  test('CSV chunks: a header in every chunk, quoted commas, quotes and line breaks arrive intact', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const tricky = ['Chair, oak', 'The "Big" one', 'Line one\nline two', 'crlf\r\ninside', ' padded '];
    const records = tricky.map((name, i) => ({ code: `C${i}`, name, shipping_category_id: 'nBAvrhRZBl' }));
    const summary = await client.importAll('skus', records, { format: 'csv', chunkSize: 2, intervalMs: 5, group: 'csv' });
    expect(summary.imported_count).toBe(5);
    const imports = simulator.imports().sort((a, b) => a.attributes.reference!.localeCompare(b.attributes.reference!));
    expect(imports.map((i) => i.attributes.format)).toStrictEqual(['csv', 'csv', 'csv']);
    expect(imports.flatMap((i) => i.attributes.inputs.map((row) => row.name))).toStrictEqual(tricky);
  });

  test('an empty source makes no import', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const summary = await client.importAll('skus', [], { group: 'empty' });
    expect(summary).toMatchObject({ chunks: 0, records_total: 0, imported_count: 0 });
    expect(simulator.counts().byMethod.POST ?? 0).toBe(0);
  });
});
