// `commercelayer-imports import` as a user runs it: a child process against the simulator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli as run, scratchDir, skuRows, toCsv, type CliOptions } from './run-cli.js';

const TOKEN = 'cli-import-test-token-5f2b9c';
let sim: Simulator;
const scratch = scratchDir();
const file = scratch.file;
// In the scratch directory: a run with errors writes its log to the working directory.
const runCli = (args: string[], options: CliOptions = {}) => run(args, { cwd: scratch.dir, ...options });
const connection = () => ['--base-url', sim.url, '--access-token', TOKEN];

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 1_000_000, rateLimits: false, accessToken: TOKEN });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

const importsOf = (group: string) => sim.imports().filter((each) => each.attributes.reference?.startsWith(`${group}-`));

describe('import', () => {
  test('a 25,000-row CSV with quoted commas, quotes and line breaks becomes 3 imports whose rows arrive intact', async () => {
    const rows = skuRows(25_000, 'BIG');
    const path = file('big.csv', toCsv(rows, '\r\n'));
    const result = await runCli(['import', 'skus', path, '--group', 'big', ...connection()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const imports = importsOf('big').sort((a, b) => a.attributes.reference!.localeCompare(b.attributes.reference!));
    expect(imports.map((each) => [each.attributes.reference, each.attributes.format, each.attributes.inputs_size])).toStrictEqual([
      ['big-0001', 'csv', 10_000],
      ['big-0002', 'csv', 10_000],
      ['big-0003', 'csv', 5_000],
    ]);
    expect(imports.flatMap((each) => each.attributes.inputs)).toStrictEqual(rows);
    expect(result.stdout).toMatch(/Records imported\s+25,000/);
    expect(result.stdout).toMatch(/Records failed\s+0/);
  });

  test('a JSON array and NDJSON of the same records give the same summary', async () => {
    // Two records of 120 miss their name: they fail, under the 10% that would interrupt an import.
    const rows = skuRows(120, 'JS').map((row, i) => ({ ...row, pieces_per_pack: i + 1, do_not_ship: i % 2 === 0, ...(i % 60 === 7 ? { name: '' } : {}) }));
    const json = file('records.json', JSON.stringify(rows, null, 2));
    const ndjson = file('records.ndjson', `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    // Each on an organization of its own, so that neither meets the other's codes.
    const other = await startSimulator({ inputsPerSecond: 1_000_000, rateLimits: false, accessToken: TOKEN });
    try {
      // --skip-errors: without it the check pass refuses the file for the two records.
      const fromJson = await runCli(['import', 'skus', json, '--chunk-size', '50', '--skip-errors', '--json', ...connection()]);
      const fromNdjson = await runCli(['import', 'skus', ndjson, '--chunk-size', '50', '--skip-errors', '--json', '--base-url', other.url, '--access-token', TOKEN]);
      const [a, b] = [JSON.parse(fromJson.stdout), JSON.parse(fromNdjson.stdout)];
      const comparable = ({ group: _g, file: _f, format: _t, elapsed_ms: _e, log_file: _l, rejects_file: _r, rejects_command: _c, imports, ...rest }: Record<string, unknown>) => ({
        ...rest,
        imports: (imports as Record<string, unknown>[]).map(({ id: _id, reference: _r, ...counts }) => counts),
      });
      expect(comparable(a)).toStrictEqual(comparable(b));
      expect(a).toMatchObject({ ok: false, exit_code: 1, chunks: 3, records_total: 120, imported_count: 118, failed_count: 2, not_processed_count: 0, format: 'json' });
      expect(b.format).toBe('ndjson');
      expect(a.first_errors.map((error: { key: string; position: number }) => [error.position, error.key])).toStrictEqual([[8, 'JS-000008'], [68, 'JS-000068']]);
      expect([fromJson.code, fromNdjson.code]).toStrictEqual([1, 1]);
      // The same records reach the API either way, typed as in the file. Chunks are created at the
      // same time, so they reach the server in any order: read back in chunk order, by reference.
      const inputs = (simulator: Simulator, group: string) =>
        simulator.imports()
          .filter((each) => each.attributes.reference?.startsWith(`${group}-`))
          .sort((x, y) => x.attributes.reference!.localeCompare(y.attributes.reference!))
          .flatMap((each) => each.attributes.inputs);
      expect(inputs(sim, a.group)).toStrictEqual(rows);
      expect(inputs(other, b.group)).toStrictEqual(rows);
    } finally {
      await other.close();
    }
  });

  test('a malformed file exits 2 with its line and sends nothing', async () => {
    const cases: [string, string, RegExp][] = [
      ['bad-quote.csv', 'code,name,shipping_category_id\nA,ok,x\nB,"never closed,x\nC,fine,x\n', /bad-quote\.csv: line 3, column 3: the quoted field \("name"\) that opens here, in record 2, is never closed/],
      ['bad-fields.csv', 'code,name,shipping_category_id\r\nA,ok,x\r\nB,"two\r\nlines",x,extra\r\n', /bad-fields\.csv: line 4: record 2 has 4 fields where the header has 3/],
      ['bad.json', '[\n  {"code": "A", "name": "ok"},\n  {"code": "B", "name": "ok",}\n]\n', /bad\.json: line 3, column 30: unexpected "}": not valid JSON/],
      ['not-objects.json', '[{"code": "A"}, 42]', /not-objects\.json: line 1, column 17: record 2 is a number, not an object/],
      ['bad.ndjson', '{"code":"A"}\n\n{"code":"B",\n', /bad\.ndjson: line 3(, column \d+)?: not valid JSON/],
      ['empty.csv', 'code,name\n', /empty\.csv: holds no records/],
    ];
    sim.clearLog();
    for (const [name, content, message] of cases) {
      const result = await runCli(['import', 'skus', file(name, content), ...connection()]);
      expect(result.stderr, name).toMatch(message);
      expect(result.code, name).toBe(2);
      expect(result.stdout, name).toBe('');
    }
    expect(sim.requests).toStrictEqual([]);
  });

  test('exit codes: 0 all imported, 1 a record failed, 2 usage and credentials errors before anything is sent', async () => {
    const good = file('good.csv', toCsv(skuRows(30, 'EX')));
    const bad = file('bad-records.csv', toCsv(skuRows(30, 'EXB').map((row, i) => (i < 10 ? { ...row, shipping_category_id: '' } : row))));
    expect((await runCli(['import', 'skus', good, ...connection()])).code).toBe(0);
    const failed = await runCli(['import', 'skus', bad, '--skip-errors', ...connection()]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Records failed\s+10/);
    expect(failed.stdout).toContain("record 1, line 2 (chunk 1, key EXB-000001)  shipping_category_id: can't be blank");
    // Without --skip-errors, more than 10% failing interrupts the import: not processed, exit 1. The
    // records pass the check pass (it cannot know the organization's shipping categories); the API fails them.
    const interrupted = await runCli(['import', 'skus', file('bad-again.csv', toCsv(skuRows(30, 'EXC').map((row, i) => (i < 10 ? { ...row, shipping_category_id: 'NoSuchCategory' } : row)))), '--json', ...connection()]);
    expect(interrupted.code).toBe(1);
    expect(JSON.parse(interrupted.stdout).failures[0]).toMatchObject({ chunk: 1, reason: 'interrupted' });

    sim.clearLog();
    const usage: string[][] = [
      ['import', 'skus'],
      ['import', 'skuz', good, ...connection()],
      ['import', 'skus', good, '--chunk-size', '10001', ...connection()],
      ['import', 'skus', good, '--concurrency', '0', ...connection()],
      ['import', 'skus', good, '--delimiter', 'x', ...connection()],
      ['import', 'skus', join(scratch.dir, 'missing.csv'), ...connection()],
      ['import', 'skus', file('notes.txt', 'a,b\n1,2\n'), ...connection()],
      ['import', 'skus', good, '--bogus', ...connection()],
      ['import', 'skus', good, '--base-url', sim.url],
      ['import', 'skus', good, '--access-token', TOKEN],
      ['import', 'skus', good, '--base-url', 'http://example.com', '--access-token', TOKEN],
      ['frobnicate'],
    ];
    for (const args of usage) expect((await runCli(args)).code, args.join(' ')).toBe(2);
    const refused = await runCli(['import', 'skus', good, '--base-url', sim.url, '--access-token', 'not-the-token-at-all']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/credentials were refused/);
    expect(sim.requests.filter((request) => request.method !== 'GET')).toStrictEqual([]);
  });

  test('--json prints one parsable object on stdout and nothing else; a piped run prints plain lines', async () => {
    const path = file('json.csv', toCsv(skuRows(45, 'JO')));
    const json = await runCli(['import', 'skus', path, '--chunk-size', '20', '--json', ...connection()]);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    expect(summary).toMatchObject({ ok: true, chunks: 3, records_total: 45, imported_count: 45, failed_count: 0, not_processed_count: 0, resource_type: 'skus' });
    expect(summary.imports.map((each: { status: string }) => each.status)).toStrictEqual(['completed', 'completed', 'completed']);
    // Progress went to stderr, as plain lines: stderr is a pipe here.
    expect(json.stderr).toMatch(/chunk 1\/3 \S+-0001 \(\S+\): completed, 20 of 20 processed, 0 errors/);

    const piped = await runCli(['import', 'skus', file('piped.csv', toCsv(skuRows(45, 'PI'))), '--chunk-size', '20', ...connection()]);
    expect(piped.code).toBe(0);
    const lines = piped.stdout.split('\n');
    for (const chunk of [1, 2, 3]) expect(lines.some((line) => new RegExp(`^\\[\\d+:\\d\\d\\] chunk ${chunk}/3 .*: completed`).test(line)), `chunk ${chunk}`).toBe(true);
    expect(piped.stdout).not.toMatch(/[\u001b\r]/);
  });

  test('running the same command again resumes: when every chunk is completed it says so and creates nothing', async () => {
    const path = file('again.csv', toCsv(skuRows(25, 'AG')));
    const first = await runCli(['import', 'skus', path, '--chunk-size', '10', '--json', ...connection()]);
    const group = JSON.parse(first.stdout).group;
    expect(group).toMatch(/^skus-[0-9a-f]{12}$/);
    const again = await runCli(['import', 'skus', path, '--chunk-size', '10', ...connection()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`All 3 chunks of group ${group} were already completed: nothing to import.`);
    expect(again.stdout).toMatch(/Records imported\s+25/);
    for (const n of ['0001', '0002', '0003']) expect(sim.createsByReference(`${group}-${n}`)).toBe(1);
    // Another chunk size is another load.
    const other = await runCli(['import', 'skus', path, '--chunk-size', '5', '--json', ...connection()]);
    expect(JSON.parse(other.stdout).group).not.toBe(group);
  });

  test('standard input, with --format; a log file with every error', async () => {
    const rows = skuRows(12, 'IN').map((row, i) => (i === 3 ? { ...row, name: '' } : row));
    const log = join(scratch.dir, 'stdin-errors.json');
    const result = await runCli(['import', 'skus', '-', '--format', 'ndjson', '--skip-errors', '--errors', log, ...connection()], {
      input: rows.map((row) => JSON.stringify(row)).join('\n'),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('skus from standard input');
    expect(result.stdout).toContain(`Every error and warning: ${log}`);
    expect(JSON.parse(readFileSync(log, 'utf8')).failed_records).toStrictEqual([{ position: 4, chunk: 1, key: 'IN-000004', errors: { name: ["can't be blank"] } }]);
    expect((await runCli(['import', 'skus', '-', ...connection()], { input: '{}' })).code).toBe(2);
  });

  test('a group made from other records is refused before anything is created (exit 2)', async () => {
    const first = file('group-a.csv', toCsv(skuRows(30, 'GA')));
    expect((await runCli(['import', 'skus', first, '--chunk-size', '20', '--group', 'shared', ...connection()])).code).toBe(0);
    const before = sim.imports().length;
    const other = await runCli(['import', 'skus', file('group-b.csv', toCsv(skuRows(50, 'GB'))), '--chunk-size', '20', '--group', 'shared', ...connection()]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^commercelayer-imports: Group shared cannot be resumed with these records/);
    expect(sim.imports().length).toBe(before);
  });
});
