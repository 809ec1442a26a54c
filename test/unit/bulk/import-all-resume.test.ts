// The server is the journal: a second run of a group after a kill, an abort or a finished load
// creates no duplicate and loses no record; a group made from other records is refused first.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { InputError, type ImportAllResume } from '../../../src/index.js';
import { createsOf, simulatedOrg, skus } from '../../support/simulated-org.js';

const CHILD = fileURLToPath(new URL('../../support/children/import-all-child.mjs', import.meta.url));

function runChild(env: Record<string, string>) {
  const child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, exited };
}

describe('resuming a group', () => {
  test('killed with SIGKILL while chunks run, then run again: every record imported exactly once', async () => {
    const { simulator, client } = await simulatedOrg({ inputsPerSecond: 2_000, rateLimits: false });
    const env = { BASE_URL: simulator.url, GROUP: 'killed', RECORDS: '2000', CHUNK_SIZE: '200', CONCURRENCY: '3' };
    const { child, lines, exited } = runChild(env);
    let created = 0;
    for await (const line of lines) if (line.startsWith('created') && ++created === 4) break;
    child.kill('SIGKILL');
    expect(await exited).toMatchObject({ signal: 'SIGKILL' });
    const before = simulator.imports().length;
    expect(before).toBeGreaterThanOrEqual(4);
    expect(before).toBeLessThan(10);

    let resume: ImportAllResume | undefined;
    const summary = await client.importAll('skus', skus(2000), { group: 'killed', chunkSize: 200, intervalMs: 10, onResume: (r) => (resume = r) });
    expect(resume!.completed + resume!.running).toBe(before);
    expect(summary).toMatchObject({ chunks: 10, imported_count: 2000, failed_count: 0, not_processed_count: 0, resumed_chunks: before });
    expect(createsOf(simulator, 'killed', 10)).toStrictEqual(Array(10).fill(1));
  });

  test('aborted, then resumed: the chunks created before the abort are followed, not created again', async () => {
    const { simulator, client } = await simulatedOrg({ inputsPerSecond: 1_000, rateLimits: false });
    const controller = new AbortController();
    const first = client.importAll('skus', skus(1000), {
      group: 'aborted', chunkSize: 100, intervalMs: 10, signal: controller.signal,
      onProgress: () => simulator.imports().length >= 3 && controller.abort(),
    });
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const made = simulator.imports().length;
    // By default the imports left behind keep running on the server.
    expect(simulator.imports().filter((i) => i.attributes.status === 'interrupted')).toHaveLength(0);
    const summary = await client.importAll('skus', skus(1000), { group: 'aborted', chunkSize: 100, intervalMs: 10 });
    expect(summary).toMatchObject({ imported_count: 1000, resumed_chunks: made });
    expect(createsOf(simulator, 'aborted', 10)).toStrictEqual(Array(10).fill(1));
  });

  test('interruptOnAbort interrupts the group\'s imports still running', async () => {
    const { simulator, client } = await simulatedOrg({ inputsPerSecond: 200, rateLimits: false });
    const controller = new AbortController();
    const run = client.importAll('skus', skus(600), {
      group: 'stop', chunkSize: 200, intervalMs: 10, signal: controller.signal, interruptOnAbort: true,
      onProgress: (p) => p.status === 'in_progress' && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // Every import made, the one whose create was answered after the abort included.
    expect(simulator.imports().map((i) => i.attributes.status)).not.toContain('in_progress');
    expect(simulator.imports().map((i) => i.attributes.status)).not.toContain('pending');
  });

  test('a finished load run again creates nothing and sums up what the server holds', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const records = skus(30, { invalid: [1] });
    const first = await client.importAll('skus', records, { group: 'again', chunkSize: 10, intervalMs: 5 });
    const requestsBefore = simulator.counts().byMethod.POST ?? 0;
    const second = await client.importAll('skus', records, { group: 'again', chunkSize: 10, intervalMs: 5 });
    expect(simulator.counts().byMethod.POST ?? 0).toBe(requestsBefore);
    expect(second).toMatchObject({ resumed_chunks: 3, imported_count: first.imported_count, failed_count: 1 });
    expect(second.errors_log).toStrictEqual(first.errors_log);
  });

  test('a group made with another chunk size, or other records, is refused before anything is created', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await client.importAll('skus', skus(25), { group: 'sized', chunkSize: 10, intervalMs: 5 });
    const posts = simulator.counts().byMethod.POST ?? 0;
    await expect(client.importAll('skus', skus(25), { group: 'sized', chunkSize: 5, intervalMs: 5 })).rejects.toThrow(InputError);
    await expect(client.importAll('skus', skus(30), { group: 'sized', chunkSize: 10, intervalMs: 5 })).rejects.toThrow(/records or the chunk size differ/);
    expect(simulator.counts().byMethod.POST ?? 0).toBe(posts);
  });
});
