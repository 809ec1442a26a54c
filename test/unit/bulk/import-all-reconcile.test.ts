// One import per chunk whenever importAll reads its group: a create that landed late is interrupted
// by the last read of the run; another tool's duplicates are reconciled by the first; two completed
// are reported and counted once; an import deleted while followed counts by its last known state.
import { describe, expect, test } from 'vitest';
import { ApiError, type ImportInput } from '../../../src/index.js';
import { simulatedOrg } from '../../support/simulated-org.js';

/** Prices with no natural key: importing them twice cannot fail on "has already been taken". */
const tags = (n: number, from = 0): ImportInput[] =>
  Array.from({ length: n }, (_, i) => ({ name: `Tag ${from + i}` }));

const byReference = (imports: { id: string; attributes: { reference: string | null; status: string } }[], reference: string) =>
  imports.filter((each) => each.attributes.reference === reference).map((each) => ({ id: each.id, status: each.attributes.status }));

describe('reconciling the group', () => {
  test('a create that lands after the look-up window: the last read of the run interrupts it, and the summary says so', async () => {
    // A 200 ms client timeout: a create given up for lost is looked up 200 ms later, and this one lands at 800 ms.
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } }, { timeoutMs: 200 });
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 'store-late', delayMs: 800 });
    async function* records() {
      yield* tags(20);
      // The source ends only once the late create has landed, so that the run's last read can find it.
      await simulator.faultsSettled();
    }
    const summary = await client.importAll('tags', records(), { group: 'late', chunkSize: 10, concurrency: 1, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 20, failed_count: 0, not_processed_count: 0, failures: [] });
    const first = byReference(simulator.imports(), 'late-0001');
    // Created second, the late one: stored after the create sent again.
    expect(first.map((each) => each.status)).toStrictEqual(['completed', 'interrupted']);
    expect(summary.reconciliations).toMatchObject([{ when: 'end', chunk: 0, reference: 'late-0001', id: first[1]!.id, kept_id: first[0]!.id, action: 'interrupted' }]);
    expect(summary.reconciliations[0]!.reason).toMatch(/was pending while import \w+ is completed/);
    expect(summary.imports.map((each) => each.id)).toContain(first[0]!.id);
  });

  test("another tool's imports of a chunk: the earliest kept and followed, the other interrupted before anything is created", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const records = tags(20);
    const cliChunk = { reference: 'tools-0001', reference_origin: 'cli-plugin-imports', metadata: { group_id: 'tools', chunk_number: '1/2', chunk_items: '1-10' } };
    const kept = await client.create({ resource_type: 'tags', inputs: records.slice(0, 10), ...cliChunk });
    const other = await client.create({ resource_type: 'tags', inputs: records.slice(0, 10), ...cliChunk });
    const summary = await client.importAll('tags', records, { group: 'tools', chunkSize: 10, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 20, resumed_chunks: 1, failures: [] });
    expect(summary.reconciliations).toMatchObject([{ when: 'start', chunk: 0, id: other.id, kept_id: kept.id, action: 'interrupted' }]);
    expect(summary.reconciliations[0]!.reason).toBe(`import ${other.id} (made by cli-plugin-imports) was pending while import ${kept.id} (made by cli-plugin-imports) is earlier`);
    expect(byReference(simulator.imports(), 'tools-0001')).toStrictEqual([{ id: kept.id, status: 'completed' }, { id: other.id, status: 'interrupted' }]);
  });

  test('a running import is kept over a pending one; an interrupted one is left alone', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const records = tags(10);
    const attributes = { resource_type: 'tags' as const, inputs: records, reference: 'ahead-0001', metadata: { chunk_items: '1-10' } };
    const stopped = await client.create(attributes);
    await client.interrupt(stopped.id);
    const pending = await client.create(attributes);
    const running = await client.create(attributes);
    await client.retrieve(running.id); // pending → in_progress
    await client.retrieve(running.id); // 3 of 10 processed
    const summary = await client.importAll('tags', records, { group: 'ahead', chunkSize: 10, intervalMs: 5 });
    expect(summary.reconciliations).toMatchObject([{ id: pending.id, kept_id: running.id, action: 'interrupted' }]);
    expect(summary.reconciliations[0]!.reason).toMatch(/is further along$/);
    expect(summary.imports.map((each) => each.id)).toStrictEqual([running.id]);
    expect(byReference(simulator.imports(), 'ahead-0001').map((each) => each.status)).toStrictEqual(['interrupted', 'interrupted', 'completed']);
  });

  test('in progress ranks above pending: with equal records gone through, the earlier pending one is interrupted', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    const records = tags(10);
    const attributes = { resource_type: 'tags' as const, inputs: records, reference: 'rank-0001', metadata: { chunk_items: '1-10' } };
    const pending = await client.create(attributes);
    const running = await client.create(attributes);
    const started = await client.retrieve(running.id); // pending → in_progress, nothing processed yet
    expect(started.attributes).toMatchObject({ status: 'in_progress', processed_count: 0, errors_count: 0 });
    const summary = await client.importAll('tags', records, { group: 'rank', chunkSize: 10, intervalMs: 5 });
    expect(summary.reconciliations).toMatchObject([{ when: 'start', id: pending.id, kept_id: running.id, action: 'interrupted' }]);
    expect(summary.reconciliations[0]!.reason).toMatch(/is further along$/);
    expect(summary.imports.map((each) => each.id)).toStrictEqual([running.id]);
    expect(byReference(simulator.imports(), 'rank-0001')).toStrictEqual([{ id: pending.id, status: 'interrupted' }, { id: running.id, status: 'completed' }]);
  });

  test("the run's import ends interrupted and a late duplicate completed: the summary counts the completed one for the chunk", async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } }, { timeoutMs: 200 });
    simulator.fault({ method: 'POST', path: '/api/imports', answer: 'store-late', delayMs: 800 });
    let interrupted: Promise<unknown> | undefined;
    let followed: string | undefined;
    async function* records() {
      yield* tags(20);
      await simulator.faultsSettled();
      // The late create, landed: it runs to the end before the run's last read of the group.
      const late = simulator.imports().find((each) => each.attributes.reference === 'swap-0001' && each.id !== followed)!;
      await client.waitFor(late.id, { intervalMs: 5 });
    }
    const summary = await client.importAll('tags', records(), {
      group: 'swap', chunkSize: 10, concurrency: 1, intervalMs: 5,
      onProgress: ({ chunk, id }) => {
        if (chunk !== 0 || interrupted) return;
        followed = id;
        interrupted = client.interrupt(id);
      },
    });
    await interrupted;
    const first = byReference(simulator.imports(), 'swap-0001');
    expect(first).toStrictEqual([{ id: followed, status: 'interrupted' }, { id: expect.not.stringMatching(followed!) as string, status: 'completed' }]);
    expect(summary).toMatchObject({ records_total: 20, imported_count: 20, failed_count: 0, not_processed_count: 0, failures: [], not_processed: [] });
    expect(summary.imports.map((each) => each.id)).toContain(first[1]!.id);
    expect(summary.imports.map((each) => each.id)).not.toContain(followed);
    expect(summary.group_check_error).toBeUndefined();
  });

  test('two completed imports of a chunk: counted once, reported once as imported twice', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    const records = tags(10);
    const attributes = { resource_type: 'tags' as const, inputs: records, reference: 'twice-0001', metadata: { chunk_items: '1-10' } };
    const first = await client.create(attributes);
    const second = await client.create(attributes);
    await client.waitFor(first.id, { intervalMs: 5 });
    await client.waitFor(second.id, { intervalMs: 5 });
    const summary = await client.importAll('tags', records, { group: 'twice', chunkSize: 10, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 10, not_processed_count: 0, resumed_chunks: 1 });
    expect(summary.reconciliations).toMatchObject([{ when: 'start', id: second.id, kept_id: first.id, action: 'imported_twice' }]);
    expect(summary.reconciliations[0]!.reason).toMatch(/both completed: the chunk's records were imported twice, and are counted once/);
  });

  test('the last read fails: the summary says the group was not checked, and every record is still accounted for', async () => {
    const { client, simulator } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    // The first list is the start's read; the next ones, the end's read and its retries.
    simulator.fault({ method: 'GET', path: '/api/imports', answer: 503, skip: 1, times: 10 });
    const summary = await client.importAll('tags', tags(20), { group: 'unchecked', chunkSize: 10, intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 20, reconciliations: [] });
    expect(summary.group_check_error).toBeInstanceOf(ApiError);
    expect(summary.group_check_error).toMatchObject({ status: 503 });
  });
});

describe('an import that vanishes', () => {
  test('deleted while followed: its processed records count as imported, the rest as not processed, and the summary says it vanished', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 4 } });
    let deleted: Promise<void> | undefined;
    let lastSeen = -1;
    const summary = await client.importAll('tags', tags(20), {
      group: 'gone', chunkSize: 10, concurrency: 1, intervalMs: 50,
      onProgress: ({ chunk, id, processed_count }) => {
        if (chunk !== 0) return;
        lastSeen = processed_count ?? 0;
        if (lastSeen > 0) deleted ??= client.delete(id);
      },
    });
    await deleted;
    expect(lastSeen).toBeGreaterThan(0);
    expect(lastSeen).toBeLessThan(10);
    expect(summary).toMatchObject({ records_total: 20, imported_count: 10 + lastSeen, failed_count: 0, not_processed_count: 10 - lastSeen });
    expect(summary.failures).toMatchObject([{ chunk: 0, reason: 'vanished', not_processed: 10 - lastSeen }]);
    expect(summary.failures[0]!.error).toBeUndefined();
    expect(simulator.imports()).toHaveLength(1);
  });
});
