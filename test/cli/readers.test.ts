// The file readers alone: what each format yields, the first pass's count and hash, and where a
// malformed file is said to break.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { FileError } from '../../src/cli/cli-error.js';
import { readRecords, scanFile } from '../../src/cli/readers/records.js';
import { formatOfName, lineColumnAt, openInput, type FileFormat } from '../../src/cli/readers/source.js';
import { scratchDir } from './run-cli.js';

const scratch = scratchDir();
afterAll(() => scratch.remove());
let n = 0;
const fileOf = (content: string | Buffer) => {
  const path = join(scratch.dir, `f${++n}`);
  writeFileSync(path, content);
  return { path, label: `file${n}`, dispose: async () => {} };
};
async function read(content: string | Buffer, format: FileFormat, delimiter = ',') {
  const input = fileOf(content);
  const scan = await scanFile(input, format, delimiter);
  const records: unknown[] = [];
  for await (const record of readRecords(input, format, delimiter)) records.push(record);
  expect(records).toHaveLength(scan.count);
  return { scan, records };
}
async function failure(content: string | Buffer, format: FileFormat, delimiter = ','): Promise<string> {
  const error = await scanFile(fileOf(content), format, delimiter).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FileError);
  return (error as FileError).message.replace(/^file\d+: /, '');
}

describe('CSV', () => {
  test('quoted commas, doubled quotes and line breaks, a BOM and CRLF, as strings keyed by the header', async () => {
    const text = '\uFEFFcode,name,note\r\nA1,"Shirt, blue","The ""classic""\r\ncut"\r\nA2,Mug,\r\n\r\n';
    const { scan, records } = await read(text, 'csv');
    expect(scan).toMatchObject({ count: 2, columns: ['code', 'name', 'note'] });
    expect(records).toStrictEqual([
      { code: 'A1', name: 'Shirt, blue', note: 'The "classic"\r\ncut' },
      { code: 'A2', name: 'Mug', note: '' },
    ]);
  });

  test('the delimiters --delimiter takes', async () => {
    for (const delimiter of [';', '\t', '|']) {
      const { records } = await read(`code${delimiter}name\nA${delimiter}"x${delimiter}y"\n`, 'csv', delimiter);
      expect(records, JSON.stringify(delimiter)).toStrictEqual([{ code: 'A', name: `x${delimiter}y` }]);
    }
  });

  test('a header of one column holding another delimiter: the error names the delimiter the file seems to use and the flag', async () => {
    expect(await failure('code;name;shipping_category_id\nA;B;C\n', 'csv')).toBe(
      'line 1: the header is one column, "code;name;shipping_category_id": the file seems to separate its fields with ";", not ","; read it with --delimiter ";"',
    );
    expect(await failure('code\tname\nA\tB\n', 'csv')).toMatch(/seems to separate its fields with tabs, not ","; read it with --delimiter tab$/);
    expect(await failure('code|name\nA|B\n', 'csv')).toMatch(/with "\|", not ","; read it with --delimiter "\|"$/);
    expect(await failure('code,name\nA,B\n', 'csv', ';')).toMatch(/with ",", not ";"; read it with --delimiter ,$/);
    // The most frequent wins when the header holds several.
    expect(await failure('a;b;c|d\n1;2;3|4\n', 'csv')).toMatch(/--delimiter ";"$/);
    // One column whose name holds none of them is a one-column file.
    expect((await read('code\nA\n', 'csv')).records).toStrictEqual([{ code: 'A' }]);
  });

  test('where a malformed file breaks: line and column, counted in line feeds whatever the line ends', async () => {
    expect(await failure('a,b\n1,2\n3,"4\n5,6\n', 'csv')).toBe('line 3, column 3: the quoted field ("b") that opens here, in record 2, is never closed');
    expect(await failure('a,b\r\n"x\r\ny",2\r\n"1"x,2\r\n', 'csv')).toMatch(/^line 4, column 1: the quoted field \("a"\) that starts here, in record 2, has "x" after its closing quote/);
    expect(await failure('a,b\n1,2\n"two\nlines",2,3\n', 'csv')).toBe('line 4: record 2 has 3 fields where the header has 2');
    expect(await failure('a,a\n1,2\n', 'csv')).toBe('line 1: the header names column "a" twice');
    expect(await failure('a,,c\n1,2,3\n', 'csv')).toBe('line 1: column 2 of the header has no name');
    expect(await failure('a,b\n', 'csv')).toBe('holds no records');
  });

  test('the hash is of the bytes: the same records written otherwise are another file', async () => {
    const one = await scanFile(fileOf('a,b\n1,2\n'), 'csv', ',');
    const same = await scanFile(fileOf('a,b\n1,2\n'), 'csv', ',');
    const crlf = await scanFile(fileOf('a,b\r\n1,2\r\n'), 'csv', ',');
    expect(one.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(same.sha256).toBe(one.sha256);
    expect(crlf.sha256).not.toBe(one.sha256);
  });
});

describe('JSON and NDJSON', () => {
  const records = [{ code: 'A', name: 'é, "q"\nx', n: 1.5, ok: true, tags: ['a'], nested: { x: null } }, { code: 'B' }];

  test('an array, streamed in chunks smaller than a record, and one object a line give the same records', async () => {
    const big = Array.from({ length: 3_000 }, (_, i) => ({ code: `C${i}`, name: 'x'.repeat(i % 50) }));
    expect((await read(JSON.stringify(big), 'json')).records).toStrictEqual(big);
    expect((await read(`\uFEFF${JSON.stringify(records, null, 2)}`, 'json')).records).toStrictEqual(records);
    expect((await read(`${records.map((r) => JSON.stringify(r)).join('\r\n')}\r\n\r\n`, 'ndjson')).records).toStrictEqual(records);
  });

  test('where a malformed JSON array breaks', async () => {
    expect(await failure('[\n  {"a": 1},\n  {"a": 2,}\n]', 'json')).toBe('line 3, column 11: unexpected "}": not valid JSON');
    expect(await failure('[{"a": 1}, {"a": tru}]', 'json')).toBe('line 1, column 21: unexpected "}": not valid JSON');
    expect(await failure('[{"a": 1},\n "x"]', 'json')).toBe('line 2, column 2: record 2 is a string, not an object');
    expect(await failure('[{"a": 1}, [1]]', 'json')).toBe('line 1, column 12: record 2 is an array, not an object');
    expect(await failure('{"a": 1}', 'json')).toBe('line 1, column 1: expected an array of records, "[" first');
    expect(await failure('[{"a": 1},\n{"b": 2}', 'json')).toBe('line 2, column 8: the JSON ends too early: the array or a record is not closed');
    expect(await failure('', 'json')).toMatch(/^line 1, column 1: the file is empty/);
    expect(await failure('[]', 'json')).toBe('holds no records');
  });

  test('where a malformed NDJSON file breaks', async () => {
    expect(await failure('{"a":1}\n\n{"a":\n', 'ndjson')).toMatch(/^line 3(, column \d+)?: not valid JSON$/);
    expect(await failure('{"a":1}\n[1]\n', 'ndjson')).toBe('line 2: record 2 is an array, not an object');
    expect(await failure(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d, 0x0a]), 'ndjson')).toBe('line 1: not valid UTF-8');
  });
});

