// list, show, wait, interrupt and delete: against the Prism mock of the document (the requests must
// match it, the answers are its examples) and against the simulator where an import must move on.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openApiDocument } from '../support/openapi-document.js';
import { assertBuilt, runCli, startCli, waitForOutput } from './run-cli.js';

const TOKEN = 'cli-thin-commands-token-77c1e2';
const ID = 'xYZkjABcde';
const prism = () => ['--base-url', inject('prismUrl'), '--access-token', TOKEN];
const example = (name: string) => openApiDocument.components.examples[name]!.value as { data: { id: string; attributes: Record<string, unknown> } | { id: string }[] };
let sim: Simulator;

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 50, rateLimits: false, accessToken: TOKEN });
});
afterAll(() => sim?.close());

describe('against the mock of the document', () => {
  test('list sends the filters as the document has them and prints the imports', async () => {
    const args = ['list', '--status', 'completed', '--status', 'interrupted', '--type', 'skus', '--group', 'catalogue', '--since', '2024-06-01', '--limit', '3'];
    const json = await runCli([...args, '--json', ...prism()]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout);
    expect(listed.ok).toBe(true);
    expect(listed.imports.length).toBeGreaterThan(0);
    expect(listed.imports.length).toBeLessThanOrEqual(3);
    expect(listed.imports.every((each: Record<string, unknown>) => typeof each.id === 'string' && typeof each.status === 'string' && !('inputs' in each))).toBe(true);
    const text = await runCli([...args, ...prism()]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+TYPE\s+PROCESSED\s+ERRORS\s+CREATED\s+REFERENCE$/);
    expect(text.stdout).toContain(listed.imports[0].id);
  });

  test('show, interrupt and delete print the import, its new status, and that it is gone', async () => {
    const shown = await runCli(['show', ID, '--json', ...prism()]);
    expect(shown.code).toBe(0);
    const { import: found } = JSON.parse(shown.stdout);
    // Prism answers a retrieve with the document's first example, the import in progress.
    const documented = example('InProgressImportResponse').data as { id: string; attributes: Record<string, unknown> };
    expect(found).toMatchObject({ id: documented.id, status: documented.attributes.status, reference: documented.attributes.reference });
    expect((await runCli(['show', ID, ...prism()])).stdout).toMatch(new RegExp(`^id\\s+${found.id}\\nstatus\\s+${found.status}\\n`));

    const interrupted = await runCli(['interrupt', ID, '--json', ...prism()]);
    expect(interrupted.code).toBe(0);
    expect(JSON.parse(interrupted.stdout)).toMatchObject({ ok: true, id: ID });

    const deleted = await runCli(['delete', ID, '--json', ...prism()]);
    expect([deleted.code, JSON.parse(deleted.stdout)]).toStrictEqual([0, { ok: true, id: ID, deleted: true }]);
    expect((await runCli(['delete', ID, ...prism()])).stdout).toBe(`Import ${ID} deleted\n`);
  });

  test('an API error exits 1 with its message; a refused token exits 2; a bad flag value exits 2 before sending', async () => {
    const unauthorized = await runCli(['list', '--base-url', sim.url, '--access-token', 'wrong-token-for-sure']);
    expect(unauthorized.code).toBe(2);
    expect(unauthorized.stderr).toMatch(/credentials were refused/);
    for (const args of [['list', '--status', 'done'], ['list', '--since', 'yesterday'], ['list', '--limit', '0'], ['show'], ['wait', ID, '--interval', '5']]) {
      const result = await runCli([...args, ...prism()]);
      expect(result.code, args.join(' ')).toBe(2);
    }
    const gone = await runCli(['show', 'NoSuchImport1', '--base-url', sim.url, '--access-token', TOKEN]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^commercelayer-imports: Commerce Layer answered 404/);
  });
});

describe('against the simulator', () => {
  const client = () => createImportsClient({ baseUrl: sim.url, accessToken: TOKEN });
  // The seeded shipping category: the simulator checks references.
  const records = (count: number, prefix: string, invalid = 0) =>
    Array.from({ length: count }, (_, i) => ({ code: `${prefix}${i}`, name: i < invalid ? '' : `Name ${i}`, shipping_category_id: 'nBAvrhRZBl' }));

  test('wait follows an import to the end: 0 when completed without errors, 1 otherwise', async () => {
    const done = await client().create({ resource_type: 'skus', inputs: records(40, 'WAIT') });
    const waited = await runCli(['wait', done.id, '--interval', '200', '--base-url', sim.url, '--access-token', TOKEN]);
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(new RegExp(`chunk 1/1 \\S+ \\(${done.id}\\): in_progress`));
    expect(waited.stdout).toContain(`Import ${done.id} completed: 40 of 40 processed, 0 errors, 0 warnings`);

    const failing = await client().create({ resource_type: 'skus', inputs: records(20, 'WAITF', 10) });
    const json = await runCli(['wait', failing.id, '--interval', '200', '--json', '--base-url', sim.url, '--access-token', TOKEN]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exit_code: 1, id: failing.id, status: 'interrupted' });

    const logs = await runCli(['show', failing.id, '--logs', '--base-url', sim.url, '--access-token', TOKEN]);
    expect(logs.stdout).toContain("WAITF0  name: can't be blank");
  });

  test('interrupt stops a running import', async () => {
    const running = await client().create({ resource_type: 'skus', inputs: records(5_000, 'INT') });
    const result = await runCli(['interrupt', running.id, '--base-url', sim.url, '--access-token', TOKEN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Import ${running.id}: interrupted\n`);
    expect(sim.imports().find((each) => each.id === running.id)!.attributes.status).toBe('interrupted');
  });

  test('wait stopped by Ctrl-C exits 130 and leaves the import running', async () => {
    const running = await client().create({ resource_type: 'skus', inputs: records(5_000, 'WAITC') });
    const waiting = startCli(['wait', running.id, '--interval', '100', '--base-url', sim.url, '--access-token', TOKEN]);
    await waitForOutput(waiting.output, (text) => text.includes(`(${running.id}): in_progress`));
    waiting.child.kill('SIGINT');
    const result = await waiting.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`Stopped waiting: import ${running.id} keeps running on the server.`);
    expect(sim.imports().find((each) => each.id === running.id)!.attributes.status).toBe('in_progress');
    await client().interrupt(running.id);
  });

  test('client credentials from CL_CLIENT_ID and CL_CLIENT_SECRET, the token endpoint on --base-url; a wrong secret exits 2', async () => {
    const org = await startSimulator({ rateLimits: false, clients: [{ clientId: 'cli-app', clientSecret: 'cli-app-secret-0a9f' }] });
    try {
      const env = { CL_CLIENT_ID: 'cli-app', CL_CLIENT_SECRET: 'cli-app-secret-0a9f' };
      const listed = await runCli(['list', '--json', '--base-url', org.url], { env });
      expect([listed.code, JSON.parse(listed.stdout)]).toStrictEqual([0, { ok: true, count: 0, imports: [] }]);
      expect(org.counts().tokenRequests).toBe(1);
      const wrong = await runCli(['list', '--base-url', org.url], { env: { ...env, CL_CLIENT_SECRET: 'not-the-secret-at-all' } });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/^commercelayer-imports: the client credentials could not be exchanged for a token: Commerce Layer refused the client credentials: 401/);
      expect(org.requests.filter((request) => request.path.startsWith('/api/'))).toHaveLength(1);
    } finally {
      await org.close();
    }
  });
});
