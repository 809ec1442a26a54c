// update, interrupt --group and delete --group, against the simulator (which keeps what was sent)
// and, for update, the Prism mock of the document (which refuses a request the document does not allow).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, cliEnv, MAIN, runCli } from './run-cli.js';

const TOKEN = 'cli-groups-token-5d0c9a';
let sim: Simulator;
const at = () => ['--base-url', sim.url, '--access-token', TOKEN];
const client = () => createImportsClient({ baseUrl: sim.url, accessToken: TOKEN });
const skus = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ code: `${prefix}${i}`, name: `Name ${i}`, shipping_category_id: 'nBAvrhRZBl' }));
const stored = (id: string) => sim.imports().find((each) => each.id === id);

beforeAll(async () => {
  assertBuilt();
  // Imports move only when retrieved: they stay pending or in progress as long as a test needs.
  sim = await startSimulator({ pacing: { pollsToFinish: 3 }, rateLimits: false, accessToken: TOKEN });
});
afterAll(() => sim?.close());

describe('update', () => {
  test('sets reference and origin, sets metadata keys keeping the others, and prints the updated import', async () => {
    const made = await client().create({ resource_type: 'skus', inputs: skus(2, 'UPD'), reference: 'old', metadata: { group_id: 'g1', chunk_number: '1/2' } });
    const text = await runCli(['update', made.id, '--reference', 'erp-42', '--reference-origin', 'erp', '--metadata', 'owner=team', '--metadata', 'note=a=b', ...at()]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^id\\s+${made.id}\\n`));
    expect(text.stdout).toMatch(/\nreference\s+erp-42\n/);
    const attributes = stored(made.id)!.attributes;
    expect([attributes.reference, attributes.reference_origin]).toStrictEqual(['erp-42', 'erp']);
    expect(attributes.metadata).toStrictEqual({ group_id: 'g1', chunk_number: '1/2', owner: 'team', note: 'a=b' });

    const json = await runCli(['update', made.id, '--metadata-json', '{"only":1}', '--json', ...at()]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, import: { id: made.id, reference: 'erp-42', metadata: { only: 1 } } });
    expect(stored(made.id)!.attributes.metadata).toStrictEqual({ only: 1 });
  });

  test('--clear-* sends null; --reference \'\' sends an empty string', async () => {
    const made = await client().create({ resource_type: 'skus', inputs: skus(1, 'CLR'), reference: 'r', reference_origin: 'o', metadata: { a: '1' } });
    const cleared = await runCli(['update', made.id, '--clear-reference', '--clear-reference-origin', '--clear-metadata', '--json', ...at()]);
    expect(cleared.code).toBe(0);
    const attributes = stored(made.id)!.attributes;
    expect([attributes.reference, attributes.reference_origin, attributes.metadata]).toStrictEqual([null, null, null]);
    expect((await runCli(['update', made.id, '--reference', '', ...at()])).code).toBe(0);
    expect(stored(made.id)!.attributes.reference).toBe('');
  });

  test('the document takes each change as the command sends it (Prism refuses what it does not allow)', async () => {
    const prism = ['--base-url', inject('prismUrl'), '--access-token', TOKEN];
    for (const flags of [['--clear-metadata'], ['--metadata-json', '{"a":{"b":[1]}}'], ['--clear-reference', '--reference-origin', 'x']]) {
      const result = await runCli(['update', 'xYZkjABcde', ...flags, '--json', ...prism]);
      expect(result.code, `${flags.join(' ')}: ${result.stderr}`).toBe(0);
    }
  });

  test('wrong or missing flags exit 2 before anything is sent', async () => {
    const before = sim.requests.length;
    const cases = [
      [],
      ['--reference', 'a', '--clear-reference'],
      ['--metadata', 'a=1', '--clear-metadata'],
      ['--metadata', 'a=1', '--metadata-json', '{}'],
      ['--metadata', 'novalue'],
      ['--metadata', '=x'],
      ['--metadata', 'a=1', '--metadata', 'a=2'],
      ['--metadata-json', '[1]'],
      ['--metadata-json', 'null'],
      ['--metadata-json', '{nope'],
    ];
    for (const flags of cases) {
      const result = await runCli(['update', 'xYZkjABcde', ...flags, ...at()]);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr, flags.join(' ')).toMatch(/^commercelayer-imports: /);
    }
    expect(sim.requests.length).toBe(before);
  });
});

describe('whole groups', () => {
  test('interrupt --group interrupts every pending or in-progress import of the group, and only those', async () => {
    const c = client();
    const ours = [await c.create({ resource_type: 'skus', inputs: skus(3, 'GA'), reference: 'grp-a-0001' }), await c.create({ resource_type: 'skus', inputs: skus(3, 'GB'), reference: 'grp-a-0002' })];
    await c.retrieve(ours[1]!.id); // in progress
    // Another group whose name starts with this one's, and an import outside any group.
    const theirs = [await c.create({ resource_type: 'skus', inputs: skus(1, 'GC'), reference: 'grp-a-b-0001' }), await c.create({ resource_type: 'skus', inputs: skus(1, 'GD'), reference: 'grp-a-notes' })];

    const result = await runCli(['interrupt', '--group', 'grp-a', ...at()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Import ${ours[0]!.id} (grp-a-0001): interrupted\nImport ${ours[1]!.id} (grp-a-0002): interrupted\nGroup grp-a: 2 of 2 interrupted\n`);
    expect(ours.map(({ id }) => stored(id)!.attributes.status)).toStrictEqual(['interrupted', 'interrupted']);
    expect(theirs.map(({ id }) => stored(id)!.attributes.status)).toStrictEqual(['pending', 'pending']);

    const again = await runCli(['interrupt', '--group', 'grp-a', '--json', ...at()]);
    expect([again.code, JSON.parse(again.stdout)]).toStrictEqual([0, { ok: true, exit_code: 0, group: 'grp-a', imports: [] }]);
  });

  test('delete --group needs --yes without a terminal, then deletes every import of the group and says the records stay', async () => {
    const c = client();
    const ours = [await c.create({ resource_type: 'skus', inputs: skus(2, 'DA'), reference: 'del-g-0001' }), await c.create({ resource_type: 'skus', inputs: skus(2, 'DB'), reference: 'del-g-0002' })];
    await c.interrupt(ours[0]!.id);
    const other = await c.create({ resource_type: 'skus', inputs: skus(1, 'DC'), reference: 'del-g-x-0001' });

    const refused = await runCli(['delete', '--group', 'del-g', ...at()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no terminal to ask on: add --yes/);
    expect(ours.every(({ id }) => stored(id) !== undefined)).toBe(true);

    const help = await runCli(['delete', '--help']);
    expect(help.stdout).toMatch(/never deletes the\s+records they imported/);

    const result = await runCli(['delete', '--group', 'del-g', '--yes', '--json', ...at()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual({
      ok: true, exit_code: 0, group: 'del-g',
      imports: ours.map(({ id }, i) => ({ id, reference: `del-g-000${i + 1}`, status: 'deleted' })),
    });
    expect(ours.map(({ id }) => stored(id))).toStrictEqual([undefined, undefined]);
    expect(stored(other.id)).toBeDefined();
  });

  test('on a terminal, delete --group asks first: anything but yes deletes nothing; yes deletes', async () => {
    const made = await client().create({ resource_type: 'skus', inputs: skus(1, 'TA'), reference: 'ask-g-0001' });
    const no = await underTerminal(['delete', '--group', 'ask-g', ...at()], 'n');
    expect(no.screen).toContain('Delete 1 import of group ask-g? The records they imported stay. [y/N]');
    expect(no.screen).toContain('Nothing was deleted.');
    expect(no.code).toBe(1);
    expect(stored(made.id)).toBeDefined();
    const yes = await underTerminal(['delete', '--group', 'ask-g', ...at()], 'y');
    expect(yes.code).toBe(0);
    expect(yes.screen).toContain(`Import ${made.id} (ask-g-0001): deleted`);
    expect(stored(made.id)).toBeUndefined();
  });

  test('an import that fails is reported on its line, the others still done, and the command exits 1', async () => {
    const c = client();
    const ours = [await c.create({ resource_type: 'skus', inputs: skus(1, 'FA'), reference: 'fail-g-0001' }), await c.create({ resource_type: 'skus', inputs: skus(1, 'FB'), reference: 'fail-g-0002' })];
    // The first one's DELETE is answered 500 every time: the client's retries do not get it through.
    sim.fault({ method: 'DELETE', path: `/api/imports/${ours[0]!.id}`, answer: 500, times: 10 });
    const result = await runCli(['delete', '--group', 'fail-g', '--yes', ...at()]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Import ${ours[0]!.id} \\(fail-g-0001\\): failed: Commerce Layer answered 500`));
    expect(lines.slice(1)).toStrictEqual([`Import ${ours[1]!.id} (fail-g-0002): deleted`, 'Group fail-g: 1 of 2 deleted, 1 failed']);
    expect(stored(ours[0]!.id)).toBeDefined();
    expect(stored(ours[1]!.id)).toBeUndefined();
  });

  test('an id and --group together, or neither, or --yes without --group, exit 2', async () => {
    for (const args of [['interrupt'], ['interrupt', 'abc', '--group', 'g'], ['delete'], ['delete', 'abc', '--group', 'g'], ['delete', 'abc', '--yes'], ['delete', '--group', 'a b', '--yes']]) {
      const result = await runCli([...args, ...at()]);
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});

/** Runs the command line under a pseudo-terminal (`script`), typing `answer` once it asks. */
function underTerminal(args: string[], answer: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', [process.execPath, MAIN, ...args].join(' '), '/dev/null'], { env: cliEnv({ TERM: 'dumb' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (answered || !screen.includes('[y/N]')) return;
      answered = true;
      child.stdin.write(`${answer}\r`);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen }));
  });
}