describe('sources', () => {
  test('the format from the extension; .tsv is CSV with tabs', () => {
    expect(['a.csv', 'A.CSV', 'a.tsv', 'a.json', 'a.ndjson', 'a.jsonl', 'a.txt', 'csv'].map(formatOfName)).toStrictEqual([
      { format: 'csv' }, { format: 'csv' }, { format: 'csv', delimiter: '\t' }, { format: 'json' }, { format: 'ndjson' }, { format: 'ndjson' }, undefined, undefined,
    ]);
  });

  test('standard input is saved once, so that it can be read twice, and the copy removed', async () => {
    const input = await openInput('-', Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]));
    expect(input.label).toBe('standard input');
    const { count } = await scanFile(input, 'csv', ',');
    const again: unknown[] = [];
    for await (const record of readRecords(input, 'csv', ',')) again.push(record);
    expect([count, again]).toStrictEqual([1, [{ a: '1', b: '2' }]]);
    await input.dispose();
    await expect(scanFile(input, 'csv', ',')).rejects.toThrow(FileError);
  });

  test('a missing file or a folder is a FileError', async () => {
    await expect(openInput(join(scratch.dir, 'nope.csv'))).rejects.toThrow('nope.csv: no such file');
    await expect(openInput(scratch.dir)).rejects.toThrow('is not a file');
  });

  test('line and column of a byte offset count characters, not bytes', async () => {
    const { path } = fileOf('ab\néé, x\n');
    expect(await lineColumnAt(path, 0)).toBe('line 1, column 1');
    expect(await lineColumnAt(path, 3)).toBe('line 2, column 1');
    expect(await lineColumnAt(path, 3 + 4)).toBe('line 2, column 3');
  });
});
