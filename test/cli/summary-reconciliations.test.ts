// What the command line prints of a load's reconciliations, a vanished import and a last read that
// failed: the table's lines and the --json fields, from real summaries of loads on the simulator.
import { describe, expect, test } from 'vitest';
import { summaryJson, summaryText } from '../../src/cli/summary.js';
import { EXIT } from '../../src/cli/cli-error.js';
import type { ImportAllSummary } from '../../src/index.js';
import { simulatedOrg } from '../support/simulated-org.js';

const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Tag ${i}` }));
const report = (summary: ImportAllSummary) => ({ resourceType: 'tags', file: 'tags.json', format: 'json', summary, elapsedMs: 1200, logFile: undefined, lines: undefined, next: { rejects: undefined, reloadCommand: undefined, retryCommand: undefined, tokenOnCommandLine: false } });

describe('the summary of a reconciled load', () => {
  test('a chunk with a second import: its interrupt is a line of the table, and an entry of --json', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const attributes = { resource_type: 'tags' as const, inputs: tags(10), reference: 'cli-0001', reference_origin: 'cli-plugin-imports', metadata: { chunk_items: '1-10' } };
    const kept = await client.create(attributes);
    const other = await client.create(attributes);
    const summary = await client.importAll('tags', tags(10), { group: 'cli', chunkSize: 10, intervalMs: 5 });
    const text = summaryText(report(summary), false);
    expect(text).toContain(
      `  chunk 1 (cli-0001) had more than one import: import ${other.id} interrupted, import ${kept.id} kept. ` +
        `import ${other.id} (made by cli-plugin-imports) was pending while import ${kept.id} (made by cli-plugin-imports) is earlier`,
    );
    const json = summaryJson(report(summary), EXIT.OK);
    expect(json.reconciliations).toStrictEqual([{ when: 'start', chunk: 1, reference: 'cli-0001', id: other.id, kept_id: kept.id, action: 'interrupted', reason: summary.reconciliations[0]!.reason, error: undefined }]);
    expect(json.group_check_error).toBeNull();
  });

  test("another load's import found by the last read: said as such, not as a read that failed", async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    let created: Promise<{ id: string }> | undefined;
    const summary = await client.importAll('tags', tags(10), {
      group: 'shared', chunkSize: 10, intervalMs: 5,
      onProgress: () => {
        created ??= client.create({ resource_type: 'skus', inputs: [{ code: 'S1', name: 'Shirt', shipping_category_id: 'nBAvrhRZBl' }], reference: 'shared-0001', metadata: { chunk_items: '1-1' } });
      },
    });
    const other = await created!;
    const text = summaryText(report(summary), false);
    expect(text).toContain(`  The last read of the group found another load's imports, left as they are: Group shared cannot be resumed with these records: its import ${other.id} (shared-0001) imports skus, where this load imports tags`);
    expect(text).not.toContain('could not be read once more');
  });

  test('two completed imports of a chunk: printed as imported twice, counted once', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    const attributes = { resource_type: 'tags' as const, inputs: tags(10), reference: 'two-0001', metadata: { chunk_items: '1-10' } };
    const first = await client.create(attributes);
    const second = await client.create(attributes);
    await client.waitFor(first.id, { intervalMs: 5 });
    await client.waitFor(second.id, { intervalMs: 5 });
    const summary = await client.importAll('tags', tags(10), { group: 'two', chunkSize: 10, intervalMs: 5 });
    const text = summaryText(report(summary), false);
    expect(text).toMatch(/Records imported\s+10\n/);
    expect(text).toContain(`chunk 1 (two-0001) had more than one import: imported twice (records matched by id or unique key updated twice, not duplicated), counted once, import ${first.id} kept.`);
  });

  test('a vanished import and a last read that failed are printed too', async () => {
    const { client, simulator } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    simulator.fault({ method: 'GET', path: '/api/imports', answer: 503, skip: 1, times: 10 });
    let deleted: Promise<void> | undefined;
    const summary = await client.importAll('tags', tags(10), {
      group: 'vanish', chunkSize: 10, intervalMs: 50,
      onProgress: ({ id, processed_count }) => void ((processed_count ?? 0) > 0 && (deleted ??= client.delete(id))),
    });
    await deleted;
    const text = summaryText(report(summary), false);
    expect(text).toMatch(/chunk 1 vanished \(deleted while followed\): \d+ not processed \(vanish-0001, records 1-10, import \w+\)/);
    expect(text).toContain('The group could not be read once more at the end (');
    expect(text).toContain('run it again to find any create that landed late.');
    const json = summaryJson(report(summary), EXIT.FAILED);
    expect(json.failures).toMatchObject([{ reason: 'vanished', reference: 'vanish-0001' }]);
    expect(json.group_check_error).toMatch(/503/);
  });
});
