// The verdict of the check pass on each record against its type's rules (the library's
// checkRecord): how many are invalid, how many may only update (they lack what a create needs), and
// the first few (or all) of each with their place in the file.
import { checkRecord, formatRecordErrors, NEEDED_IF_NEW, type ImportResourceType, type RecordErrors } from '../../index.js';
import { csvRecordLines } from './csv-lines.js';
import type { FileFormat, Input } from './source.js';

interface Place {
  /** CSV: the line the record starts on; JSON and NDJSON: its record number, 1-based. */
  line?: number;
  record: number;
}

export interface InvalidRecordFound extends Place {
  errors: RecordErrors;
}

/** A valid record that holds its type's unique key but lacks attributes a create requires. */
export interface NotedRecordFound extends Place {
  neededIfNew: string[];
}

export interface RecordVerdicts {
  /** Called by the check pass with each record and its 1-based number. */
  check(record: Record<string, unknown>, number: number): void;
  /** How many records were found invalid. */
  readonly invalid: number;
  /** How many valid records lack what a create needs: fine if they update, the API fails them if new. */
  readonly noted: number;
  /** The records kept (up to `keep` invalid, `keepNotes` noted), with their CSV lines found. */
  found(): Promise<{ invalid: InvalidRecordFound[]; notes: NotedRecordFound[] }>;
}

export function recordVerdicts(
  resourceType: ImportResourceType,
  input: Input,
  format: FileFormat,
  delimiter: string,
  options: { parent: string | undefined; keep: number; keepNotes: number },
): RecordVerdicts {
  const kept: InvalidRecordFound[] = [];
  const notes: NotedRecordFound[] = [];
  const settings = { parentResourceId: options.parent ?? null, format: format === 'csv' ? ('csv' as const) : ('json' as const) };
  let invalid = 0;
  let noted = 0;
  return {
    check(record, number) {
      const verdict = checkRecord(resourceType, record, settings);
      if (!verdict) return;
      if (verdict.errors) {
        invalid++;
        if (kept.length < options.keep) kept.push({ record: number, errors: verdict.errors });
      } else if (verdict.neededIfNew) {
        noted++;
        if (notes.length < options.keepNotes) notes.push({ record: number, neededIfNew: verdict.neededIfNew });
      }
    },
    get invalid() {
      return invalid;
    },
    get noted() {
      return noted;
    },
    async found() {
      if (format !== 'csv' || kept.length + notes.length === 0) return { invalid: kept, notes };
      const lines = await csvRecordLines(input.path, delimiter, [...kept, ...notes].map((each) => each.record));
      return {
        invalid: kept.map((each) => ({ line: lines.get(each.record), ...each })),
        notes: notes.map((each) => ({ line: lines.get(each.record), ...each })),
      };
    },
  };
}

const placeOf = (found: Place) => (found.line !== undefined ? `line ${found.line}` : `record ${found.record}`);

/** `line 12: name can't be blank; weight is not a number` (`record 12` for JSON and NDJSON). */
export function invalidLine(found: InvalidRecordFound): string {
  return `${placeOf(found)}: ${formatRecordErrors(found.errors)}`;
}

/** `line 12: shipping_category_id needed if the record is new`. */
export function notedLine(found: NotedRecordFound): string {
  return `${placeOf(found)}: ${found.neededIfNew.join(', ')} ${NEEDED_IF_NEW}`;
}
