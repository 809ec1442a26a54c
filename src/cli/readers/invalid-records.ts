// The verdict of the check pass on each record against its type's rules (the library's
// validateRecord): how many are invalid, and the first few (or all) with their place in the file.
import { validateRecord, type ImportResourceType, type RecordErrors } from '../../index.js';
import { csvRecordLines } from './csv-lines.js';
import type { FileFormat, Input } from './source.js';

export interface InvalidRecordFound {
  /** CSV: the line the record starts on; JSON and NDJSON: its record number, 1-based. */
  line?: number;
  record: number;
  errors: RecordErrors;
}

export interface RecordVerdicts {
  /** Called by the check pass with each record and its 1-based number. */
  check(record: Record<string, unknown>, number: number): void;
  /** How many records were found invalid. */
  readonly invalid: number;
  /** The invalid records kept (up to `keep`), with their CSV lines found. */
  found(): Promise<InvalidRecordFound[]>;
}

export function recordVerdicts(resourceType: ImportResourceType, input: Input, format: FileFormat, delimiter: string, options: { parent: string | undefined; keep: number }): RecordVerdicts {
  const kept: InvalidRecordFound[] = [];
  const settings = { parentResourceId: options.parent ?? null, format: format === 'csv' ? ('csv' as const) : ('json' as const) };
  let invalid = 0;
  return {
    check(record, number) {
      const errors = validateRecord(resourceType, record, settings);
      if (!errors) return;
      invalid++;
      if (kept.length < options.keep) kept.push({ record: number, errors });
    },
    get invalid() {
      return invalid;
    },
    async found() {
      if (format !== 'csv' || kept.length === 0) return kept;
      const lines = await csvRecordLines(input.path, delimiter, kept.map((each) => each.record));
      return kept.map((each) => ({ line: lines.get(each.record), ...each }));
    },
  };
}

/** `line 12: name can't be blank; weight is not a number` (`record 12` for JSON and NDJSON). */
export function invalidLine(found: InvalidRecordFound): string {
  const where = found.line !== undefined ? `line ${found.line}` : `record ${found.record}`;
  const messages = Object.entries(found.errors).map(([attribute, list]) => `${attribute} ${list.join(', ')}`);
  return `${where}: ${messages.join('; ')}`;
}
