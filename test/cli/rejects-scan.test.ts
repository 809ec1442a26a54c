// The rejects file's CSV scan finds the records the import's parser finds, at the same positions and
// lines, byte for byte, across the 64 KiB reads (a record, a quoted line break or a CRLF cut in two),
// with empty lines, a BOM and CRLF. Randomized: a failing seed is printed.
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { csvRecordBatches } from '../../src/cli/rejects/csv-records.js';
import { seededRandom as random } from '../../src/simulator/fault-random.js';
import { scratchDir } from './run-cli.js';

function csvFile(seed: number): { text: string; newline: string } {
  const next = random(seed);
  const newline = next() < 0.5 ? '\r\n' : '\n';
  const field = () => {
    const r = next();
    if (r < 0.5) return `plain${Math.floor(next() * 1e6)}`;
    if (r < 0.7) return `"with, comma ${Math.floor(next() * 1e3)}"`;
    if (r < 0.85) return `"two${newline}lines ""quoted"""`;
    return '';
  };
  const lines = [`${next() < 0.3 ? '\uFEFF' : ''}a,b,c`];
  for (let i = 0; i < 4000; i++) {
    lines.push([field(), field(), `x${i}`].join(','));
    if (next() < 0.05) lines.push('');
  }
  return { text: lines.join(newline) + (next() < 0.5 ? newline : ''), newline };
}

describe('the CSV scan behind the rejects file', () => {
  test.each([1, 2, 3, 4, 5, 6])('finds every record the parser finds, at its line, byte for byte (seed %i)', async (seed) => {
    const scratch = scratchDir();
    try {
      const { text } = csvFile(seed);
      const path = scratch.file('scan.csv', text);
      const expected = parse(text, { bom: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
      const found = [];
      for await (const batch of csvRecordBatches(path, () => true)) found.push(...batch);
      expect(found.length, `seed ${seed}`).toBe(expected.length);
      expect(found.map((record) => record.position), `seed ${seed}`).toStrictEqual(expected.map((_, i) => i));
      // Each record's bytes parse to the parser's fields, and the line it starts on holds its start.
      const fileLines = text.replace(/^\uFEFF/, '').split('\n');
      for (const [i, record] of found.entries()) {
        const raw = record.raw.toString('utf8');
        expect(parse(raw, { bom: true })[0], `seed ${seed}, record ${i}`).toStrictEqual(expected[i]!.record);
        expect(fileLines.slice(record.line - 1).join('\n').startsWith(raw), `seed ${seed}, record ${i} at line ${record.line}`).toBe(true);
      }
    } finally {
      scratch.remove();
    }
  });
});
