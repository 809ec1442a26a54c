// What a load would do with each chunk, from its group's imports on the server (read only): as
// importAll resumes, a completed chunk is skipped, a running one followed, an interrupted one not
// sent again, and a chunk without an import sent; and whether importAll would refuse the group, as
// made from other records (its chunks' `chunk_items` differ) or holding chunks past these.
import type { ImportFilter, ImportsClient, ListQuery } from '../index.js';

export type ChunkAction = 'sent' | 'followed' | 'skipped';

export interface ChunkPlan {
  chunk: number;
  reference: string;
  action: ChunkAction;
  /** The status of the chunk's import on the server, if it has one. */
  status?: string;
  id?: string;
}

/** The same ranking as importAll's: where a chunk has several imports, the most advanced counts. */
const STATUS_RANK: Record<string, number> = { completed: 3, in_progress: 2, pending: 2, interrupted: 1 };
const ACTION: Record<string, ChunkAction> = { completed: 'skipped', in_progress: 'followed', pending: 'followed', interrupted: 'skipped' };

export interface GroupPlan {
  chunks: ChunkPlan[];
  /** Why the import would refuse the group, as importAll does: imports made from other records, or past these. */
  conflict?: string;
}

export async function groupPlan(client: ImportsClient, group: string, records: number, chunkSize: number): Promise<GroupPlan> {
  const chunks = Math.ceil(records / chunkSize);
  const reference = (chunk: number) => `${group}-${String(chunk).padStart(4, '0')}`;
  const filter = { reference_start: `${group}-` } as ImportFilter;
  const query: ListQuery = { filter, sort: ['created_at', 'id'], fields: ['reference', 'status', 'metadata'], page: { size: 25 } };
  const best = new Map<string, { id: string; status: string; items: unknown }>();
  const pattern = new RegExp(`^${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4,})$`);
  let conflict: string | undefined;
  for await (const found of client.listAll(query)) {
    const key = found.attributes.reference ?? '';
    const number = Number(pattern.exec(key)?.[1] ?? 0);
    if (number === 0) continue;
    if (number > chunks) conflict ??= `the group holds ${key} (import ${found.id}), past the ${chunks} chunks of these records: another load used it`;
    const status = found.attributes.status ?? '';
    const known = best.get(key);
    const items = (found.attributes.metadata as { chunk_items?: unknown } | null | undefined)?.chunk_items;
    if (!known || (STATUS_RANK[status] ?? 0) > (STATUS_RANK[known.status] ?? 0)) best.set(key, { id: found.id, status, items });
  }
  const plans = Array.from({ length: chunks }, (_, i): ChunkPlan => {
    const found = best.get(reference(i + 1));
    if (!found) return { chunk: i + 1, reference: reference(i + 1), action: 'sent' };
    const expected = `${i * chunkSize + 1}-${Math.min((i + 1) * chunkSize, records)}`;
    if (found.items !== expected) conflict ??= `its import ${found.id} (${reference(i + 1)}) holds records ${String(found.items)}, where chunk ${i + 1} of this file holds ${expected}: the records or the chunk size differ`;
    return { chunk: i + 1, reference: reference(i + 1), action: ACTION[found.status] ?? 'sent', status: found.status, id: found.id };
  });
  return conflict === undefined ? { chunks: plans } : { chunks: plans, conflict };
}
