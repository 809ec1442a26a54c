// From a failed load to a finished one, as a user runs it: the command line in a child process
// against the simulator. Rows fail for a missing required value and are sent with --skip-errors (a
// check pass that refuses invalid rows by default still lets them through then), or, where a chunk
// must end interrupted, through the simulator's `invalid: true` marker. Failed rows are never created,
// so loading them again, fixed, creates them whether the simulator updates existing records or not.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SEED_IDS, SEED_RECORDS, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli as run, scratchDir, skuRows, toCsv, type CliOptions } from './run-cli.js';

const TOKEN = 'cli-rejects-test-token-81c3aa';
let sim: Simulator;
const scratch = scratchDir();
const file = scratch.file;
const runCli = (args: string[], options: CliOptions = {}) => run(args, { cwd: scratch.dir, ...options });
const connection = () => ['--base-url', sim.url, '--access-token', TOKEN];
const read = (name: string) => readFileSync(join(scratch.dir, name), 'utf8');
const importsOf = (group: string) => sim.imports().filter((each) => each.attributes.reference?.startsWith(`${group}-`));
const BLANK = "shipping_category_id: can't be blank";
/** The shipping category the valid rows name: the fix puts it back in the failed ones. */
const CATEGORY = skuRows(1)[0]!.shipping_category_id!;

