import { ApiError, NetworkError, ResponseError, TimeoutError } from '../errors.js';
import { type Pacer, paced, type Turn } from '../transport/rate-pacer.js';
import { retryDelayMs, type RetryOptions, sleep } from '../transport/retry-policy.js';
import type { CallOptions, CreateOptions, Import, ImportAttributeName, ImportCreateAttributes, ImportList, ListQuery } from '../types.js';
import { POLL_FIELDS } from './follow-import.js';

export interface CreateChunkDeps {
  create(attributes: ImportCreateAttributes, options: CreateOptions): Promise<Import>;
  list(query: ListQuery, options: { signal?: AbortSignal }): Promise<ImportList>;
  interrupt(id: string, options?: CallOptions): Promise<Import>;
  read: Pacer;
  write: Pacer;
  retry: Required<RetryOptions>;
  /** How long a create that got no answer may still take to reach the server. */
  settleMs: number;
}

/** What a create and a lookup ask back: enough to report the chunk's first state. */
const FOUND_FIELDS: ImportAttributeName[] = [...POLL_FIELDS, 'reference', 'created_at'];

/**
 * Creates a chunk's import once. `create` is not retried by the transport after a failure that
 * leaves it unknown whether the import was stored: here the import is then looked up by its
 * reference, which is the chunk's alone. After a 5xx or an unreadable answer the server has acted
 * already; after a timeout or a lost connection the request may still be on its way, so the lookup
 * waits `settleMs` first. Found, it is the chunk's import; not found, the create is sent again,
 * within the retry policy, and looked up once more: should a create given up for lost have arrived
 * after all, the later import is interrupted at once and the first one kept.
 */
export async function createChunk(
  deps: CreateChunkDeps,
  attributes: ImportCreateAttributes & { reference: string },
  signal: AbortSignal | undefined,
  turn?: Turn,
  /** Imports already holding the reference (a chunk created again): never taken for this create's. */
  ignore: ReadonlySet<string> = new Set(),
): Promise<Import> {
  let resent = false;
  for (let retry = 0; ; retry++) {
    try {
      const created = await paced(deps.write, signal, () => deps.create(attributes, { signal, fields: FOUND_FIELDS }), retry === 0 ? turn : undefined);
      return resent ? await keepOne(deps, attributes.reference, created, signal, ignore) : created;
    } catch (error) {
      if (signal?.aborted || !isAmbiguous(error)) throw error;
      if (error instanceof NetworkError || error instanceof TimeoutError) await sleep(deps.settleMs, signal);
      const found = await lookUp(deps, attributes.reference, signal, ignore);
      if (found[0]) return found[0];
      if (retry >= deps.retry.retries) throw error;
      await sleep(retryDelayMs(retry + 1, deps.retry), signal);
      resent = true;
    }
  }
}

async function lookUp(deps: CreateChunkDeps, reference: string, signal: AbortSignal | undefined, ignore: ReadonlySet<string>): Promise<Import[]> {
  const page = await paced(deps.read, signal, () => deps.list({ filter: { reference_eq: reference }, sort: ['created_at', 'id'], fields: FOUND_FIELDS }, { signal }));
  return page.data.filter((found) => !ignore.has(found.id));
}

/** After a create sent again: one import for the reference, the earliest; any other is interrupted. */
async function keepOne(deps: CreateChunkDeps, reference: string, created: Import, signal: AbortSignal | undefined, ignore: ReadonlySet<string>): Promise<Import> {
  await sleep(deps.settleMs, signal);
  const found = await lookUp(deps, reference, signal, ignore);
  const kept = found[0] ?? created;
  await Promise.allSettled(found.slice(1).map((extra) => deps.interrupt(extra.id)));
  return kept;
}

/** The request may have been acted on: no answer, or one that says the server failed. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500;
  return error instanceof NetworkError || error instanceof TimeoutError || error instanceof ResponseError;
}
