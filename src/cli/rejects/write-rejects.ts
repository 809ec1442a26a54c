import type { ImportAllSummary } from '../../index.js';
import { readJsonArray } from '../readers/json-array.js';
import { readNdjson } from '../readers/ndjson.js';
import type { FileFormat, Input } from '../readers/source.js';
import { csvField, csvLayout, csvRows } from './csv-rows.js';
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
  const take = (position: number) => {
    if (next.done || next.value.position !== position) return undefined;
    const current = next.value;
    next = wanted.next();
    written.count++;
    if (current.failed) written.failed++;
    else written.notProcessed++;
    return current;
  };
  await writeWholeFile(path, async (write) => {
    if (format === 'csv') {
      const { bom, newline, quoteAll } = await csvLayout(input.path, delimiter);
      let position = 0;
      let keep: boolean[] = [];
      const rowText = (first: string, fields: string[]) => [first, ...fields.filter((_, i) => keep[i])].map((field) => csvField(field, delimiter, quoteAll)).join(delimiter) + newline;
      for await (const row of csvRows(input.path, delimiter)) {
        if (position === 0) {
          // An earlier rejects file's own column is left out: its errors are replaced by this run's.
          keep = row.fields.map((field) => field !== REJECTS_FIELD);
          await write(`${bom ? '\uFEFF' : ''}${rowText(REJECTS_FIELD, row.fields)}`);
        } else {
          const rejected = take(position);
          if (rejected?.failed) written.lines.set(position, row.line);
          if (rejected) await write(rowText(rejected.text, row.fields));
        }
        position++;
        if (next.done) break;
      }
    } else {
      const records = format === 'json' ? readJsonArray(input.path) : readNdjson(input.path);
      let position = 0;
      if (format === 'json') await write('[\n');
      for await (const record of records) {
        const rejected = take(++position);
        if (rejected) await write(`${format === 'json' && written.count > 1 ? ',\n' : ''}${JSON.stringify({ [REJECTS_FIELD]: rejected.text, ...record })}${format === 'json' ? '' : '\n'}`);
        if (next.done) break;
      }
      if (format === 'json') await write('\n]\n');
    }
    if (!next.done) throw new Error(`the input holds no record ${next.value.position}: was it changed during the load?`);
  });
  return written;
}