beforeAll(async () => {
  assertBuilt();
  // The SKUs the price tests name exist in the organization.
  const skus = Array.from({ length: 20 }, (_, i) => ({ id: `prsku${i}`, code: `PR-${i}`, name: `PR ${i}`, shipping_category_id: SEED_IDS.shippingCategory }));
  sim = await startSimulator({ inputsPerSecond: 1_000_000, rateLimits: false, accessToken: TOKEN, records: { ...SEED_RECORDS, skus } });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

describe('the rejects file', () => {
  test('CSV rows failing in two chunks come back intact, with their errors; fixed, they load with exit 0', async () => {
    // Rows with quoted commas, doubled quotes and line breaks among the failing ones.
    const failing = [0, 1, 5, 21, 23];
    const rows = skuRows(40, 'RJ').map((row, i) => (failing.includes(i) ? { ...row, shipping_category_id: '' } : row));
    const csv = toCsv(rows, '\r\n');
    const path = file('rejects.csv', csv);
    const result = await runCli(['import', 'skus', path, '--chunk-size', '20', '--skip-errors', '--json', ...connection()]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    const rejectsName = `${summary.group}.rejects.csv`;
    expect(summary).toMatchObject({ failed_count: 5, rejects_file: rejectsName, rejects_count: 5 });
    // Line numbers count the line breaks inside quoted names (every third row's name holds one).
    const lineOf = (i: number) => 2 + i + rows.slice(0, i).filter((row) => row.name!.includes('\n')).length;
    expect(summary.first_errors.map((e: Record<string, unknown>) => [e.position, e.line, e.chunk, e.key])).toStrictEqual([
      [1, lineOf(0), 1, 'RJ-000001'], [2, lineOf(1), 1, 'RJ-000002'], [6, lineOf(5), 1, 'RJ-000006'], [22, lineOf(21), 2, 'RJ-000022'], [24, lineOf(23), 2, 'RJ-000024'],
    ]);
    expect(lineOf(21)).toBe(30);
    // Byte for byte: the header and each failing row as the input has them, after the errors column.
    const expected = toCsv(failing.map((i) => ({ _errors: BLANK, ...rows[i]! })), '\r\n');
    expect(read(rejectsName)).toBe(expected);

    // Loaded again unfixed, the rejects file hands the same rows back, its old _errors column replaced, not doubled.
    const unfixed = await runCli(['import', 'skus', rejectsName, '--skip-errors', '--rejects', 'again.rejects.csv', ...connection()]);
    expect(unfixed.code).toBe(1);
    expect(read('again.rejects.csv')).toBe(expected);

    const fixed = read(rejectsName).replaceAll(',\r\n', `,${CATEGORY}\r\n`);
    writeFileSync(join(scratch.dir, rejectsName), fixed);
    const reload = await runCli(['import', 'skus', rejectsName, '--json', ...connection()]);
    expect(reload.code).toBe(0);
    const reloaded = JSON.parse(reload.stdout);
    expect(reloaded).toMatchObject({ imported_count: 5, failed_count: 0, rejects_file: null, rejects_count: 0 });
    // The _errors column was recognised and left out of what was sent.
    const sent = importsOf(reloaded.group).flatMap((each) => each.attributes.inputs as Record<string, string>[]);
    expect(sent).toStrictEqual(failing.map((i) => ({ ...rows[i]!, shipping_category_id: CATEGORY })));
    // Every record of the original file is now in the organization: imported by the first run or the second.
    // (After the records work, `sim.records('skus')` shows the same directly.)
    const imported = new Set<string>();
    for (const group of [summary.group, reloaded.group]) {
      for (const each of importsOf(group)) {
        const failedKeys = Object.keys(each.attributes.errors_log ?? {});
        for (const input of each.attributes.inputs as Record<string, string>[]) if (!failedKeys.includes(input.code!)) imported.add(input.code!);
      }
    }
    expect([...imported].sort()).toStrictEqual(rows.map((row) => row.code).sort());
  });

  test('an interrupted chunk\'s unprocessed records are in the NDJSON rejects file, marked so; the rerun names both ways forward', async () => {
    // Chunk 2's first two records fail: it is interrupted at its second, before importing any.
    const rows: Record<string, unknown>[] = skuRows(30, 'NI').map((row, i) => (i === 10 || i === 11 ? { ...row, invalid: true } : row));
    const path = file('interrupted.ndjson', `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    const first = await runCli(['import', 'skus', path, '--chunk-size', '10', '--json', ...connection()]);
    expect(first.code).toBe(1);
    const summary = JSON.parse(first.stdout);
    expect(summary.failures).toMatchObject([{ chunk: 2, reason: 'interrupted', not_processed: 8 }]);
    expect(summary.not_processed).toStrictEqual([{ chunk: 2, first: 13, last: 20, reason: 'interrupted' }]);
    const rejects = read(summary.rejects_file).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(summary.rejects_file).toBe(`${summary.group}.rejects.ndjson`);
    expect(rejects.map((record) => record.code)).toStrictEqual(rows.slice(10, 20).map((row) => row.code));
    expect(rejects[0]).toStrictEqual({ _errors: 'base: is invalid', ...rows[10] });
    expect(rejects[2]).toStrictEqual({ _errors: 'not processed: chunk 2 was interrupted before this record', ...rows[12] });

    const again = await runCli(['import', 'skus', path, '--chunk-size', '10', '--skip-errors', ...connection()]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('1 interrupted earlier and not sent again: their failed and unprocessed records go to the rejects file, or rerun with --retry-interrupted to create it again');
    expect(again.stdout).toContain('--skip-errors applies only to the chunks this run creates: the 1 interrupted, created by an earlier run, keep the setting they were created with');
    expect(again.stdout).toMatch(/Next: 10 records are in the rejects file \S+\.rejects\.ndjson \(2 failed, 8 not processed\)/);
    expect(again.stdout).toMatch(/Or create the interrupted chunks again.*\n {2}.* --group skus-[0-9a-f]{12} --retry-interrupted\n/);
    expect([1, 2, 3].map((n) => sim.createsByReference(`${summary.group}-000${n}`))).toStrictEqual([1, 1, 1]);

    // --retry-interrupted --skip-errors creates the interrupted chunk alone again, with skip_errors.
    const retried = await runCli(['import', 'skus', path, '--chunk-size', '10', '--retry-interrupted', '--skip-errors', '--json', ...connection()]);
    expect([1, 2, 3].map((n) => sim.createsByReference(`${summary.group}-000${n}`))).toStrictEqual([1, 2, 1]);
    const done = JSON.parse(retried.stdout);
    expect(done).toMatchObject({ retried_chunks: 1, resumed_chunks: 2, imported_count: 28, failed_count: 2, not_processed_count: 0, rejects_count: 2 });
    expect(importsOf(summary.group).filter((each) => each.attributes.reference?.endsWith('-0002')).map((each) => [each.attributes.status, each.attributes.skip_errors])).toStrictEqual([
      ['interrupted', false],
      ['completed', true],
    ]);
  });

  test('a JSON array gives a JSON array of rejects', async () => {
    const rows = skuRows(12, 'JA').map((row, i) => (i === 4 ? { ...row, name: '' } : row));
    const result = await runCli(['import', 'skus', file('array.json', JSON.stringify(rows)), '--skip-errors', '--rejects', 'mine.json', '--json', ...connection()]);
    expect(JSON.parse(result.stdout)).toMatchObject({ rejects_file: 'mine.json', rejects_count: 1 });
    expect(JSON.parse(read('mine.json'))).toStrictEqual([{ _errors: "name: can't be blank", ...rows[4] }]);
  });

  test('prices without codes failing at the same place in two chunks are two records at distinct positions', async () => {
    const prices = Array.from({ length: 20 }, (_, i) => ({ sku_code: `PR-${i}`, amount_cents: i % 10 === 2 ? '' : String(100 + i) }));
    const csv = toCsv(prices as unknown as Record<string, string>[]);
    const result = await runCli(['import', 'prices', file('prices.csv', csv), '--parent', 'vLrWQSwXNk', '--chunk-size', '10', '--skip-errors', '--errors', 'prices-log.json', ...connection()]);
    expect(result.code).toBe(1);
    const log = JSON.parse(read('prices-log.json'));
    const missing = log.failed_records.filter((record: { errors: Record<string, unknown> }) => record.errors.amount_cents);
    expect(missing.map((record: Record<string, unknown>) => [record.position, record.line, record.chunk, record.key])).toStrictEqual([[3, 4, 1, '2'], [13, 14, 2, '2']]);
    expect(result.stdout).toMatch(new RegExp(`First errors \\(\\d+ of ${log.failed_records.length} records\\)`));
  });
});

describe('stopping early and refusing paths', () => {
  test('a file whose every row fails sends 3 chunks of 10, says why it stopped, and hands every row back', async () => {
    const rows = skuRows(100, 'EV').map((row) => ({ ...row, shipping_category_id: '' }));
    const result = await runCli(['import', 'skus', file('every.csv', toCsv(rows)), '--chunk-size', '10', '--concurrency', '1', '--skip-errors', '--json', ...connection()]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(importsOf(summary.group)).toHaveLength(3);
    expect(summary.stopped_early).toMatch(/more than half/);
    expect(summary).toMatchObject({ failed_count: 30, not_processed_count: 70, rejects_count: 100 });
    expect(read(summary.rejects_file).match(/not processed: the load stopped early/g)).toHaveLength(70);
  });

  test('--errors or --rejects naming the input, or a file the tool did not write, exits 2 before anything is sent', async () => {
    const csv = toCsv(skuRows(5, 'PA'));
    const path = file('paths.csv', csv);
    const notes = file('notes.json', '{"mine": true}\n');
    sim.clearLog();
    for (const args of [['--errors', path], ['--rejects', path], ['--rejects', notes], ['--errors', 'same.json', '--rejects', 'same.json']]) {
      const result = await runCli(['import', 'skus', path, ...args, ...connection()]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/is the input file|was not written by commercelayer-imports|is also where/);
    }
    expect(readFileSync(path, 'utf8')).toBe(csv);
    expect(readFileSync(notes, 'utf8')).toBe('{"mine": true}\n');
    expect(sim.requests.filter((request) => request.method !== 'GET')).toStrictEqual([]);
  });
});
