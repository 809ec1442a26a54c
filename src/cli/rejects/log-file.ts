import type { ImportAllSummary } from '../../index.js';
import { writeWholeFile } from './whole-file.js';

export interface LogContents {
  resourceType: string;
  file: string;
  summary: ImportAllSummary;
  /** CSV: the line each failed record starts on, by position. */
  lines: Map<number, number> | undefined;
}

/** Whether a load has anything for the log file: an error or a warning. */
export const hasLog = ({ failed_records, unmatched_errors, warnings_log }: ImportAllSummary) =>
  failed_records.length > 0 || unmatched_errors.length > 0 || Object.keys(warnings_log).length > 0;

/** A failed record as the log file and --json show it: chunk numbers 1-based, the CSV line when known. */
export function failedRecordJson(record: ImportAllSummary['failed_records'][number], lines: Map<number, number> | undefined) {
  const line = lines?.get(record.position);
  return { position: record.position, ...(line !== undefined ? { line } : {}), chunk: record.chunk + 1, key: record.key, errors: record.errors };
}

/**
 * Writes every error by record (position, CSV line, chunk, the API's key, messages), the records not
 * processed, the errors whose key matched no record, and every warning. One record a line, streamed:
 * 100,000 failed records are never one string in memory. Written whole, then renamed into place.
 */
export async function writeLogFile(path: string, contents: LogContents): Promise<void> {
  const { summary } = contents;
  await writeWholeFile(path, async (write) => {
    const list = async <T>(name: string, items: readonly T[], json: (item: T) => unknown) => {
      await write(`  ${JSON.stringify(name)}: [`);
      for (let i = 0; i < items.length; i++) await write(`${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(json(items[i]!))}`);
      await write(`${items.length > 0 ? '\n  ' : ''}],\n`);
    };
    await write(`{\n  "written_by": "commercelayer-imports",\n`);
    await write(`  "group": ${JSON.stringify(summary.group)},\n  "resource_type": ${JSON.stringify(contents.resourceType)},\n  "file": ${JSON.stringify(contents.file)},\n`);
    await list('failed_records', summary.failed_records, (record) => failedRecordJson(record, contents.lines));
    await list('not_processed', summary.not_processed, (range) => ({ ...range, chunk: range.chunk + 1 }));
    await list('unmatched_errors', summary.unmatched_errors, (entry) => ({ ...entry, chunk: entry.chunk + 1 }));
    await write(`  "warnings_log": ${JSON.stringify(summary.warnings_log)}\n}\n`);
  });
}
