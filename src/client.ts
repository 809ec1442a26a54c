import createClient, { type Client } from 'openapi-fetch';
import { resolveOptions, type ImportsClientOptions } from './client-options.js';
import { ApiError, ImportsError, ResponseError } from './errors.js';
import type { paths } from './generated/openapi.js';
import { assertFields, assertImportId, assertSignal, assertUpdateAttributes } from './input-checks.js';
import { LightRequest } from './light-request.js';
import { CALL_STATE, type CallState, createTransport, JSON_API, REDACTED_AUTHORIZATION } from './transport.js';
import type { Import, ImportUpdateAttributes, UpdateOptions } from './types.js';
import { USER_AGENT } from './version.js';

export interface ImportsClient {
  /** Updates an import's reference, reference_origin, metadata or _interrupt; resolves to the updated import. */
  update(importId: string, attributes: ImportUpdateAttributes, options?: UpdateOptions): Promise<Import>;
  /** Interrupts a pending or running import: an update with `_interrupt: true`. */
  interrupt(importId: string, options?: UpdateOptions): Promise<Import>;
  /** The typed openapi-fetch client with this client's transport, for callers who need the whole response. */
  readonly raw: Client<paths, typeof JSON_API>;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export function createImportsClient(options: ImportsClientOptions): ImportsClient {
  const config = resolveOptions(options);
  const raw = createClient<paths, typeof JSON_API>({
    baseUrl: config.origin,
    fetch: createTransport(config) as unknown as typeof globalThis.fetch,
    // A real Request only when middleware may want one; otherwise the cheaper stand-in.
    Request: config.middleware.length > 0 ? globalThis.Request : (LightRequest as unknown as typeof Request),
    headers: { ...config.headers, Accept: JSON_API, 'User-Agent': USER_AGENT, Authorization: REDACTED_AUTHORIZATION },
    querySerializer: { array: { style: 'form', explode: false } },
  });
  raw.use(...config.middleware);

  async function update(importId: string, attributes: ImportUpdateAttributes, options: UpdateOptions = {}): Promise<Import> {
    assertImportId(importId);
    assertUpdateAttributes(attributes);
    assertFields(options.fields);
    assertSignal(options.signal);
    const state: CallState = { attempts: 0, idempotent: true };
    return resourceOf(state, () =>
      raw.PATCH('/api/imports/{importId}', {
        params: { path: { importId }, query: options.fields ? { 'fields[imports]': options.fields } : undefined },
        body: { data: { type: 'imports', id: importId, attributes } },
        signal: options.signal,
        [CALL_STATE]: state,
      }),
    );
  }

  return {
    update,
    interrupt: (importId, options) => update(importId, { _interrupt: true }, options),
    raw,
  };
}

/** Runs one call and turns its outcome into the resource object, or the one error that says what went wrong. */
async function resourceOf(state: CallState, call: () => Promise<FetchResult>): Promise<Import> {
  let result: FetchResult;
  try {
    result = await call();
  } catch (error) {
    if (error instanceof SyntaxError) throw notJsonApi(state, state.status ?? 200, 'is not JSON', error);
    throw error;
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(response.status, error, response.headers, state.attempts);
  const resource = (data as { data?: unknown } | undefined)?.data;
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    throw notJsonApi(state, response.status, data === undefined ? 'is empty' : 'has no `data` object');
  }
  return resource as Import;
}

function notJsonApi(state: CallState, status: number, what: string, cause?: unknown): ImportsError {
  return new ResponseError(`The ${status} response body ${what}: expected a JSON:API document with \`data\``, status, {
    attempts: state.attempts,
    cause,
  });
}
