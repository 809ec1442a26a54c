// What a load would do with each chunk, from its group's imports on the server (read only, through
// the library's readImportGroup, which importAll reads its group with too): as importAll resumes, a
// completed chunk is skipped, a running one followed, an interrupted one not sent again, and a
// chunk without an import sent; and whether importAll would refuse the group, as another load's.
import { readImportGroup, type ImportGroupLoad, type ImportsClient } from '../index.js';

export type ChunkAction = 'sent' | 'followed' | 'skipped';

export interface ChunkPlan {
  chunk: number;
  reference: string;
  action: ChunkAction;
  /** The status of the chunk's import on the server, if it has one. */
  status?: string;
  id?: string;
}

const ACTION: Record<string, ChunkAction> = { completed: 'skipped', in_progress: 'followed', pending: 'followed', interrupted: 'skipped' };

export interface GroupPlan {
  chunks: ChunkPlan[];
  /** Why the import would refuse the group, as importAll does: it holds another load's imports. */
  conflict?: string;
}

/** `load`: the resource type and parent of the load, where known; records and chunk size are always checked. */
export async function groupPlan(
  client: ImportsClient,
  group: string,
  records: number,
  chunkSize: number,
  load: Pick<ImportGroupLoad, 'resourceType' | 'parentResourceId'> = {},
): Promise<GroupPlan> {
  const read = await readImportGroup(client, group, { load: { ...load, chunkSize, total: records } });
  const reference = (chunk: number) => `${group}-${String(chunk).padStart(4, '0')}`;
  const plans = Array.from({ length: Math.ceil(records / chunkSize) }, (_, i): ChunkPlan => {
    const kept = read.kept.get(i);
    if (!kept) return { chunk: i + 1, reference: reference(i + 1), action: 'sent' };
    const status = kept.attributes.status;
    return { chunk: i + 1, reference: reference(i + 1), action: ACTION[status] ?? 'sent', status, id: kept.id };
  });
  return read.conflict === undefined ? { chunks: plans } : { chunks: plans, conflict: read.conflict };
}
