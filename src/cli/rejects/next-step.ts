import type { ImportAllSummary } from '../../index.js';
import { count } from '../progress/format.js';
import { programName, shellQuote } from '../resume-command.js';

export interface NextStep {
  /** The rejects file written, and how many records it holds, of which failed and not processed. */
  rejects: { path: string; count: number; failed: number; notProcessed: number } | undefined;
  /** `import <type> <rejects file>` with the flags of this run that still apply (never a token). */
  reloadCommand: string | undefined;
  /** This run's command with --retry-interrupted, when chunks ended interrupted and it was not given. */
  retryCommand: string | undefined;
  /** The access token was given on the command line: it is never printed, so the user gives it again. */
  tokenOnCommandLine: boolean;
}

/** `commercelayer-imports import <type> <file> <flags...>`, quoted for a POSIX shell. */
export function importCommandLine(resourceType: string, file: string, flags: string[]): string {
  return [programName(), 'import', resourceType, shellQuote(file), ...flags.map(shellQuote)].join(' ');
}

/** The summary's last lines: where the rejects are, and the command that loads them once fixed. */
export function nextStepText(summary: ImportAllSummary, next: NextStep): string[] {
  const lines: string[] = [];
  const { rejects } = next;
  if (rejects) {
    const parts = [rejects.failed > 0 ? `${count(rejects.failed)} failed` : '', rejects.notProcessed > 0 ? `${count(rejects.notProcessed)} not processed` : ''].filter(Boolean);
    lines.push(
      '',
      `Next: ${rejects.count === 1 ? '1 record is' : `${count(rejects.count)} records are`} in the rejects file ${rejects.path} (${parts.join(', ')}), each with why in its _errors column or field.`,
      'Fix them there (the _errors column is left out when the file is imported), then load them:',
      `  ${next.reloadCommand}`,
    );
  }
  const interrupted = summary.failures.filter((failure) => failure.reason === 'interrupted').length;
  if (next.retryCommand && interrupted > 0) {
    lines.push(
      rejects ? 'Or create the interrupted chunks again, as they are, with --retry-interrupted (add --skip-errors to go past the records that fail):' : 'To create the interrupted chunks again:',
      `  ${next.retryCommand}`,
    );
  }
  if (lines.length > 0 && next.tokenOnCommandLine) lines.push('and give your access token again (--access-token or CL_ACCESS_TOKEN): it is never printed.');
  return lines;
}
