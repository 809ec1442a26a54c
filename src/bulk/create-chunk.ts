import { ApiError, NetworkError, ResponseError, TimeoutError } from '../errors.js';
import { retryDelayMs, type RetryOptions, sleep } from '../transport/retry-policy.js';
import type { CreateOptions, Import, ImportCreateAttributes, ImportList, ListQuery } from '../types.js';
import type { Pacer } from '../transport/rate-pacer.js';

export interface CreateChunkDeps {
  create(attributes: ImportCreateAttributes, options: CreateOptions): Promise<Import>;
  list(query: ListQuery, options: { signal?: AbortSignal }): Promise<ImportList>;
  read: Pacer;
  write: Pacer;
  retry: Required<RetryOptions>;
}

/**
 * Creates a chunk's import exactly once. `create` is not retried by the transport after a failure
 * that leaves it unknown whether the import was stored (a 5xx, a timeout, a lost connection, an
 * unreadable answer): here the import is then looked up by its reference, which is the chunk's
 * alone. Found, it is the chunk's import; not found, the create is sent again, within the retry policy.
 */
export async function createChunk(deps: CreateChunkDeps, attributes: ImportCreateAttributes & { reference: string }, signal: AbortSignal | undefined): Promise<Import> {
  for (let retry = 0; ; retry++) {
    await deps.write.take(signal);
    try {
      return await deps.create(attributes, { signal, fields: ['status', 'reference'] });
    } catch (error) {
      if (signal?.aborted || !isAmbiguous(error)) throw error;
      await deps.read.take(signal);
      const found = await deps.list({ filter: { reference_eq: attributes.reference }, fields: ['status', 'reference'] }, { signal });
      if (found.data[0]) return found.data[0];
      if (retry >= deps.retry.retries) throw error;
      await sleep(retryDelayMs(retry + 1, deps.retry), signal);
    }
  }
}

/** The request may have been acted on: no answer, or one that says the server failed. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500;
  return error instanceof NetworkError || error instanceof TimeoutError || error instanceof ResponseError;
}
