import { InputError, type ImportAllSummary } from '../index.js';
import { EXIT, type ExitCode } from './cli-error.js';
import { count, duration, paint } from './progress/format.js';
import { errorsText } from './rejects/errors-field.js';
import { failedRecordJson } from './rejects/log-file.js';
import { type NextStep, nextStepText } from './rejects/next-step.js';

/** How many errors the summary shows; the rest are in the log file. */
const FIRST_ERRORS = 5;

export interface LoadReport {
  resourceType: string;
  file: string;
  format: string;
  summary: ImportAllSummary;
  elapsedMs: number;
  /** Where every error and warning was written, if anywhere. */
  logFile: string | undefined;
  /** CSV: the line each failed record starts on, by position. */
  lines: Map<number, number> | undefined;
  next: NextStep;
}

/** 0 when every record was imported; 1 when any record failed or any chunk failed or was interrupted. */
export function exitCodeOf(summary: ImportAllSummary): ExitCode {
  return summary.failed_count > 0 || summary.not_processed_count > 0 || summary.failures.length > 0 ? EXIT.FAILED : EXIT.OK;
}

/** The first few failed records, each where it is and what failed: `record 13, line 14 (chunk 2, key SKU12)  name: can't be blank`. */
export function firstErrors(summary: ImportAllSummary, lines: Map<number, number> | undefined, limit = FIRST_ERRORS): string[] {
  return summary.failed_records.slice(0, limit).map((record) => {
    const line = lines?.get(record.position);
    return `record ${count(record.position)}${line === undefined ? '' : `, line ${count(line)}`} (chunk ${record.chunk + 1}, key ${record.key})  ${errorsText(record)}`;
  });
}

/** The table printed at the end of a load. */
export function summaryText(report: LoadReport, color: boolean): string {
  const { summary } = report;
  const style = (name: Parameters<typeof paint>[0], text: string) => (color ? paint(name, text) : text);
  const rows: [string, string, boolean][] = [
    ['Chunks', `${count(summary.chunks)}${chunksNote(summary)}`, false],
    ['Records imported', count(summary.imported_count), false],
    ['Records failed', count(summary.failed_count), summary.failed_count > 0],
    ['Not processed', count(summary.not_processed_count), summary.not_processed_count > 0],
    ['Warnings', count(summary.warnings_count), false],
    ['Time', duration(report.elapsedMs), false],
  ];
  const lines = [
    '',
    style('bold', `${report.resourceType} from ${report.file}, group ${summary.group}`),
    ...rows.map(([name, value, bad]) => `  ${name.padEnd(17)} ${bad ? style('red', value.padStart(10)) : value.padStart(10)}`),
  ];
  for (const failure of summary.failures) {
    const why = failure.reason === 'error' ? `failed (${messageOf(failure.error)})` : failure.reason === 'vanished' ? 'vanished (deleted while followed)' : failure.reason === 'stopped' ? 'not sent' : 'interrupted';
    const where = `${failure.reference}, records ${failure.chunk_items}${failure.id ? `, import ${failure.id}` : ''}`;
    lines.push(`  chunk ${failure.chunk + 1} ${why}: ${count(failure.not_processed)} not processed (${where})`);
  }
  lines.push(...reconciliationLines(summary));
  if (summary.stopped_early) lines.push('', style('red', `Stopped early: ${summary.stopped_early}; no further chunk was created.`));
  const errors = firstErrors(summary, report.lines);
  if (errors.length > 0) {
    lines.push('', `First errors (${errors.length} of ${count(summary.failed_count)} records):`, ...errors.map((line) => `  ${line}`));
  }
  if (summary.unmatched_errors.length > 0) {
    lines.push('', `${count(summary.unmatched_errors.length)} errors_log entries name a key that matches no record of their chunk (in the log file, as the API gave them).`);
  }
  if (report.logFile) lines.push('', `Every error and warning: ${report.logFile}`);
  lines.push(...nextStepText(summary, report.next), '');
  return lines.join('\n');
}

/** The --json summary: counts, each chunk's import (no inputs, no logs), failures and the first errors. */
export function summaryJson(report: LoadReport, exitCode: ExitCode) {
  const { summary } = report;
  return {
    ok: exitCode === EXIT.OK,
    exit_code: exitCode,
    resource_type: report.resourceType,
    file: report.file,
    format: report.format,
    group: summary.group,
    chunks: summary.chunks,
    resumed_chunks: summary.resumed_chunks,
    retried_chunks: summary.retried_chunks,
    records_total: summary.records_total,
    imported_count: summary.imported_count,
    failed_count: summary.failed_count,
    not_processed_count: summary.not_processed_count,
    warnings_count: summary.warnings_count,
    elapsed_ms: Math.round(report.elapsedMs),
    imports: summary.imports.map(({ id, attributes }) => ({
      id,
      reference: attributes.reference ?? null,
      status: attributes.status,
      inputs_size: attributes.inputs_size ?? null,
      processed_count: attributes.processed_count ?? null,
      errors_count: attributes.errors_count ?? null,
      warnings_count: attributes.warnings_count ?? null,
    })),
    failures: summary.failures.map((failure) => ({ ...failure, chunk: failure.chunk + 1, error: failure.error === undefined ? undefined : messageOf(failure.error) })),
    reconciliations: summary.reconciliations.map((each) => ({ ...each, chunk: each.chunk + 1, error: each.error === undefined ? undefined : messageOf(each.error) })),
    group_check_error: summary.group_check_error === undefined ? null : messageOf(summary.group_check_error),
    not_processed: summary.not_processed.map((range) => ({ ...range, chunk: range.chunk + 1 })),
    first_errors: summary.failed_records.slice(0, FIRST_ERRORS).map((record) => failedRecordJson(record, report.lines)),
    unmatched_errors_count: summary.unmatched_errors.length,
    stopped_early: summary.stopped_early ?? null,
    log_file: report.logFile ?? null,
    rejects_file: report.next.rejects?.path ?? null,
    rejects_count: report.next.rejects?.count ?? 0,
    rejects_command: report.next.rejects ? report.next.reloadCommand : null,
  };
}

/** A chunk found with more than one import, and what was done; and a last read of the group that failed. */
function reconciliationLines(summary: ImportAllSummary): string[] {
  const lines = summary.reconciliations.map((each) => {
    const done = each.action === 'interrupted' ? `import ${each.id} interrupted` :
      each.action === 'imported_twice' ? 'imported twice (records matched by id or unique key updated twice, not duplicated), counted once' :
      `import ${each.id} could not be interrupted (${messageOf(each.error)}); run the group again`;
    return `  chunk ${each.chunk + 1} (${each.reference}) had more than one import: ${done}, import ${each.kept_id} kept. ${each.reason}`;
  });
  const checkError = summary.group_check_error;
  // The last read found another load's imports in the group (left alone), or could not be made.
  if (checkError instanceof InputError) lines.push(`  The last read of the group found another load's imports, left as they are: ${messageOf(checkError)}`);
  else if (checkError !== undefined) lines.push(`  The group could not be read once more at the end (${messageOf(checkError)}): run it again to find any create that landed late.`);
  return lines;
}

function chunksNote({ resumed_chunks: resumed, retried_chunks: retried }: ImportAllSummary): string {
  const notes = [resumed > 0 ? `${count(resumed)} from an earlier run` : '', retried > 0 ? `${count(retried)} interrupted earlier, created again` : ''].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
