import type { Pacer } from '../transport/rate-pacer.js';
import { paced } from '../transport/rate-pacer.js';
import type { CallOptions, Import, ImportList, ListQuery } from '../types.js';
import { REFERENCE_ORIGIN, referenceOf } from './group.js';
import { chooseKept, readGroup, recordsDone, type ImportGroup, type ImportGroupLoad } from './import-group.js';
import { traceErrors } from './record-positions.js';
import type { ChunkOutcome } from './summary.js';
import type { ImportAllReconciliation } from './import-all-types.js';

export interface ReconcileDeps {
  list(query: ListQuery, options: { signal?: AbortSignal }): Promise<ImportList>;
  interrupt(id: string, options?: CallOptions): Promise<Import>;
  read: Pacer;
  write: Pacer;
}

const RUNNING: unknown[] = ['pending', 'in_progress'];

/**
 * Reads the group and keeps one import per chunk. Every other one still pending or in progress is
 * interrupted at once (a create that landed late, or another tool's import of the same chunk); two
 * that both completed are reported, and counted once. An interrupt that fails is reported: the
 * next read of the group tries again.
 */
export async function reconcileGroup(
  deps: ReconcileDeps,
  group: string,
  all: Map<number, Import[]>,
  when: 'start' | 'end',
  signal: AbortSignal | undefined,
): Promise<ImportAllReconciliation[]> {
  const actions: Promise<ImportAllReconciliation>[] = [];
  for (const [chunk, imports] of all) {
    const chosen = chooseKept(imports);
    for (const other of imports) {
      if (other === chosen) continue;
      const base = { when, chunk, reference: referenceOf(group, chunk), id: other.id, kept_id: chosen.id };
      const status = other.attributes.status;
      if (status === 'completed') {
        actions.push(Promise.resolve({ ...base, action: 'imported_twice' as const, reason: `${describe(other)} and ${describe(chosen)} both completed: the chunk's records were imported twice, and are counted once` }));
      } else if (RUNNING.includes(status)) {
        const reason = `${describe(other)} was ${status} while ${describe(chosen)} is ${whyKept(chosen, other)}`;
        actions.push(
          paced(deps.write, signal, () => deps.interrupt(other.id, { signal })).then(
            () => ({ ...base, action: 'interrupted' as const, reason }),
            (error: unknown) => ({ ...base, action: 'interrupt_failed' as const, reason, error }),
          ),
        );
      }
      // One already interrupted needs nothing.
    }
  }
  return Promise.all(actions);
}

/** Reads the whole group (a paged read) and reconciles this load's imports alone: another load's are left as they are. */
export async function readAndReconcile(deps: ReconcileDeps, group: string, load: ImportGroupLoad, when: 'start' | 'end', signal: AbortSignal | undefined) {
  const read = await readGroup(deps.list, group, { load, read: deps.read, signal });
  return { read, reconciliations: await reconcileGroup(deps, group, read.imports, when, signal) };
}

/**
 * A chunk whose import ended short of completed while a duplicate (a create that landed late)
 * completed: the end's reconciliation keeps the completed one, so the summary counts that one, read
 * whole (`final`), its errors traced to the records with the keys the chunk kept for this.
 */
export async function countKept(outcomes: (ChunkOutcome | undefined)[], end: ImportGroup, final: (id: string) => Promise<Import>): Promise<void> {
  for (const outcome of outcomes) {
    const kept = outcome && end.kept.get(outcome.index);
    if (!outcome || !kept || outcome.id === undefined || kept.id === outcome.id || kept.attributes.status !== 'completed' || outcome.final?.attributes.status === 'completed') continue;
    const read = await final(kept.id);
    const traced = outcome.keys && traceErrors(outcome.index, outcome.first, outcome.keys, read.attributes.errors_log);
    Object.assign(outcome, { id: kept.id, final: read, error: undefined, vanished: undefined, traced });
  }
}

function whyKept(kept: Import, other: Import): string {
  if (kept.attributes.status === 'completed') return 'completed';
  // Kept over it: a status that differs ranks higher.
  if (kept.attributes.status !== other.attributes.status || recordsDone(kept) > recordsDone(other)) return 'further along';
  return 'earlier';
}

/** An import as a reconciliation names it, with its maker when it was another tool. */
function describe(imported: Import): string {
  const origin = imported.attributes.reference_origin;
  return origin && origin !== REFERENCE_ORIGIN ? `import ${imported.id} (made by ${origin})` : `import ${imported.id}`;
}
