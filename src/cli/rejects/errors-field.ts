import type { ImportAllSummary, ImportFailedRecord, ImportNotProcessed } from '../../index.js';

/**
 * The column (CSV) or field (JSON, NDJSON) of a rejects file that holds each record's errors. Imported
 * again, it is recognised and left out of what is sent: no Commerce Layer attribute has this name
 * (those starting with `_` are the API's triggers, such as `_interrupt`, and none is `_errors`).
 */
export const REJECTS_FIELD = '_errors';

/** A failed record's errors in one line: `shipping_category_id: can't be blank; name: is too long`. */
export function errorsText(record: Pick<ImportFailedRecord, 'errors'>): string {
  return Object.entries(record.errors).map(([name, messages]) => `${name}: ${messages.join(', ')}`).join('; ');
}

/** Why a record was not processed, as the rejects file marks it. */
function notProcessedText(range: ImportNotProcessed): string {
  const chunk = `chunk ${range.chunk + 1}`;
  if (range.reason === 'interrupted') return `not processed: ${chunk} was interrupted before this record`;
  if (range.reason === 'stopped') return `not processed: the load stopped early, before ${chunk} was sent`;
  return `not processed: ${chunk} failed`;
}

/**
 * What the rejects file says of each record, in position order: the failed ones' errors and the
 * unprocessed ones' mark. Positions come sorted from the summary, so the input is read once, in order.
 */
export function* rejectedPositions(summary: ImportAllSummary): Generator<{ position: number; text: string; failed: boolean }> {
  const failed = summary.failed_records;
  const ranges = summary.not_processed;
  let f = 0;
  let r = 0;
  let lastPosition = 0;
  while (f < failed.length || r < ranges.length) {
    const nextFailed = failed[f]?.position ?? Infinity;
    const range = ranges[r];
    if (range && range.first <= nextFailed) {
      for (let position = Math.max(range.first, lastPosition + 1); position <= range.last; position++) yield { position, text: notProcessedText(range), failed: false };
      lastPosition = Math.max(lastPosition, range.last);
      r++;
      continue;
    }
    // A record whose key its chunk repeats is named by each entry of that key: its messages, once.
    const record = failed[f++]!;
    const same = [record];
    while (failed[f]?.position === record.position) same.push(failed[f++]!);
    if (record.position <= lastPosition) continue;
    lastPosition = record.position;
    yield { position: record.position, text: same.map(errorsText).join('; '), failed: true };
  }
}
