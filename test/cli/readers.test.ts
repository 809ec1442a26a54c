// The file readers alone: what each format yields, the first pass's count and hash, and where a
// malformed file is said to break.
import { statSync, writeFileSync } from 'node:fs';
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

describe('what a user is told about a file the check pass refuses', () => {
  // Over 64 KiB, read in several chunks, with a two-byte character on every line: the line and
  // column a message gives must still count lines and characters across the chunks.
  const skuLines = Array.from({ length: 3000 }, (_, i) => ({ code: `C${i}`, name: `é${'x'.repeat(i % 40)}` }));

  test('JSON array: a record that is not an object, is empty, or holds a number JSON cannot carry', async () => {
    expect(await failure('[{"a":1}, null]', 'json')).toBe('line 1, column 11: record 2 is null, not an object');
    expect(await failure('[{"a":1}, 3]', 'json')).toBe('line 1, column 11: record 2 is a number, not an object');
    expect(await failure('[true]', 'json')).toBe('line 1, column 2: record 1 is a boolean, not an object');
    expect(await failure('[{"a":1},\n {}]', 'json')).toBe('line 2, column 2: record 2 is an empty object: a record needs at least one attribute');
    expect(await failure('[{"a":{"b":[1, 1e400]}}]', 'json')).toBe('line 1, column 2: record 1 has a number too large for JSON at a.b[1]');
    expect(await failure('[{"a":null,"b":"x","c":-1e999}]', 'json')).toBe('line 1, column 2: record 1 has a number too large for JSON at c');
  });

  test('JSON array: a BOM is no column, and positions hold past the first 64 KiB', async () => {
    expect(await failure('\uFEFF[{"a":1}, 3]', 'json')).toBe('line 1, column 11: record 2 is a number, not an object');
    expect(await failure('\uFEFF[{"a":1} {"b":2}]', 'json')).toBe('line 1, column 10: unexpected "{": not valid JSON');
    expect(await failure('\uFEFF{"a":1}', 'json')).toBe('line 1, column 1: expected an array of records, "[" first');
    const text = `[{"a":1},\n${skuLines.map((line) => JSON.stringify(line)).join(',\n')},\n 7]`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(128 * 1024);
    expect(await failure(text, 'json')).toBe('line 3002, column 2: record 3002 is a number, not an object');
  });

  test('NDJSON: a line that is not an object, is empty, or holds a number JSON cannot carry', async () => {
    expect(await failure('{"a":1}\nnull\n', 'ndjson')).toBe('line 2: record 2 is null, not an object');
    expect(await failure('{"a":1}\n"s"\n', 'ndjson')).toBe('line 2: record 2 is a string, not an object');
    expect(await failure('{}\n', 'ndjson')).toBe('line 1: record 1 is an empty object: a record needs at least one attribute');
    expect(await failure('{"x":[{"y":-1e999}]}', 'ndjson')).toBe('line 1: record 1 has a number too large for JSON at x[0].y');
    expect(await failure('{"a":1}\n{"a": 1 2}', 'ndjson')).toBe('line 2, column 9: not valid JSON');
    expect(await failure(Buffer.concat([Buffer.from('{"a":1}\n{"a":2}\n{"a":"'), Buffer.from([0xff]), Buffer.from('"}\n')]), 'ndjson')).toBe('line 3: not valid UTF-8');
    const text = `${skuLines.map((line) => JSON.stringify(line)).join('\n')}\n{"a":1,}\n`;
    expect(await failure(text, 'ndjson')).toBe('line 3001, column 8: not valid JSON');
  });

  test('NDJSON: a BOM, a last line without a line feed, and a record longer than a read', async () => {
    const long = { code: 'L', name: 'y'.repeat(200_000) };
    const { scan, records } = await read(`\uFEFF{"a":1}\r\n${JSON.stringify(long)}\n{"b":2}`, 'ndjson');
    expect(scan.count).toBe(3);
    expect(records).toStrictEqual([{ a: 1 }, long, { b: 2 }]);
  });

  test('CSV: a bare quote, a quote never closed, and header names, with the line and column to look at', async () => {
    expect(await failure('a,b\n1,5" x\n', 'csv')).toBe(
      'line 2, column 3: a field ("b") of record 1 holds a quote without being quoted (quote the whole field and double the quote: "5"" screen")',
    );
    expect(await failure('a,b\n1,2\n"3,4\n', 'csv')).toBe('line 3, column 1: the quoted field ("a") that opens here, in record 2, is never closed');
    expect(await failure('a;b\n1;"2\n', 'csv', ';')).toBe('line 2, column 3: the quoted field ("b") that opens here, in record 1, is never closed');
    expect(await failure('a,"b\n1,2\n', 'csv')).toBe('line 1, column 3: the quoted field (field 2) that opens here, in record 1, is never closed');
    expect(await failure('a, ,c\n1,2,3\n', 'csv')).toBe('line 1: column 2 of the header has no name');
  });

  test('CSV: fields counted past nine, whatever the column the record ends at', async () => {
    const header = Array.from({ length: 11 }, (_, i) => `c${i + 1}`).join(',');
    expect(await failure(`${header}\n1,2,3,4,5,6,7,8,9,10,11,12\n`, 'csv')).toBe('line 2: record 1 has 12 fields where the header has 11');
    expect(await failure('a,b\n1,2\n"two\nlines",2,34567890123\n', 'csv')).toBe('line 4: record 2 has 3 fields where the header has 2');
  });

  test('CSV: bytes that are not UTF-8, at the character where they start, past the first 64 KiB too', async () => {
    const latin1 = (before: string, after = '') => Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]);
    expect(await failure(latin1('a,b\n1,Caf', 's\n'), 'csv')).toBe('line 2, column 6: is not valid UTF-8 (save it as UTF-8)');
    // Cut short in the middle of a character: the file ends where it stops being UTF-8.
    expect(await failure(Buffer.concat([Buffer.from('a,b\n1,Caf'), Buffer.from([0xc3])]), 'csv')).toBe('line 2, column 6: is not valid UTF-8 (save it as UTF-8)');
    const rows = skuLines.map(({ code, name }) => `${code},${name}`).join('\n');
    expect(await failure(latin1(`code,name\n${rows}\nD,ab`, '\n'), 'csv')).toBe('line 3002, column 5: is not valid UTF-8 (save it as UTF-8)');
    expect(await failure(`code,name\n${rows}\nD,"never\n`, 'csv')).toBe('line 3002, column 3: the quoted field ("name") that opens here, in record 3001, is never closed');
  });

  test('JSON array: what the parser did not expect, quoted as it was, a long one cut short', async () => {
    expect(await failure('[{"a":1} 12345]', 'json')).toBe('line 1, column 10: unexpected 12345: not valid JSON');
    expect(await failure('[{"a": 1, "b" 2}]', 'json')).toBe('line 1, column 15: unexpected 2: not valid JSON');
    expect(await failure('[{"a":1} "a very long string more than twenty chars"]', 'json')).toBe('line 1, column 10: unexpected "a very long string …: not valid JSON');
    expect(await failure('\uFEFF[{"a":1}]x', 'json')).toBe('line 1, column 10: unexpected "x": not valid JSON');
  });

  test('NDJSON: a line of spaces is blank; a column past nine', async () => {
    expect((await read('{"a":1}\n   \n{"b":2}\n', 'ndjson')).records).toStrictEqual([{ a: 1 }, { b: 2 }]);
    expect(await failure('{"a":1}\n{"abcdef": 1 2}\n', 'ndjson')).toBe('line 2, column 14: not valid JSON');
  });

  test('CSV: a zero-width no-break space is a character like any other, but for a BOM at the very start', async () => {
    expect(await failure('a,b\n\uFEFF1,"2\n', 'csv')).toBe('line 2, column 4: the quoted field ("b") that opens here, in record 1, is never closed');
    expect(await failure('a\uFEFF,"b\n1,2\n', 'csv')).toBe('line 1, column 4: the quoted field (field 2) that opens here, in record 1, is never closed');
  });

  test('CSV: a character cut in two by the 64 KiB reads is still UTF-8', async () => {
    const { records } = await read(`a\n${'x'.repeat(65_533)}é\n`, 'csv');
    expect(records).toStrictEqual([{ a: `${'x'.repeat(65_533)}é` }]);
  });

  test('a path that cannot be read as a file, in any format', async () => {
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      const error = await scanFile({ path: scratch.dir, label: 'folder', dispose: async () => {} }, format, ',').then(() => undefined, (e: unknown) => e);
      expect(error, format).toBeInstanceOf(FileError);
      expect((error as FileError).message, format).toBe('folder: cannot be read');
    }
  });

  test('a file opens as itself; standard input is copied where only its owner can read it', async () => {
    const { path } = fileOf('a\n1\n');
    const input = await openInput(path);
    expect([input.path, input.label]).toStrictEqual([path, path]);
    const copy = await openInput('-', Readable.from([Buffer.from('a\n1\n')]));
    try {
      expect(statSync(copy.path).mode & 0o777).toBe(0o600);
    } finally {
      await copy.dispose();
    }
  });
});
