import { ApiError, ImportsError, InputError } from '../errors.js';
import type { Import } from '../types.js';

/** Who made the imports, as Commerce Layer's CLI writes `cli-plugin-imports`. */
export const REFERENCE_ORIGIN = 'commercelayer-imports';
/**
 * Whether a name can name a group: it goes into `reference` and into a `reference_start` filter,
 * whose values travel comma-separated, so it holds no space or comma (and no lone surrogate).
 */
export const isGroupName = (name: string): boolean => /^[^\s,]+$/.test(name) && name.isWellFormed();

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
  if (typeof group !== 'string' || !isGroupName(group)) {
    throw new InputError('group must be a non-empty string without spaces, commas or lone surrogates');
  }
  return group;
}

function randomGroup(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 12);
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
