import createClient, { defaultPathSerializer } from 'openapi-fetch';
import { resolveOptions, type ImportsClientOptions } from './client-options.js';
import type { ImportsClient } from './imports-client.js';
import { assertCreateAttributes } from '../checks/create-checks.js';
import { ApiError, ImportsError, ResponseError } from '../errors.js';
import type { paths } from '../generated/openapi.js';
import { importAll } from '../bulk/import-all.js';
import { withCurrentLogs } from '../logs.js';
import { assertCallOptions, assertImportId, assertUpdateAttributes } from '../checks/input-checks.js';
import { LightRequest } from '../transport/light-request.js';
import { checkedEnvironment, createPacing } from '../transport/environment.js';
import { listPages } from './list-pages.js';
import { listParams } from '../checks/list-query.js';
import { type CallState, createTransport, JSON_API, REDACTED_AUTHORIZATION } from '../transport/transport.js';
import type {
  CallOptions,
  CreateOptions,
  Import,
  ImportCreateAttributes,
  ImportAttributeName,
  ImportList,
  ImportResourceType,
  ImportUpdateAttributes,
  ListQuery,
  RetrieveOptions,
  UpdateOptions,
  WaitForOptions,
} from '../types.js';
import type { ImportAllOptions, ImportRecords } from '../bulk/import-all-types.js';
import { USER_AGENT } from '../version.js';
import { waitFor } from '../bulk/wait-for.js';

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export function createImportsClient(options: ImportsClientOptions): ImportsClient {
  const config = resolveOptions(options);
  // The client's own count of what it sends, which importAll paces itself by, at the limits of the
  // environment the caller names or the token's claims say.
  const pacing = createPacing(config.environment);
  const { pacers } = pacing;
  const send = createTransport({ ...config, pacers, observeToken: pacing.observe });
  const raw = createClient<paths, typeof JSON_API>({
    baseUrl: config.origin,
    fetch: send as unknown as typeof globalThis.fetch,
    // A real Request only when middleware may want one; otherwise the cheaper stand-in.
    Request: config.middleware.length > 0 ? globalThis.Request : (LightRequest as unknown as typeof Request),
    // Only middleware sees these before the transport sets its own: without it, spare openapi-fetch the Headers work.
    headers: config.middleware.length > 0 ? { ...config.headers, Accept: JSON_API, 'User-Agent': USER_AGENT, Authorization: REDACTED_AUTHORIZATION } : config.headers,
    querySerializer: { array: { style: 'form', explode: false } },
    pathSerializer: serializePath,
  });
  raw.use(...config.middleware);

  /**
   * The fetch given to one call alone: the transport fills in that call's state through it, so the
   * state holds even when middleware replaces the Request.
   */
  const fetchFor = (state: CallState) => (request: Request) => send(request, state);

  /** Runs one call and resolves to the resource object of its body. */
  async function resourceOf(idempotent: boolean, call: (fetch: CallFetch) => Promise<FetchResult>, paced = false): Promise<Import> {
    const state: CallState = { attempts: 0, idempotent, paced };
    const body = await parsedBody(state, () => call(fetchFor(state)));
    const resource = (body as { data?: unknown } | undefined)?.data;
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
      throw notJsonApi(state, body === undefined ? 'is empty' : 'has no `data` object');
    }
    return withCurrentLogs(resource) as Import;
  }

  async function update(importId: string, attributes: ImportUpdateAttributes, options: UpdateOptions = {}): Promise<Import> {
    assertImportId(importId);
    assertUpdateAttributes(attributes);
    assertCallOptions(options, 'update');
    return resourceOf(true, (fetch) =>
      raw.PATCH('/api/imports/{importId}', {
        params: { path: { importId }, query: fieldsQuery(options) },
        body: { data: { type: 'imports', id: importId, attributes } },
        signal: options.signal,
        fetch,
      }),
    );
  }

  async function retrieve(importId: string, options: RetrieveOptions = {}, paced = false): Promise<Import> {
    assertImportId(importId);
    assertCallOptions(options, 'retrieve');
    return resourceOf(
      true,
      (fetch) => raw.GET('/api/imports/{importId}', { params: { path: { importId }, query: fieldsQuery(options) }, signal: options.signal, fetch }),
      paced,
    );
  }

  async function create(attributes: ImportCreateAttributes, options: CreateOptions = {}, paced = false): Promise<Import> {
    assertCreateAttributes(attributes);
    assertCallOptions(options, 'create');
    // Not idempotent: a second attempt after a 5xx or a lost connection could create a second import; only a 429 is retried.
    return resourceOf(
      false,
      (fetch) => raw.POST('/api/imports', { params: { query: fieldsQuery(options) }, body: { data: { type: 'imports', attributes } }, signal: options.signal, fetch }),
      paced,
    );
  }

  async function deleteImport(importId: string, options: CallOptions = {}): Promise<void> {
    assertImportId(importId);
    assertCallOptions(options, 'delete', ['signal']);
    const state: CallState = { attempts: 0, idempotent: true };
    try {
      await parsedBody(state, () => raw.DELETE('/api/imports/{importId}', { params: { path: { importId } }, signal: options.signal, fetch: fetchFor(state) }));
    } catch (error) {
      // A 404 after sending again means an earlier attempt deleted it: the import is gone, as asked.
      if (!(error instanceof ApiError && error.status === 404 && state.resent)) throw error;
    }
  }

  async function list(query?: ListQuery, options: CallOptions = {}, pageNumber?: number, paced = false): Promise<ImportList> {
    const params = listParams(query, pageNumber);
    assertCallOptions(options, 'list', ['signal']);
    const state: CallState = { attempts: 0, idempotent: true, paced };
    const body = await parsedBody(state, () => raw.GET('/api/imports', { params: { query: params }, signal: options.signal, fetch: fetchFor(state) }));
    const { data, meta, links } = (body ?? {}) as Partial<ImportList>;
    if (!Array.isArray(data)) throw notJsonApi(state, 'has no `data` array');
    return { data: data.map(withCurrentLogs), meta, links } as ImportList;
  }

  const client = {
    update,
    interrupt: (importId: string, options?: UpdateOptions) => update(importId, { _interrupt: true }, options),
    list: (query?: ListQuery, options?: CallOptions) => list(query, options),
    listAll: (query?: ListQuery, options?: CallOptions) => listPages((number) => list(query, options, number), query?.page?.number),
    retrieve: (importId: string, options?: RetrieveOptions) => retrieve(importId, options),
    create: (attributes: ImportCreateAttributes, options?: CreateOptions) => create(attributes, options),
    delete: deleteImport,
    waitFor: (importId: string, options?: WaitForOptions) => waitFor(retrieve, importId, options),
    importAll: async (resourceType: ImportResourceType, records: ImportRecords, options?: ImportAllOptions) => {
      // The organization's environment, named for this load: the client paces by it from now on.
      const environment = checkedEnvironment('environment', (options as { environment?: unknown } | undefined)?.environment);
      if (environment) pacing.pin(environment);
      return importAll(
        {
          // importAll takes its turn from the pacers before each of these.
          create: (attributes, options) => create(attributes, options, true),
          retrieve: (id, options) => retrieve(id, options, true),
          list: (query, options) => list(query, options, undefined, true),
          interrupt: client.interrupt,
          retry: config.retry,
          // A create given up on may still reach the server for about as long as an attempt may last.
          settleMs: Math.min(config.timeoutMs, 5_000),
          pacers,
        },
        resourceType,
        records,
        options,
      );
    },
    raw,
  };
  // The overloads' sparse types are what `fields` makes of the same objects.
  return client as ImportsClient;
}

