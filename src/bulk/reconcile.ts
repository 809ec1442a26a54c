import type { Pacer } from '../transport/rate-pacer.js';
import { paced } from '../transport/rate-pacer.js';
import type { CallOptions, Import, ImportList, ListQuery } from '../types.js';
import { findGroup, REFERENCE_ORIGIN, referenceOf } from './group.js';
import type { ImportAllReconciliation } from './import-all-types.js';

export interface ReconcileDeps {
  list(query: ListQuery, options: { signal?: AbortSignal }): Promise<ImportList>;
  interrupt(id: string, options?: CallOptions): Promise<Import>;
  read: Pacer;
  write: Pacer;
}

/** The import that counts for each chunk of the group as read. */
export function keptOf(all: Map<number, Import[]>): Map<number, Import> {
  return new Map([...all].map(([chunk, imports]) => [chunk, chooseKept(imports)]));
}

const RUNNING: unknown[] = ['pending', 'in_progress'];
const RANK: Record<string, number> = { completed: 3, in_progress: 2, pending: 2, interrupted: 1 };
const done = (imported: Import) => (imported.attributes.processed_count ?? 0) + (imported.attributes.errors_count ?? 0);

/**
 * The import that counts for a chunk: the completed one if any, else the most advanced (running
 * before interrupted, then the most records gone through), else the earliest. `imports` are in
 * creation order, and a tie keeps the earlier one, so every reader of the group chooses alike.
 */
export function chooseKept(imports: readonly Import[]): Import {
  let kept = imports[0]!;
  for (const candidate of imports.slice(1)) {
    const [a, b] = [RANK[candidate.attributes.status ?? ''] ?? 0, RANK[kept.attributes.status ?? ''] ?? 0];
    if (a > b || (a === b && a < 3 && done(candidate) > done(kept))) kept = candidate;
  }
  return kept;
}

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

/** Reads the whole group (a paged read) and reconciles it. */
export async function readAndReconcile(deps: ReconcileDeps, group: string, when: 'start' | 'end', signal: AbortSignal | undefined) {
  const all = await findGroup(deps.list, group, deps.read, signal);
  return { all, reconciliations: await reconcileGroup(deps, group, all, when, signal) };
}

function whyKept(kept: Import, other: Import): string {
  if (kept.attributes.status === 'completed') return 'completed';
  if (RANK[kept.attributes.status ?? '']! > (RANK[other.attributes.status ?? ''] ?? 0) || done(kept) > done(other)) return 'further along';
  return 'earlier';
}

/** An import as a reconciliation names it, with its maker when it was another tool. */
function describe(imported: Import): string {
  const origin = imported.attributes.reference_origin;
  return origin && origin !== REFERENCE_ORIGIN ? `import ${imported.id} (made by ${origin})` : `import ${imported.id}`;
}
