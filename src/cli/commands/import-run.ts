import type { ImportAllResume, ImportResourceType, ImportsClient } from '../../index.js';
import { EXIT, type ExitCode } from '../cli-error.js';
import { failureOf } from '../connect.js';
import { colorFor } from '../output.js';
import { createDisplay } from '../progress/display.js';
import { count, counted } from '../progress/format.js';
import { readRecords, type Scan } from '../readers/records.js';
import type { FileFormat, Input } from '../readers/source.js';
import { resumeCommand } from '../resume-command.js';
import { onCtrlC } from '../signals.js';
import { writeLoadFiles } from '../rejects/finish-load.js';
import { importCommandLine } from '../rejects/next-step.js';
import { exitCodeOf, summaryJson, summaryText, type LoadReport } from '../summary.js';
import type { Context } from './command.js';

export interface LoadPlan {
  client: ImportsClient;
  tokenOnCommandLine: boolean;
  context: Context;
  input: Input;
  scan: Scan;
  resourceType: ImportResourceType;
  format: FileFormat;
  delimiter: string;
  group: string;
  chunkSize: number;
  concurrency: number;
  parent: string | undefined;
  skipErrors: boolean;
  retryInterrupted: boolean;
  maxErrors: number | undefined;
  /** Where the rejects go (--rejects, or `<group>.rejects.<ext>`), checked before anything was sent. */
  rejectsFile: string;
  /** Where the log goes (--errors, or `<group>.log.json`), checked likewise. */
  logFile: string;
  logGiven: boolean;
  /** The flags of this run that apply to loading its rejects file too (connection, parent, chunking). */
  carriedFlags: string[];
  json: boolean;
  quiet: boolean;
}

/** The second pass: streams the file into importAll with the progress display, then prints the account of every record. */
export async function runLoad(plan: LoadPlan): Promise<ExitCode> {
  const { output, env } = plan.context;
  const chunksTotal = Math.ceil(plan.scan.count / plan.chunkSize);
  // With --json, stdout holds the one JSON object: progress and messages go to stderr.
  const { display, model } = createDisplay({
    stream: plan.json ? output.stderr : output.stdout,
    write: plan.json ? output.err : output.out,
    env,
    quiet: plan.quiet,
    label: plan.resourceType,
    recordsTotal: plan.scan.count,
    chunksTotal,
  });
  display.message(`Importing ${count(plan.scan.count)} ${plan.resourceType} from ${plan.input.label} in ${chunksTotal === 1 ? '1 chunk' : `${count(chunksTotal)} chunks`} of up to ${count(plan.chunkSize)} (group ${plan.group})`);
  const controller = new AbortController();
  let interrupted = false;
  let reported = false;
  const release = onCtrlC(() => {
    interrupted = true;
    controller.abort(new Error('stopped by Ctrl-C'));
  });
  const started = performance.now();
  try {
    const summary = await plan.client.importAll(plan.resourceType, readRecords(plan.input, plan.format, plan.delimiter), {
      chunkSize: plan.chunkSize,
      concurrency: plan.concurrency,
      group: plan.group,
      total: plan.scan.count,
      ...(plan.format === 'csv' ? { format: 'csv' as const, columns: plan.scan.columns } : { format: 'json' as const }),
      attributes: { ...(plan.parent !== undefined ? { parent_resource_id: plan.parent } : {}), ...(plan.skipErrors ? { skip_errors: true } : {}) },
      retryInterrupted: plan.retryInterrupted,
      ...(plan.maxErrors !== undefined ? { maxErrors: plan.maxErrors } : {}),
      signal: controller.signal,
      onResume: (resume) => {
        // From here on, creates may be on their way: a failure can no longer promise nothing was sent.
        reported = true;
        const text = resumeMessage(resume, chunksTotal);
        if (text) display.message(text);
        const notice = skipErrorsNotice(resume, plan.skipErrors);
        if (notice) display.message(notice);
      },
      onProgress: (progress) => {
        reported = true;
        try {
          display.progress(progress);
        } catch {
          // A display that fails must not stop the load.
        }
      },
    });
    display.stop();
    const written = await writeLoadFiles(plan, summary, output);
    const retry = !plan.retryInterrupted && summary.failures.some((failure) => failure.reason === 'interrupted');
    const report: LoadReport = {
      resourceType: plan.resourceType, file: plan.input.label, format: plan.format, summary,
      elapsedMs: performance.now() - started, logFile: written.logFile, lines: written.lines,
      next: {
        rejects: written.rejects,
        reloadCommand: written.rejects && importCommandLine(plan.resourceType, written.rejects.path, plan.carriedFlags),
        retryCommand: retry ? `${resumeCommand(plan.context.argv, plan.group)} --retry-interrupted` : undefined,
        tokenOnCommandLine: plan.tokenOnCommandLine,
      },
    };
    const exitCode = exitCodeOf(summary);
    if (plan.json) output.out(`${JSON.stringify(summaryJson(report, exitCode))}\n`);
    else if (!plan.quiet) output.out(summaryText(report, colorFor(output.stdout, env)));
    return exitCode;
  } catch (error) {
    display.stop();
    if (interrupted) return stopped(plan, model.running().map((chunk) => chunk.id));
    const failure = failureOf(error);
    // Exit 2 promises that nothing was sent: once imports exist, a failure is the load's (1).
    const exitCode = reported && failure.exitCode === EXIT.USAGE ? EXIT.FAILED : failure.exitCode;
    output.err(`commercelayer-imports: ${failure.message}\n${failure.hint ? `${failure.hint}\n` : ''}`);
    if (plan.json) output.out(`${JSON.stringify({ ok: false, exit_code: exitCode, error: failure.message, group: plan.group })}\n`);
    return exitCode;
  } finally {
    release();
  }
}

