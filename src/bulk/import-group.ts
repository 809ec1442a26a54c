// A group's imports as every reader of a group needs them: importAll's resume and reconciliation,
// the command line's dry-run plan and its interrupt/delete --group. One look-up, one ranking, one
// test of whether an import belongs to the load at hand, so that they cannot drift apart.
import type { Import, ImportAttributeName, ImportList, ImportResourceType, ListQuery } from '../types.js';
import { type Pacer, paced } from '../transport/rate-pacer.js';
import { POLL_FIELDS } from './follow-import.js';
import { InputError } from '../errors.js';
import { chunkItems, isGroupName, referenceOf } from './group.js';

/** What a load's imports must show to be its own (each field only when given): see readImportGroup. */
export interface ImportGroupLoad {
  resourceType?: ImportResourceType;
  /** `null`: the load's imports have none. */
  parentResourceId?: string | null;
  /** With `chunkSize`, chunk n must hold records `(n-1)*chunkSize+1` to `n*chunkSize` (`total`'s end for the last). */
  chunkSize?: number;
  /** The load's record count; without it the group's last chunk may hold fewer. */
  total?: number;
}

/** A group's imports on the server, by chunk: `<group>-0001` is chunk 0. */
export interface ImportGroup {
  group: string;
  /** Each chunk's imports, in creation order; with a load, only those that match it. */
  imports: Map<number, Import[]>;
  /** The import that counts for each chunk: completed, else the most advanced (in progress, pending, interrupted; then most records gone through), else the earliest. */
  kept: Map<number, Import>;
  /** With a load: each import another load made (another resource type, parent_resource_id or chunk_items), and what differs. */
  conflicts: { chunk: number; id: string; reference: string; reason: string }[];
  /** The conflicts in words, when there are any: the first named, the others counted. */
  conflict?: string;
}

type List = (query: ListQuery, options: { signal?: AbortSignal }) => Promise<ImportList>;

/** What a reader needs of each import: never its inputs or logs. */
const GROUP_FIELDS: ImportAttributeName[] = [...POLL_FIELDS, 'resource_type', 'parent_resource_id', 'reference', 'reference_origin', 'metadata'];
const RANK: Record<string, number> = { completed: 4, in_progress: 3, pending: 2, interrupted: 1 };
const rank = (imported: Import) => RANK[imported.attributes.status ?? ''] ?? 0;
export const recordsDone = (imported: Import) => (imported.attributes.processed_count ?? 0) + (imported.attributes.errors_count ?? 0);

/**
 * The import that counts for a chunk. `imports` are in creation order and a tie keeps the earlier
 * one, so that every reader of the group chooses alike.
 */
export function chooseKept(imports: readonly Import[]): Import {
  let kept = imports[0]!;
  for (const candidate of imports.slice(1)) {
    const [a, b] = [rank(candidate), rank(kept)];
    if (a > b || (a === b && a < RANK.completed! && recordsDone(candidate) > recordsDone(kept))) kept = candidate;
  }
  return kept;
}

/**
 * Reads every import of the group (a paged read, sorted so that paging cannot skip an import while
 * others are created or deleted) and sorts them by chunk. The `reference_start` filter also matches
 * a group whose name starts with this one's and a dash (`skus-2` for `skus`), so each reference is
 * checked whole. Reads through `read` when given (importAll's pacer), else as the client paces calls.
 */
