// POST /oauth/token, the client credentials grant as Commerce Layer's auth endpoint answers it: a
// JSON body (grant_type, client_id, client_secret, scope) gets { access_token, token_type,
// expires_in, scope, created_at }. Errors take the form @commercelayer/js-auth's tests show
// (title invalid_client, code UNAUTHORIZED, a numeric status), and never repeat what was sent.
import type { RequestLimiter } from './rate-limiter.js';
import type { Reply } from './reply.js';
import type { ResolvedOptions } from './options.js';
import { sameText, type TokenStore } from './token-store.js';

const JSON_TYPE = 'application/json';

function oauthError(status: number, title: string, code: string, detail: string, headers?: Record<string, string>): Reply {
  return { status, contentType: JSON_TYPE, body: { errors: [{ title, detail, code, status }] }, ...(headers && { headers }) };
}

const invalidClient = () =>
  oauthError(401, 'invalid_client', 'UNAUTHORIZED', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');

/** JSON, as the issue's token provider sends it; a form body, as OAuth2 allows, is read too. */
function readFields(text: string, contentType: string | undefined): Record<string, unknown> | undefined {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface TokenEndpoint {
  tokens: TokenStore;
  limiter: RequestLimiter;
  options: Pick<ResolvedOptions, 'clients' | 'tokenLifetimeSeconds'>;
}

export function answerTokenRequest(endpoint: TokenEndpoint, text: string, contentType: string | undefined, now: number): Reply {
  const verdict = endpoint.limiter.admit(now);
  if (!verdict.allowed) {
    return oauthError(429, 'Too many requests', 'TOO_MANY_REQUESTS', 'The token endpoint takes 30 requests a minute.', verdict.headers);
  }
  const fields = readFields(text, contentType);
  if (fields === undefined) return oauthError(400, 'invalid_request', 'BAD_REQUEST', 'The request is missing a required parameter or is otherwise malformed.');
  if (fields.grant_type !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'BAD_REQUEST', 'The authorization grant type is not supported by the authorization server.');
  }
  const { client_id: clientId, client_secret: secret, scope } = fields;
  if (typeof clientId !== 'string' || clientId === '' || typeof secret !== 'string' || secret === '') return invalidClient();
  if (scope !== undefined && typeof scope !== 'string') return oauthError(400, 'invalid_scope', 'BAD_REQUEST', 'The requested scope is invalid.');
  const clients = endpoint.options.clients;
  // Without configured clients any id with a secret is let in, as any bearer token is on the API.
  const client = clients === undefined ? { clientId, clientSecret: secret } : clients.find((c) => c.clientId === clientId);
  if (client === undefined || !sameText(secret, client.clientSecret)) return invalidClient();

  const lifetime = endpoint.options.tokenLifetimeSeconds;
  return {
    status: 200,
    contentType: JSON_TYPE,
    headers: { 'Cache-Control': 'no-store' },
    body: {
      access_token: endpoint.tokens.issue(lifetime, now),
      token_type: 'bearer',
      expires_in: lifetime,
      scope: scope || ('scope' in client && client.scope) || 'market:all',
      created_at: Math.floor(now / 1000),
    },
  };
}
