import { writeFile } from 'node:fs/promises';
import type { ImportAllSummary } from '../index.js';
import { EXIT, type ExitCode } from './cli-error.js';
import { count, duration, paint } from './progress/format.js';

/** How many errors the summary shows; the rest are in the log file. */
const FIRST_ERRORS = 5;

export interface LoadReport {
  resourceType: string;
  file: string;
  format: string;
  summary: ImportAllSummary;
  elapsedMs: number;
  /** Where every errors_log and warnings_log entry was written, if anywhere. */
  logFile: string | undefined;
}

/** 0 when every record was imported; 1 when any record failed or any chunk failed or was interrupted. */
export function exitCodeOf(summary: ImportAllSummary): ExitCode {
  return summary.failed_count > 0 || summary.not_processed_count > 0 || summary.failures.length > 0 ? EXIT.FAILED : EXIT.OK;
}

/** The input keys and messages of the first few errors: `code:ABC  name: has already been taken`. */
export function firstErrors(summary: ImportAllSummary, limit = FIRST_ERRORS): string[] {
  return Object.entries(summary.errors_log)
    .slice(0, limit)
    .map(([key, attributes]) => `${key}  ${Object.entries(attributes ?? {}).map(([name, messages]) => `${name}: ${[messages].flat().join(', ')}`).join('; ')}`);
}

/** The table printed at the end of a load. */
export function summaryText(report: LoadReport, color: boolean): string {
  const { summary } = report;
  const style = (name: Parameters<typeof paint>[0], text: string) => (color ? paint(name, text) : text);
  const rows: [string, string, boolean][] = [
    ['Chunks', `${count(summary.chunks)}${summary.resumed_chunks > 0 ? ` (${count(summary.resumed_chunks)} from an earlier run)` : ''}`, false],
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
    const why = failure.reason === 'error' ? `failed (${messageOf(failure.error)})` : failure.reason === 'vanished' ? 'vanished (deleted while followed)' : 'interrupted';
    const where = `${failure.reference}, records ${failure.chunk_items}${failure.id ? `, import ${failure.id}` : ''}`;
    lines.push(`  chunk ${failure.chunk + 1} ${why}: ${count(failure.not_processed)} not processed (${where})`);
  }
  lines.push(...reconciliationLines(summary));
  const errors = firstErrors(summary);
  const errorKeys = Object.keys(summary.errors_log).length;
  if (errors.length > 0) {
    lines.push('', `First errors (${errors.length} of ${count(errorKeys)} records):`, ...errors.map((line) => `  ${line}`));
  }
  if (report.logFile) lines.push('', `Every error and warning: ${report.logFile}`);
  else if (errorKeys > 0 || Object.keys(summary.warnings_log).length > 0) lines.push('', 'Pass --errors <file> to write every error and warning as JSON.');
  lines.push('');
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
    failures: summary.failures.map((failure) => ({ ...failure, error: failure.error === undefined ? undefined : messageOf(failure.error) })),
    reconciliations: summary.reconciliations.map((each) => ({ ...each, error: each.error === undefined ? undefined : messageOf(each.error) })),
    group_check_error: summary.group_check_error === undefined ? null : messageOf(summary.group_check_error),
    first_errors: Object.fromEntries(Object.entries(summary.errors_log).slice(0, FIRST_ERRORS)),
    log_file: report.logFile ?? null,
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
  if (summary.group_check_error !== undefined) {
    lines.push(`  The group could not be read once more at the end (${messageOf(summary.group_check_error)}): run it again to find any create that landed late.`);
  }
  return lines;
}

/** Writes every errors_log and warnings_log entry, as the API gives them, keyed by input. */
export async function writeLogFile(path: string, report: Omit<LoadReport, 'logFile' | 'elapsedMs'>): Promise<void> {
  const { summary } = report;
  const body = { group: summary.group, resource_type: report.resourceType, file: report.file, errors_log: summary.errors_log, warnings_log: summary.warnings_log };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
