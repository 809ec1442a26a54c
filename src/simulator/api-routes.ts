// Routing of /api/imports and the checks every operation shares, in the order the API applies
// them: the rate limit of the request's class (per IP, before anything else), the bearer token,
// the Accept header (406), the Content-Type of a body (415), then the query (400).
import { createImport, deleteImport, listImports, type Organization, retrieveImport, updateImport } from './import-handlers.js';
import type { RequestLimiter } from './rate-limiter.js';
import { readQuery, type Operation } from './query.js';
import { failure, type Reply } from './reply.js';
import type { TokenStore } from './token-store.js';

const JSON_API = 'application/vnd.api+json';

export interface Api extends Organization {
  tokens: TokenStore;
  /** Per class of request, or none when rate limits are off. */
  limiters: { reads: RequestLimiter; writes: RequestLimiter } | undefined;
}

export interface IncomingApiRequest {
  method: string;
  /** The request target: path and query, as sent. */
  target: string;
  headers: { accept?: string; 'content-type'?: string; authorization?: string };
  base: string;
  body: string;
  now: number;
}

/** The operation a method and path name, and the import id in the path; undefined when none. */
export function operationOf(method: string, pathname: string): { operation: Operation; id?: string } | undefined {
  if (pathname === '/api/imports') {
    if (method === 'GET') return { operation: 'list' };
    if (method === 'POST') return { operation: 'create' };
    return undefined;
  }
  const match = /^\/api\/imports\/([^/]+)$/.exec(pathname);
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return undefined; // a malformed percent-encoding names no import
  }
  const operation = ({ GET: 'retrieve', PATCH: 'update', DELETE: 'delete' } as const)[method as 'GET' | 'PATCH' | 'DELETE'];
  return operation && { operation, id };
}

export const classOf = (method: string): 'reads' | 'writes' => (method === 'GET' ? 'reads' : 'writes');

/** Accept: absent, or naming the JSON:API media type or a range holding it. */
function acceptable(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => ['*/*', 'application/*', JSON_API].includes(range.split(';')[0]!.trim().toLowerCase()));
}

const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase();

export function answerApiRequest(api: Api, request: IncomingApiRequest): Reply {
  const [pathname = '', search = ''] = request.target.split(/\?(.*)/s);
  const route = operationOf(request.method, pathname);
  if (!route) return failure(404, 'Not found', `No route matches ${request.method} ${pathname}.`, { code: 'NOT_FOUND' });

  const verdict = api.limiters?.[classOf(request.method)].admit(request.now);
  const headers = verdict?.headers ?? {};
  const withHeaders = (reply: Reply): Reply => ({ ...reply, headers: { ...headers, ...reply.headers } });
  if (verdict && !verdict.allowed) {
    return withHeaders(failure(429, 'Too many requests', 'You have exceeded the rate limit. Retry after the interval in X-Ratelimit-Interval.'));
  }

  const token = api.tokens.check(request.headers.authorization, request.now);
  if (token !== 'valid') {
    const detail = token === 'expired' ? 'The access token you provided has expired.' : 'The access token you provided is invalid.';
    // Code INVALID_TOKEN for an expired token too: it is what @commercelayer/sdk reads as "expired, get a new one".
    return withHeaders(failure(401, 'Invalid token', detail));
  }
  if (!acceptable(request.headers.accept)) {
    return withHeaders(failure(406, 'Not acceptable', `The Accept header must be ${JSON_API}.`));
  }
  const hasBody = route.operation === 'create' || route.operation === 'update';
  if (hasBody && mediaTypeOf(request.headers['content-type']) !== JSON_API) {
    return withHeaders(failure(415, 'Unsupported media type', `The Content-Type header must be ${JSON_API}.`));
  }
  const query = readQuery(route.operation, search);
  if ('status' in query) return withHeaders(query);

  const apiRequest = { base: request.base, query, body: request.body, now: request.now };
  switch (route.operation) {
    case 'list':
      return withHeaders(listImports(api, apiRequest));
    case 'create':
      return withHeaders(createImport(api, apiRequest));
    case 'retrieve':
      return withHeaders(retrieveImport(api, apiRequest, route.id!));
    case 'update':
      return withHeaders(updateImport(api, apiRequest, route.id!));
    case 'delete':
      return withHeaders(deleteImport(api, apiRequest, route.id!));
  }
}
