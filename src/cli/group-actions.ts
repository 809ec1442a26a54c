// interrupt --group and delete --group: the group's imports, listed through the library's paged
// listing, then one call per import, each reported on its own line; exit 1 if any failed.
import { isGroupName, readImportGroup, type Import, type ImportsClient, type ImportStatus } from '../index.js';
import { EXIT, type ExitCode, UsageError } from './cli-error.js';
import { messageOf } from './connect.js';
import type { Output } from './output.js';

/** What a group action needs of each import. */
export type GroupImport = Import;

/** What one import's call came to: its new status, or the error. */
export interface GroupOutcome {
  id: string;
  reference: string | null;
  status?: string;
  error?: string;
}

/** A group name as the library takes it: no spaces, commas or lone surrogates. */
export function checkedGroupName(command: string, group: string): string {
  if (!isGroupName(group)) throw new UsageError('--group must be a name without spaces or commas', command);
  return group;
}

/**
 * Every import of the group (references `<group>-0001` and on, as importAll and Commerce Layer's CLI
 * name chunks), chunk by chunk, each chunk's in the order they were created, through the library's
 * readImportGroup; with `statuses`, only those. Read to the end before anything is changed:
 * deleting while paging would move imports across pages.
 */
export async function groupImports(client: ImportsClient, group: string, statuses?: ImportStatus[]): Promise<GroupImport[]> {
  const { imports } = await readImportGroup(client, group);
  return [...imports.values()].flat().filter((each) => !statuses || statuses.includes(each.attributes.status));
}

/** Runs `act` on each import in turn (the API's write limits are the client's to keep), and reports each. */
export async function actOnEach(imports: GroupImport[], act: (imported: GroupImport) => Promise<string>): Promise<GroupOutcome[]> {
  const outcomes: GroupOutcome[] = [];
  for (const imported of imports) {
    const outcome: GroupOutcome = { id: imported.id, reference: imported.attributes.reference ?? null };
    try {
      outcome.status = await act(imported);
    } catch (error) {
      outcome.error = messageOf(error);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** One line per import, then the count; or one JSON object. Exit 1 when any import failed. */
export function reportGroup(output: Output, json: boolean, group: string, verb: string, outcomes: GroupOutcome[]): ExitCode {
  const failed = outcomes.filter((outcome) => outcome.error !== undefined).length;
  const exitCode = failed > 0 ? EXIT.FAILED : EXIT.OK;
  if (json) {
    output.out(`${JSON.stringify({ ok: failed === 0, exit_code: exitCode, group, imports: outcomes.map((o) => ({ id: o.id, reference: o.reference, ...(o.error === undefined ? { status: o.status } : { error: o.error }) })) })}\n`);
    return exitCode;
  }
  const lines = outcomes.map((o) => `Import ${o.id}${o.reference ? ` (${o.reference})` : ''}: ${o.error === undefined ? o.status : `failed: ${o.error}`}`);
  const done = outcomes.length - failed;
  lines.push(`Group ${group}: ${done} of ${outcomes.length} ${verb}${failed > 0 ? `, ${failed} failed` : ''}`);
  output.out(`${lines.join('\n')}\n`);
  return exitCode;
}
