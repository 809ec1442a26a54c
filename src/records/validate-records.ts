// The check of part of a load, or all of it, as the records stream by: each invalid one with its place.
import type { ImportResourceType } from '../types.js';
import { recordRules } from './rules.js';
import { validateRecord, type RecordErrors, type ValidateRecordOptions } from './validate-record.js';

export interface InvalidRecord {
  /** 1-based: the record's position in the source. */
  position: number;
  errors: RecordErrors;
}

/** Yields each invalid record's position and errors as the source streams; holds nothing else. */
export async function* validateRecords(
  resourceType: ImportResourceType,
  records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  options: ValidateRecordOptions = {},
): AsyncGenerator<InvalidRecord, void, undefined> {
  recordRules(resourceType);
  let position = 0;
  for await (const record of records) {
    position++;
    const errors = validateRecord(resourceType, record, options);
    if (errors) yield { position, errors };
  }
}
