import type { ImportAllSummary } from '../../index.js';
import { readJsonArray } from '../readers/json-array.js';
import { readNdjson } from '../readers/ndjson.js';
import type { FileFormat, Input } from '../readers/source.js';
import { parse } from 'csv-parse/sync';
import { csvRecordBatches } from './csv-records.js';
import { csvField, csvLayout } from './csv-layout.js';
import { REJECTS_FIELD, rejectedPositions } from './errors-field.js';
import { writeWholeFile } from './whole-file.js';

export interface RejectsWritten {
  path: string;
  /** Records written: failed and not processed. */
  count: number;
  failed: number;
  notProcessed: number;
  /** CSV: the line each written record starts on in the input, by position. */
  lines: Map<number, number>;
}

/**
 * Writes the records of the input that failed or were not processed, in the input's own format, each
 * with its errors (or why it was not processed) in the REJECTS_FIELD column or field. The input is read
 * again, streamed, and only the records to write are kept a moment: memory does not grow with the load.
 */
export async function writeRejects(path: string, input: Input, format: FileFormat, delimiter: string, summary: ImportAllSummary): Promise<RejectsWritten> {
  const written: RejectsWritten = { path, count: 0, failed: 0, notProcessed: 0, lines: new Map() };
  const wanted = rejectedPositions(summary);
  let next = wanted.next();
  // What the CSV scan picked, until its row is written.
  const taken = new Map<number, { text: string; failed: boolean }>();
  const take = (position: number) => {
    if (next.done || next.value.position !== position) return undefined;
    const current = next.value;
    taken.set(position, current);
    next = wanted.next();
    written.count++;
    if (current.failed) written.failed++;
    else written.notProcessed++;
    return current;
  };
  await writeWholeFile(path, async (write) => {
    if (format === 'csv') {
      const { bom, newline, quoteAll } = await csvLayout(input.path, delimiter);
      // The rows go out as the input's bytes; only a rejects file loaded again has its old errors column cut out.
      let strip: ((raw: Buffer) => string) | undefined;
      for await (const records of csvRecordBatches(input.path, (position) => position === 0 || take(position) !== undefined)) {
        let text = '';
        for (const record of records) {
          if (record.position === 0) {
            const header = parseRow(record.raw.toString('utf8'), delimiter);
            if (header.includes(REJECTS_FIELD)) strip = (raw) => rowWithout(parseRow(raw.toString('utf8'), delimiter), header.indexOf(REJECTS_FIELD), delimiter, quoteAll);
            text += `${bom ? '\uFEFF' : ''}${csvField(REJECTS_FIELD, delimiter, quoteAll)}${delimiter}${strip ? strip(record.raw) : record.raw.toString('utf8')}${newline}`;
            continue;
          }
          const rejected = taken.get(record.position)!;
          taken.delete(record.position);
          if (rejected.failed) written.lines.set(record.position, record.line);
          text += `${csvField(rejected.text, delimiter, quoteAll)}${delimiter}${strip ? strip(record.raw) : record.raw.toString('utf8')}${newline}`;
        }
        if (text !== '') await write(text);
        if (next.done && taken.size === 0) break;
      }
    } else {
      const records = format === 'json' ? readJsonArray(input.path) : readNdjson(input.path);
      let position = 0;
      if (format === 'json') await write('[\n');
      for await (const record of records) {
        const rejected = take(++position);
        taken.delete(position);
        if (rejected) await write(`${format === 'json' && written.count > 1 ? ',\n' : ''}${JSON.stringify({ [REJECTS_FIELD]: rejected.text, ...record })}${format === 'json' ? '' : '\n'}`);
        if (next.done) break;
      }
      if (format === 'json') await write('\n]\n');
    }
    if (!next.done) throw new Error(`the input holds no record ${next.value.position}: was it changed during the load?`);
  });
  return written;
}

/** One CSV row's fields (the header, or a row of a rejects file loaded again). */
const parseRow = (text: string, delimiter: string): string[] => (parse(text, { delimiter, relax_quotes: false }) as string[][])[0] ?? [];

function rowWithout(fields: string[], index: number, delimiter: string, quoteAll: boolean): string {
  return fields.filter((_, i) => i !== index).map((field) => csvField(field, delimiter, quoteAll)).join(delimiter);
}
