// What a load would do with each chunk, from its group's imports on the server (read only): as
// importAll resumes, a completed chunk is skipped, a running one followed, an interrupted one not
// sent again, and a chunk without an import sent.
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

export async function groupPlan(client: ImportsClient, group: string, chunks: number): Promise<ChunkPlan[]> {
  const reference = (chunk: number) => `${group}-${String(chunk).padStart(4, '0')}`;
  const filter = { reference_start: `${group}-` } as ImportFilter;
  const query: ListQuery = { filter, sort: ['created_at', 'id'], fields: ['reference', 'status'], page: { size: 25 } };
  const best = new Map<string, { id: string; status: string }>();
  for await (const found of client.listAll(query)) {
    const status = found.attributes.status ?? '';
    const key = found.attributes.reference ?? '';
    const known = best.get(key);
    if (!known || (STATUS_RANK[status] ?? 0) > (STATUS_RANK[known.status] ?? 0)) best.set(key, { id: found.id, status });
  }
  return Array.from({ length: chunks }, (_, i) => {
    const found = best.get(reference(i + 1));
    if (!found) return { chunk: i + 1, reference: reference(i + 1), action: 'sent' };
    return { chunk: i + 1, reference: reference(i + 1), action: ACTION[found.status] ?? 'sent', status: found.status, id: found.id };
  });
}
