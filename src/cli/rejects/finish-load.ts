import type { ImportAllSummary } from '../../index.js';
import type { Output } from '../output.js';
import type { FileFormat, Input } from '../readers/source.js';
import { hasLog, writeLogFile } from './log-file.js';
import { type RejectsWritten, writeRejects } from './write-rejects.js';

export interface Written {
  rejects: RejectsWritten | undefined;
  logFile: string | undefined;
  lines: Map<number, number> | undefined;
}

export interface FinishPlan {
  input: Input;
  format: FileFormat;
  delimiter: string;
  resourceType: string;
  rejectsFile: string;
  logFile: string;
  /** The log was asked for with --errors: written even when the load had nothing to log. */
  logGiven: boolean;
}

/**
 * After a load: the rejects file when any record failed or was not processed (first, since it reads the
 * input again and so learns each failed record's CSV line), then the log file. Either failing is said,
 * and the other is still written: the summary is printed regardless.
 */
export async function writeLoadFiles(plan: FinishPlan, summary: ImportAllSummary, output: Output): Promise<Written> {
  const written: Written = { rejects: undefined, logFile: undefined, lines: undefined };
  if (summary.failed_records.length > 0 || summary.not_processed.length > 0) {
    try {
      written.rejects = await writeRejects(plan.rejectsFile, plan.input, plan.format, plan.delimiter, summary);
      if (plan.format === 'csv') written.lines = written.rejects.lines;
    } catch (error) {
      output.err(`commercelayer-imports: could not write the rejects file ${plan.rejectsFile}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  if (plan.logGiven || hasLog(summary)) {
    try {
      await writeLogFile(plan.logFile, { resourceType: plan.resourceType, file: plan.input.label, summary, lines: written.lines });
      written.logFile = plan.logFile;
    } catch (error) {
      output.err(`commercelayer-imports: could not write the log to ${plan.logFile}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return written;
}
