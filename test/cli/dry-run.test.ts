// `import --dry-run` and the import's check pass, as a user runs them: child processes against the
// simulator. Every record is checked against its type's rules before anything is sent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli as run, scratchDir, type CliOptions } from './run-cli.js';

const TOKEN = 'cli-dry-run-test-token-8d1e4a';
const CATEGORY = 'nBAvrhRZBl';
let sim: Simulator;
const scratch = scratchDir();
const file = scratch.file;
const runCli = (args: string[], options: CliOptions = {}) => run(args, { cwd: scratch.dir, ...options });
const connection = () => ['--base-url', sim.url, '--access-token', TOKEN];
const posts = () => sim.counts().byMethod.POST ?? 0;

beforeAll(async () => {
  assertBuilt();
  // Imports move only when polled: one created by a test stays where the test leaves it.
  sim = await startSimulator({ rateLimits: false, accessToken: TOKEN, pacing: { pollsToFinish: 2 } });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

/**
 * A CSV file whose invalid records start on lines 3, 7 and 9: a blank line, a quoted line break and
 * CRLF in between. A row without its code can only create a SKU, so what a new SKU needs is required;
 * a row with its code may update one (line 11): what it lacks is a note, not an error.
 */
const MIXED_CSV = [
  'code,name,shipping_category_id,weight,unit_of_weight',
  `A1,Shirt,${CATEGORY},100,gr`, // line 2
  `,,${CATEGORY},100,gr`, // line 3: no code, no name
  '', // line 4: skipped by the parser
  `A3,"Two\r\nlines",${CATEGORY},100,gr`, // lines 5-6
  `,"Also two\nlines",,100,gr`, // lines 7-8: no code, no shipping category
  `A5,Shirt,${CATEGORY},heavy,kg`, // line 9: weight and unit
  `A6,Shirt,${CATEGORY},,`, // line 10
  'A7,Shirt,,,', // line 11: no shipping category, needed only if A7 is new
].join('\r\n');
const MIXED_INVALID = [
  "line 3: code can't be blank; name can't be blank",
  "line 7: code can't be blank; shipping_category_id can't be blank",
  'line 9: weight is not a number; unit_of_weight is not included in the list',
];

describe('import --dry-run', () => {
  test('reports exactly the invalid records, by the line they start on, and sends nothing', async () => {
    const path = file('mixed.csv', `${MIXED_CSV}\r\n`);
    const before = posts();
    const result = await runCli(['import', 'skus', path, '--dry-run', ...connection()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 6)).toStrictEqual([
      ...MIXED_INVALID,
      '3 of 7 records are invalid.',
      'line 11: shipping_category_id needed if the record is new',
      '1 of 7 records lacks what a new record needs: fine if it updates an existing record (matched by its key); the API fails it if new.',
    ]);
    expect(result.stdout).toMatch(/Dry run, nothing sent\. The load: group skus-[0-9a-f]{12}, 1 chunk of up to 10,000, 7 records\./);
    expect(result.stdout).toContain('On the server: 1 chunk would be sent, 0 followed (still running), 0 skipped');
    expect(posts()).toBe(before);
    expect(sim.imports()).toHaveLength(0);
  });

  test('a valid file exits 0; without credentials the server is not asked', async () => {
    // A boolean takes what Rails casts: "1" and "yes" are valid.
    const path = file('valid.csv', `code,name,shipping_category_id,do_not_track\nV1,One,${CATEGORY},1\nV2,Two,${CATEGORY},yes\n`);
    const before = sim.counts().requests;
    const result = await runCli(['import', 'skus', path, '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('All 2 records are valid.');
    expect(result.stdout).toContain('Without credentials the group on the server was not looked at');
    expect(sim.counts().requests).toBe(before);
  });

  test('JSON and NDJSON records are placed by their number; --json lists every invalid one', async () => {
    // 25 invalid prices of 30: a terminal shows 20 of them, --json all 25.
    const prices = Array.from({ length: 30 }, (_, i) => ({ sku_code: `P${i + 1}`, amount_cents: i < 25 ? 'free' : 100 }));
    const ndjson = file('prices.ndjson', `${prices.map((p) => JSON.stringify(p)).join('\n')}\n`);
    const json = file('prices.json', JSON.stringify(prices));
    const text = await runCli(['import', 'prices', ndjson, '--dry-run', '--parent', 'vLrWQSwXNk']);
    expect(text.code).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('record 1: amount_cents is not a number');
    expect(lines[19]).toBe('record 20: amount_cents is not a number');
    expect(lines[20]).toBe('… and 5 more invalid records (--json lists every one)');
    expect(lines[21]).toBe('25 of 30 records are invalid.');

    const result = await runCli(['import', 'prices', json, '--dry-run', '--json', '--chunk-size', '7']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, exit_code: 1, dry_run: true, records: 30, invalid_count: 30, plan: { chunks: 5, chunk_size: 7, records: 30 }, server: null });
    // Without --parent each price lacks its price list: its key is not whole, so it can only be new.
    expect(report.invalid).toHaveLength(30);
    expect(report.invalid[0]).toStrictEqual({ record: 1, errors: { amount_cents: ['is not a number'], price_list_id: ["can't be blank"] } });
    expect(report.invalid[29]).toStrictEqual({ record: 30, errors: { price_list_id: ["can't be blank"] } });
  });

  test('with credentials, says which chunks of the group would be skipped, followed or sent', async () => {
    const client = createImportsClient({ baseUrl: sim.url, accessToken: TOKEN });
    // Made as a load of 40 records in chunks of 10 would have made them: the chunk's records in its metadata.
    const create = (chunk: number) =>
      client.create({
        resource_type: 'skus', format: 'json', inputs: [{ code: `P${chunk}`, name: 'x', shipping_category_id: CATEGORY }],
        reference: `planned-000${chunk}`, metadata: { chunk_items: `${chunk * 10 - 9}-${chunk * 10}` },
      });
    const done = await create(1);
    await client.waitFor(done.id, { intervalMs: 1 });
    const running = await create(2);
    const stopped = await create(3);
    await client.interrupt(stopped.id);
    const rows = Array.from({ length: 40 }, (_, i) => `S${i},Shirt,${CATEGORY}`);
    const path = file('planned.csv', `code,name,shipping_category_id\n${rows.join('\n')}\n`);
    const before = posts();

    const result = await runCli(['import', 'skus', path, '--dry-run', '--group', 'planned', '--chunk-size', '10', '--json', ...connection()]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.server).toStrictEqual({
      sent: 1, followed: 1, skipped: 2,
      chunks: [
        { chunk: 1, reference: 'planned-0001', action: 'skipped', status: 'completed', id: done.id },
        { chunk: 2, reference: 'planned-0002', action: 'followed', status: running.attributes.status, id: running.id },
        { chunk: 3, reference: 'planned-0003', action: 'skipped', status: 'interrupted', id: stopped.id },
        { chunk: 4, reference: 'planned-0004', action: 'sent' },
      ],
    });
    expect(posts()).toBe(before);
  });

  test('a group made from other records: the import would refuse it, so the dry run exits 2 and says why', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `G${i},Shirt,${CATEGORY}`);
    const first = file('other-a.csv', `code,name,shipping_category_id\n${rows.join('\n')}\n`);
    expect((await runCli(['import', 'skus', first, '--group', 'taken', '--chunk-size', '20', '--quiet', ...connection()])).code).toBe(0);
    const second = file('other-b.csv', `code,name,shipping_category_id\n${rows.slice(0, 25).join('\n')}\n`);
    const before = posts();
    const result = await runCli(['import', 'skus', second, '--dry-run', '--group', 'taken', '--chunk-size', '20', ...connection()]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('All 25 records are valid.');
    expect(result.stdout).toMatch(/The import would refuse group taken: its import \S+ \(taken-0002\) holds records 21-30, where chunk 2 of these records holds 21-25/);
    // --json says the same: every record valid, and not ok, for the import would refuse the group.
    const json = await runCli(['import', 'skus', second, '--dry-run', '--group', 'taken', '--chunk-size', '20', '--json', ...connection()]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exit_code: 2, invalid_count: 0, notes_count: 0, server: { conflict: expect.any(String) } });
    expect(posts()).toBe(before);
  });

  test('a file that does not parse exits 2', async () => {
    const path = file('broken.csv', 'code,name\nA,"never closed\n');
    const result = await runCli(['import', 'skus', path, '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.csv: line 2, column 3: the quoted field \("name"\) that opens here, in record 1, is never closed/);
  });
});

describe('the import refuses invalid records', () => {
  test('by default: nothing sent, how many and which', async () => {
    const path = file('refused.csv', `${MIXED_CSV}\r\n`);
    const before = posts();
    const result = await runCli(['import', 'skus', path, ...connection()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${MIXED_INVALID.join('\n')}\n`);
    expect(result.stderr).toContain('3 of 7 records in ');
    expect(result.stderr).toContain('are invalid: nothing was sent.');
    expect(result.stderr).toContain('--skip-errors');
    expect(posts()).toBe(before);
  });

  test('--skip-errors sends the file anyway, for the API to skip the invalid records', async () => {
    const path = file('skipped.csv', `${MIXED_CSV}\r\n`);
    const result = await runCli(['import', 'skus', path, '--skip-errors', '--group', 'skipped', '--json', ...connection()]);
    const created = sim.imports().filter((each) => each.attributes.reference === 'skipped-0001');
    expect(created).toHaveLength(1);
    expect(created[0]!.attributes.skip_errors).toBe(true);
    expect(created[0]!.attributes.inputs_size).toBe(7);
    expect(JSON.parse(result.stdout)).toMatchObject({ records_total: 7 });
    expect(result.stderr).toContain('3 of 7 records are invalid (--dry-run lists them): sent anyway, as --skip-errors asks; the API skips them.');
    expect(result.stderr).toContain('Sending 1 of 7 records that lack what a new record needs (--dry-run lists them): fine for existing records, which they update; the API fails any that is new.');
  });
});

describe('records that may update existing ones', () => {
  const PRICE_LIST = 'vLrWQSwXNk';

  test('a SKU file of code and name updates the existing SKU: the dry run notes its shipping category, the import sends it', async () => {
    const seed = file('upd-seed.csv', `code,name,shipping_category_id\nUPD1,Old,${CATEGORY}\n`);
    expect((await runCli(['import', 'skus', seed, '--group', 'upd-seed', '--quiet', ...connection()])).code).toBe(0);
    const path = file('upd.csv', 'code,name\nUPD1,New\n');
    const before = posts();

    const dry = await runCli(['import', 'skus', path, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n').slice(0, 3)).toStrictEqual([
      'The 1 record is valid.',
      'line 2: shipping_category_id needed if the record is new',
      '1 of 1 record lacks what a new record needs: fine if it updates an existing record (matched by its key); the API fails it if new.',
    ]);
    const json = await runCli(['import', 'skus', path, '--dry-run', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, exit_code: 0, invalid_count: 0, invalid: [], notes_count: 1, notes: [{ line: 2, record: 1, needed_if_new: ['shipping_category_id'] }] });
    expect(posts()).toBe(before);

    const result = await runCli(['import', 'skus', path, '--group', 'upd', '--json', ...connection()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ records_total: 1, imported_count: 1, failed_count: 0 });
    const updated = sim.records('skus').filter((each) => each.code === 'UPD1');
    expect(updated).toStrictEqual([{ id: expect.any(String), code: 'UPD1', name: 'New', shipping_category_id: CATEGORY }]);
  });

  test('a terminal gets the first 20 notes, --json every one', async () => {
    const path = file('codes.ndjson', `${Array.from({ length: 25 }, (_, i) => JSON.stringify({ code: `N${i + 1}`, name: 'x' })).join('\n')}\n`);
    const text = await runCli(['import', 'skus', path, '--dry-run']);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines.slice(0, 2)).toStrictEqual(['All 25 records are valid.', 'record 1: shipping_category_id needed if the record is new']);
    expect(lines[21]).toBe('… and 5 more records (--json lists every one)');
    expect(lines[22]).toMatch(/^25 of 25 records lack what a new record needs: fine if they update existing records/);
    const json = JSON.parse((await runCli(['import', 'skus', path, '--dry-run', '--json'])).stdout);
    expect(json.notes).toHaveLength(25);
    expect(json.notes[24]).toStrictEqual({ record: 25, needed_if_new: ['shipping_category_id'] });
  });

  test('a price file of id and amount_cents updates the price it names', async () => {
    const sku = file('price-sku.csv', `code,name,shipping_category_id\nPRC1,Priced,${CATEGORY}\n`);
    expect((await runCli(['import', 'skus', sku, '--group', 'price-sku', '--quiet', ...connection()])).code).toBe(0);
    const price = file('price-new.csv', 'sku_code,amount_cents,currency_code\nPRC1,1000,EUR\n');
    expect((await runCli(['import', 'prices', price, '--parent', PRICE_LIST, '--group', 'price-new', '--quiet', ...connection()])).code).toBe(0);
    const [created] = sim.records('prices').filter((each) => each.sku_code === 'PRC1');
    const path = file('price-upd.csv', `id,amount_cents\n${created!.id},1500\n`);

    const dry = await runCli(['import', 'prices', path, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, invalid_count: 0, notes_count: 0 });
    const result = await runCli(['import', 'prices', path, '--group', 'price-upd', '--json', ...connection()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported_count: 1, failed_count: 0 });
    expect(sim.records('prices').filter((each) => each.sku_code === 'PRC1')).toMatchObject([{ id: created!.id, amount_cents: '1500' }]);
  });
});