export async function readGroup(list: List, group: string, options: { load?: ImportGroupLoad; read?: Pacer; signal?: AbortSignal } = {}): Promise<ImportGroup> {
  const { load, read, signal } = options;
  const all = new Map<number, Import[]>();
  const seen = new Set<string>();
  const pattern = new RegExp(`^${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4,})$`);
  for (let number = 1; ; number++) {
    const query: ListQuery = { filter: { reference_start: `${group}-` }, sort: ['created_at', 'id'], fields: GROUP_FIELDS, page: { number, size: 25 } };
    const page = read ? await paced(read, signal, () => list(query, { signal })) : await list(query, { signal });
    for (const found of page.data) {
      const match = pattern.exec(found.attributes.reference ?? '');
      if (!match || seen.has(found.id)) continue;
      seen.add(found.id);
      const chunk = Number(match[1]) - 1;
      all.set(chunk, [...(all.get(chunk) ?? []), found]);
    }
    if (page.data.length === 0 || number >= (page.meta?.page_count ?? 0)) break;
  }
  const conflicts: ImportGroup['conflicts'] = [];
  const imports = new Map<number, Import[]>();
  const last = Math.max(-1, ...all.keys());
  for (const [chunk, each] of all) {
    const ours = each.filter((imported) => {
      const reason = load && otherLoad(imported, chunk, chunk === last, load);
      if (reason) conflicts.push({ chunk, id: imported.id, reference: referenceOf(group, chunk), reason });
      return !reason;
    });
    if (ours.length > 0) imports.set(chunk, ours);
  }
  const kept = new Map([...imports].map(([chunk, each]) => [chunk, chooseKept(each)]));
  return { group, imports, kept, conflicts, ...(conflicts.length > 0 && { conflict: conflictText(conflicts) }) };
}

/** What makes an import of chunk `chunk` another load's, in words; undefined when it is this load's. */
function otherLoad(imported: Import, chunk: number, isLast: boolean, load: ImportGroupLoad): string | undefined {
  const { resource_type, parent_resource_id, metadata } = imported.attributes;
  if (load.resourceType !== undefined && resource_type !== load.resourceType) return `imports ${String(resource_type)}, where this load imports ${load.resourceType}`;
  if (load.parentResourceId !== undefined && (parent_resource_id ?? null) !== load.parentResourceId) {
    const name = (id: string | null | undefined) => (id == null ? 'none' : id);
    return `has parent_resource_id ${name(parent_resource_id)}, where this load's is ${name(load.parentResourceId)}`;
  }
  if (load.chunkSize === undefined) return undefined;
  const { chunkSize, total } = load;
  const first = chunk * chunkSize + 1;
  if (total !== undefined && first > total) return `is past the ${Math.ceil(total / chunkSize)} chunks of these ${total} records`;
  const end = total === undefined ? (chunk + 1) * chunkSize : Math.min((chunk + 1) * chunkSize, total);
  const items = (metadata as { chunk_items?: unknown } | null | undefined)?.chunk_items;
  if (items === chunkItems(first, end)) return undefined;
  // Without `total`, the group's last chunk may be short; every other must be whole.
  const short = total === undefined && isLast && typeof items === 'string' && new RegExp(`^${first}-(\\d+)$`).exec(items);
  if (short && Number(short[1]) >= first && Number(short[1]) < end) return undefined;
  return `holds records ${String(items)}, where chunk ${chunk + 1} of these records holds ${chunkItems(first, end)}${total === undefined ? ' or fewer' : ''}: the records or the chunk size differ`;
}

/** The conflicts in words, the first named and the others counted: `its import … (<reference>) <reason>`. */
function conflictText(conflicts: ImportGroup['conflicts']): string {
  const [first, ...rest] = conflicts;
  const more = rest.length > 0 ? ` (and ${rest.length} more import${rest.length === 1 ? '' : 's'} of another load)` : '';
  return `its import ${first!.id} (${first!.reference}) ${first!.reason}${more}`;
}

/** importAll's refusal of a group that holds another load's imports. */
export function describeConflicts(group: string, conflicts: ImportGroup['conflicts']): string {
  return `Group ${group} cannot be resumed with these records: ${conflictText(conflicts)}; another load uses this group. Use another group to start a separate load.`;
}

/**
 * The library's read of a group: its imports by chunk, the one that counts for each, and, given the
 * load at hand, the imports another load made. Reads only; paced as the client paces its calls.
 */
export function readImportGroup(
  client: { list(query: ListQuery, options?: { signal?: AbortSignal }): Promise<ImportList> },
  group: string,
  options: { load?: ImportGroupLoad; signal?: AbortSignal } = {},
): Promise<ImportGroup> {
  if (!isGroupName(group)) return Promise.reject(new InputError('group must be a non-empty string without spaces, commas or lone surrogates'));
  return readGroup((query, callOptions) => client.list(query, callOptions), group, { load: options.load, signal: options.signal });
}
