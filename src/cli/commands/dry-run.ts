// `import --dry-run`: the verdict on every record and the plan, with nothing sent; and the import's
// refusal of a file with invalid records, which prints the same verdict.
import type { ImportResourceType, ImportsClient } from '../../index.js';
import { EXIT, type ExitCode } from '../cli-error.js';
import { groupPlan, type GroupPlan } from '../group-plan.js';
import { count } from '../progress/format.js';
import { invalidLine, notedLine, type InvalidRecordFound, type NotedRecordFound, type RecordVerdicts } from '../readers/invalid-records.js';
import type { Scan } from '../readers/records.js';
import type { Context } from './command.js';

/** How many invalid records (and how many noted ones) a terminal gets; --json lists every one. */
export const SHOWN_INVALID = 20;

export interface Verdict {
  context: Context;
  resourceType: ImportResourceType;
  file: string;
  format: string;
  scan: Scan;
  verdicts: RecordVerdicts;
  json: boolean;
}

export interface DryRunPlan extends Verdict {
  group: string;
  chunkSize: number;
  /** parent_resource_id of every import, as the load would send it. */
  parent: string | undefined;
  /** With credentials: the client that lists the group (reads only). */
  client: ImportsClient | undefined;
}

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

function invalidText(found: InvalidRecordFound[], total: number, records: number): string[] {
  if (total === 0) return [records === 1 ? 'The 1 record is valid.' : `All ${plural(records, 'record')} are valid.`];
  const lines = found.map(invalidLine);
  if (total > found.length) lines.push(`… and ${plural(total - found.length, 'more invalid record')} (--json lists every one)`);
  lines.push(`${count(total)} of ${plural(records, 'record')} ${total === 1 ? 'is' : 'are'} invalid.`);
  return lines;
}

/**
 * Valid records that lack what a create requires: the client cannot know whether they exist, so
 * they are sent; the API updates the ones that exist and fails the new ones.
 */
function notesText(notes: NotedRecordFound[], total: number, records: number): string[] {
  if (total === 0) return [];
  const lines = notes.map(notedLine);
  if (total > notes.length) lines.push(`… and ${plural(total - notes.length, 'more record')} (--json lists every one)`);
  lines.push(
    `${count(total)} of ${plural(records, 'record')} ${total === 1 ? 'lacks' : 'lack'} what a new record needs: fine if ${total === 1 ? 'it updates an existing record (matched by its key)' : 'they update existing records (matched by their keys)'}; the API fails ${total === 1 ? 'it' : 'any'} if new.`,
  );
  return lines;
}

const invalidJson = (found: InvalidRecordFound[]) => found.map(({ line, record, errors }) => (line !== undefined ? { line, record, errors } : { record, errors }));
const notesJson = (notes: NotedRecordFound[]) =>
  notes.map(({ line, record, neededIfNew }) => ({ ...(line !== undefined && { line }), record, needed_if_new: neededIfNew }));

export async function runDryRun(plan: DryRunPlan): Promise<ExitCode> {
  const { output } = plan.context;
  const { invalid: found, notes } = await plan.verdicts.found();
  const { invalid, noted } = plan.verdicts;
  const chunks = Math.ceil(plan.scan.count / plan.chunkSize);
  const server: GroupPlan | undefined = plan.client ? await groupPlan(plan.client, plan.group, plan.scan.count, plan.chunkSize, { resourceType: plan.resourceType, parentResourceId: plan.parent ?? null }) : undefined;
  // The import would refuse the group before sending anything, as a usage error (exit 2).
  const exitCode = server?.conflict !== undefined ? EXIT.USAGE : invalid > 0 ? EXIT.FAILED : EXIT.OK;
  if (plan.json) {
    const actions = server && { sent: 0, followed: 0, skipped: 0 };
    for (const chunk of server?.chunks ?? []) actions![chunk.action]++;
    output.out(`${JSON.stringify({
      ok: exitCode === EXIT.OK, exit_code: exitCode, dry_run: true, resource_type: plan.resourceType, file: plan.file, format: plan.format,
      records: plan.scan.count, invalid_count: invalid, invalid: invalidJson(found), notes_count: noted, notes: notesJson(notes),
      plan: { group: plan.group, chunks, chunk_size: plan.chunkSize, records: plan.scan.count },
      server: server ? { ...actions, chunks: server.chunks, ...(server.conflict !== undefined && { conflict: server.conflict }) } : null,
    })}\n`);
    return exitCode;
  }
  const lines = [
    ...invalidText(found, invalid, plan.scan.count),
    ...notesText(notes, noted, plan.scan.count),
    '',
    `Dry run, nothing sent. The load: group ${plan.group}, ${plural(chunks, 'chunk')} of up to ${count(plan.chunkSize)}, ${plural(plan.scan.count, 'record')}.`,
  ];
  if (server) lines.push(...serverText(plan.group, server));
  else lines.push('Without credentials the group on the server was not looked at: give them to see which chunks would be skipped, followed or sent.');
  output.out(`${lines.join('\n')}\n`);
  return exitCode;
}

function serverText(group: string, { chunks: server, conflict }: GroupPlan): string[] {
  if (conflict !== undefined) return [`The import would refuse group ${group}: ${conflict}. Use another --group to start a separate load.`];
  const by = (action: string) => server.filter((chunk) => chunk.action === action);
  const sent = by('sent').length;
  const lines = [`On the server: ${plural(sent, 'chunk')} would be sent, ${count(by('followed').length)} followed (still running), ${count(by('skipped').length)} skipped (completed or interrupted earlier).`];
  for (const chunk of server.filter((each) => each.action !== 'sent')) {
    lines.push(`  chunk ${chunk.chunk} (${chunk.reference}, import ${chunk.id}, ${chunk.status}): ${chunk.action}`);
  }
  return lines;
}

/** The import's check pass found invalid records: nothing is sent without --skip-errors. */
export async function refuseInvalid(verdict: Verdict): Promise<ExitCode> {
  const { output } = verdict.context;
  const { invalid: found } = await verdict.verdicts.found();
  const invalid = verdict.verdicts.invalid;
  const message = `${count(invalid)} of ${plural(verdict.scan.count, 'record')} in ${verdict.file} ${invalid === 1 ? 'is' : 'are'} invalid: nothing was sent.`;
  const hint = 'Fix them and run again (--dry-run checks without sending), or pass --skip-errors to send the file anyway: the API skips the invalid records and imports the rest.';
  if (verdict.json) {
    output.err(`commercelayer-imports: ${message}\n${hint}\n`);
    output.out(`${JSON.stringify({ ok: false, exit_code: EXIT.FAILED, error: message, records: verdict.scan.count, invalid_count: invalid, invalid: invalidJson(found) })}\n`);
  } else {
    output.err(`${[...found.map(invalidLine), ...(invalid > found.length ? [`… and ${plural(invalid - found.length, 'more invalid record')} (--dry-run --json lists every one)`] : [])].join('\n')}\ncommercelayer-imports: ${message}\n${hint}\n`);
  }
  return EXIT.FAILED;
}