export function resumeMessage(resume: ImportAllResume, chunksTotal: number): string | undefined {
  const { completed, running, interrupted } = resume;
  if (completed + running + interrupted === 0) return undefined;
  if (completed >= chunksTotal) {
    return `${chunksTotal === 1 ? 'The 1 chunk' : `All ${count(chunksTotal)} chunks`} of group ${resume.group} ${chunksTotal === 1 ? 'was' : 'were'} already completed: nothing to import.`;
  }
  const parts = [`${count(completed)} of ${counted(chunksTotal, 'chunk')} already completed, resuming`];
  if (running > 0) parts.push(`following the ${count(running)} still running`);
  const kept = interrupted - resume.retrying;
  if (resume.retrying > 0) parts.push(`creating again the ${count(resume.retrying)} interrupted earlier (--retry-interrupted)`);
  if (kept > 0) {
    parts.push(`${count(kept)} interrupted earlier and not sent again: their failed and unprocessed records go to the rejects file, or rerun with --retry-interrupted to create ${kept === 1 ? 'it' : 'them'} again`);
  }
  return parts.join('; ');
}

/** --skip-errors on a resumed run reaches only the chunks this run creates: said, not ignored silently. */
function skipErrorsNotice(resume: ImportAllResume, skipErrors: boolean): string | undefined {
  const running = resume.running;
  const kept = resume.interrupted - resume.retrying;
  if (!skipErrors || running + kept === 0) return undefined;
  const which = [running > 0 ? `the ${count(running)} still running` : '', kept > 0 ? `the ${count(kept)} interrupted` : ''].filter(Boolean).join(' and ');
  return `--skip-errors applies only to the chunks this run creates: ${which}, created by an earlier run, keep the setting they were created with${kept > 0 ? ' (--retry-interrupted creates the interrupted ones again with it)' : ''}.`;
}

/** After Ctrl-C: what keeps running, and the exact command that resumes. */
function stopped(plan: LoadPlan, running: string[]): ExitCode {
  const { output } = plan.context;
  const command = resumeCommand(plan.context.argv, plan.group);
  const lines = [
    '',
    `Stopped by Ctrl-C: no further chunks will be created. ${running.length === 1 ? '1 import already created keeps' : `${count(running.length)} imports already created keep`} running on the server.`,
    'To resume, run:',
    `  ${command}`,
  ];
  if (plan.input.label === 'standard input') lines.push('with the same standard input.');
  if (plan.tokenOnCommandLine) lines.push('and give it your access token again (--access-token or CL_ACCESS_TOKEN): it is never printed.');
  output.err(`${lines.join('\n')}\n`);
  if (plan.json) output.out(`${JSON.stringify({ ok: false, exit_code: EXIT.INTERRUPTED, interrupted: true, group: plan.group, resume_command: command, running_imports: running })}\n`);
  return EXIT.INTERRUPTED;
}