// openapi-fetch's types want a mutable array; the array is only read.
const fieldsQuery = ({ fields }: UpdateOptions) => (fields ? { 'fields[imports]': fields as ImportAttributeName[] } : undefined);

type CallFetch = (request: Request) => Promise<Response>;

/** Runs one call and resolves to its parsed body, or rejects with the one error that says what went wrong. */
async function parsedBody(state: CallState, call: () => Promise<FetchResult>): Promise<unknown> {
  let result: FetchResult;
  try {
    result = await call();
  } catch (error) {
    if (error instanceof SyntaxError) throw notJsonApi(state, 'is not JSON', error);
    throw error;
  }
  const { data, error, response } = result;
  state.status = response.status;
  if (!response.ok) throw new ApiError(response.status, error, response.headers, state.attempts);
  return data;
}

function notJsonApi(state: CallState, what: string, cause?: unknown): ImportsError {
  const status = state.status ?? 200;
  return new ResponseError(`The ${status} response body ${what}: expected a JSON:API document with \`data\``, status, {
    attempts: state.attempts,
    cause,
  });
}

/** The document's path parameters are simple `{name}` strings: openapi-fetch's general serializer costs a few µs a call more. */
function serializePath(pathname: string, params: Record<string, unknown>): string {
  let path = pathname;
  for (let open = path.indexOf('{'); open !== -1; open = path.indexOf('{', open + 1)) {
    const close = path.indexOf('}', open);
    const value = params[path.slice(open + 1, close)];
    if (typeof value !== 'string') return defaultPathSerializer(pathname, params);
    path = `${path.slice(0, open)}${encodeURIComponent(value)}${path.slice(close + 1)}`;
  }
  return path;
}
