// Where the dry run says an invalid CSV record is: the line it starts on, found by a second pass over
// the file. A generated file past several 64 KiB read chunks, with a BOM, LF or CRLF line ends, empty
// lines between records and quoted fields that hold line breaks; each record's line is known from
// how the file was written. Randomized: a failure prints its seed.
import { afterAll, describe, expect, onTestFailed, test } from 'vitest';
import { csvRecordLines } from '../../src/cli/readers/csv-lines.js';
import { seededRandom as random } from '../../src/simulator/fault-random.js';
import { scratchDir } from './run-cli.js';

const scratch = scratchDir();
afterAll(() => scratch.remove());

function generated(seed: number, records: number): { text: string; starts: number[] } {
  const next = random(seed);
  // csv-parse takes the file's line end from its first line: one per file; a quoted field may hold either.
  const fileEol = next() < 0.5 ? '\r\n' : '\n';
  const eol = () => fileEol;
  const anyEol = () => (next() < 0.5 ? '\r\n' : '\n');
  let text = '\uFEFFcode,name,description' + eol();
  let line = 2;
  const starts: number[] = [];
  for (let i = 1; i <= records; i++) {
    while (next() < 0.1) {
      text += eol();
      line++;
    }
    starts.push(line);
    const breaks = next() < 0.2 ? 1 + Math.floor(next() * 3) : 0;
    const description = breaks === 0 ? `plain ${i}` : `"${Array.from({ length: breaks + 1 }, (_, k) => `part ${k}, "quoted"`.replaceAll('"', '""')).join(anyEol())}"`;
    text += `C${i},"Name ${i}, ${'x'.repeat(Math.floor(next() * 40))}",${description}`;
    line += breaks;
    if (i < records || next() < 0.5) {
      text += eol();
      line++;
    }
  }
  return { text, starts };
}

describe('csvRecordLines', () => {
  test('finds the line each record starts on, across read chunks, blank lines and quoted line breaks', async () => {
    const seed = Number(process.env.CSV_LINES_SEED ?? Date.now() % 2 ** 31);
    onTestFailed(() => console.error(`csvRecordLines failed with seed ${seed}: CSV_LINES_SEED=${seed} repeats it`));
    const { text, starts } = generated(seed, 5000);
    expect(Buffer.byteLength(text), 'the file spans several read chunks').toBeGreaterThan(3 * 64 * 1024);
    const path = scratch.file(`lines-${seed}.csv`, text);
    const next = random(seed + 1);
    const asked = [1, 2, 5000, ...Array.from({ length: 200 }, () => 1 + Math.floor(next() * 5000))];
    const lines = await csvRecordLines(path, ',', asked);
    for (const record of asked) expect(lines.get(record), `record ${record} (seed ${seed}; CSV_LINES_SEED=${seed} repeats it)`).toBe(starts[record - 1]);
    const every = await csvRecordLines(path, ',', starts.map((_, i) => i + 1));
    expect([...every.entries()].sort(([a], [b]) => a - b).map(([, line]) => line), `seed ${seed}`).toStrictEqual(starts);
  });

  test('asks nothing of the file for no records, and skips a number past its end', async () => {
    const path = scratch.file('short.csv', 'a,b\n1,2\n');
    expect(await csvRecordLines(path, ',', [])).toStrictEqual(new Map());
    expect(await csvRecordLines(path, ',', [1, 5])).toStrictEqual(new Map([[1, 2]]));
  });
});
