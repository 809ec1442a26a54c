import { ApiError, ImportsError, InputError } from '../errors.js';
import type { Import, ImportAttributeName, ImportList, ListQuery } from '../types.js';
import { type Pacer, paced } from '../transport/rate-pacer.js';
import { POLL_FIELDS } from './follow-import.js';

/** Who made the imports, as Commerce Layer's CLI writes `cli-plugin-imports`. */
export const REFERENCE_ORIGIN = 'commercelayer-imports';
/** A group name goes into `reference` and into a `reference_start` filter, whose values travel comma-separated. */
const GROUP_NAME = /^[^\s,]+$/;

/** Chunk `index`'s reference, as Commerce Layer's CLI names chunks: `<group>-0001` for the first. */
export function referenceOf(group: string, index: number): string {
  return `${group}-${String(index + 1).padStart(4, '0')}`;
}

/** 1-based positions of a chunk's first and last record, `first-last`. */
export const chunkItems = (first: number, last: number) => `${first}-${last}`;

/** The metadata Commerce Layer's CLI gives each chunk, so that either tool recognises the other's imports. */
export function chunkMetadata(group: string, index: number, first: number, last: number, chunks: number | undefined) {
  return { group_id: group, chunk_number: chunks === undefined ? `${index + 1}` : `${index + 1}/${chunks}`, chunk_items: chunkItems(first, last) };
}

export function checkedGroup(group: unknown): string {
  if (group === undefined) return randomGroup();
  if (typeof group !== 'string' || !GROUP_NAME.test(group) || !group.isWellFormed()) {
    throw new InputError('group must be a non-empty string without spaces, commas or lone surrogates');
  }
  return group;
}

function randomGroup(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 12);
}

/** What resuming and reconciling need of each import: never its inputs or logs. */
const FOUND_FIELDS: ImportAttributeName[] = [...POLL_FIELDS, 'reference', 'reference_origin', 'metadata'];

/**
 * The group's imports on the server, by chunk index, each chunk's in creation order: the server is
 * the journal of every earlier run. A chunk may have several (a create that landed late, another
 * tool, a manual retry): reconcile.ts chooses the one that counts.
 */
export async function findGroup(
  list: (query: ListQuery, options: { signal?: AbortSignal }) => Promise<ImportList>,
  group: string,
  read: Pacer,
  signal: AbortSignal | undefined,
): Promise<Map<number, Import[]>> {
  const found = new Map<number, Import[]>();
  const seen = new Set<string>();
  const pattern = new RegExp(`^${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4,})$`);
  for (let number = 1; ; number++) {
    // Sorted, so that paging cannot skip an import while others are created or deleted.
    const query: ListQuery = { filter: { reference_start: `${group}-` }, sort: ['created_at', 'id'], fields: FOUND_FIELDS, page: { number, size: 25 } };
    const page = await paced(read, signal, () => list(query, { signal }));
    for (const found_ of page.data) {
      const match = pattern.exec(found_.attributes.reference ?? '');
      if (!match || seen.has(found_.id)) continue;
      seen.add(found_.id);
      const index = Number(match[1]) - 1;
      found.set(index, [...(found.get(index) ?? []), found_]);
    }
    if (page.data.length === 0 || number >= (page.meta?.page_count ?? 0)) return found;
  }
}

/**
 * Refuses, before anything is created, a group whose imports were made from other records or with
 * another chunk size: resuming it would skip or repeat records.
 */
export function assertSameLoad(found: Map<number, Import>, group: string, chunkSize: number, total: number | undefined): void {
  const last = Math.max(-1, ...found.keys());
  for (const [index, imported] of found) {
    const first = index * chunkSize + 1;
    const end = total === undefined ? (index + 1) * chunkSize : Math.min((index + 1) * chunkSize, total);
    const items = (imported.attributes.metadata as { chunk_items?: unknown } | null | undefined)?.chunk_items;
    // Without `total`, the group's last chunk may be short; every other must be whole.
    const short = total === undefined && index === last && typeof items === 'string' && new RegExp(`^${first}-(\\d+)$`).exec(items);
    const fits = items === chunkItems(first, end) || (short && Number(short[1]) >= first && Number(short[1]) < end);
    if (!fits) {
      throw new InputError(
        `Group ${group} cannot be resumed with these records: its import ${imported.id} (${referenceOf(group, index)}) holds records ${String(items)}, ` +
          `where this run's chunk ${index + 1} holds ${chunkItems(first, end)}${total === undefined ? ' or fewer' : ''}: ` +
          'the records or the chunk size differ. Use another group to start a separate load.',
      );
    }
  }
}

/**
 * Once the source has ended, before its last chunk is sent: the records must be as many as `total`
 * said, and the group must hold no import past them (an earlier run had more records).
 */
export function assertSourceEnd(found: Map<number, Import>, group: string, chunkSize: number, total: number | undefined, read: number): void {
  if (total !== undefined && read !== total) throw new InputError(`The records ended at ${read}, where total says ${total}`);
  const beyond = [...found.keys()].filter((index) => index >= Math.ceil(read / chunkSize));
  if (beyond.length > 0) {
    throw new InputError(`Group ${group} holds imports for chunks past the end of these records (${beyond.map((i) => referenceOf(group, i)).join(', ')}): another load used this group`);
  }
}

/** Failures every further chunk would meet too: bad input, refused credentials, a token function that fails. */
export function endsTheLoad(error: unknown): boolean {
  if (error instanceof InputError) return true;
  if (error instanceof ApiError) return error.status === 401 || error.status === 403;
  // The token function's failure is a plain ImportsError; its subclasses say what else went wrong.
  return error instanceof ImportsError && error.constructor === ImportsError;
}
