// A stand-in for Commerce Layer's token endpoint (POST /oauth/token, client credentials) and for an API
// that checks the bearer tokens it issued, as fault-server behaviours: a test scripts failures ahead
// of them (429, 5xx, resets) and they answer every other request. Their shapes follow Commerce
// Layer's: { access_token, token_type: 'bearer', expires_in, scope, created_at } on success, a JSON:API
// 401 UNAUTHORIZED (title invalid_client) for a wrong client, and 401 INVALID_TOKEN for a token the
// API no longer takes.
import { type Behaviour, importResponse, respond } from '../../support/fault-server.js';

export const CLIENT_ID = 'client-id-0a1b2c';
/** Searched for in every error and rendering: it must never show. */
export const CLIENT_SECRET = 'cl-secret-7f3e9d1c5b';

export interface TokenIssuer {
  /** Answers POST /oauth/token. */
  endpoint: Behaviour;
  /** Answers an imports API request: the import when its token is one still valid, else 401 INVALID_TOKEN. */
  api: Behaviour;
  /** Every token issued, in order (tok-<n>-s3cr3t-<random>), so that tests can search for them too. */
  issued: string[];
  /** What the next tokens carry as expires_in (default 7200, Commerce Layer's two hours). */
  expiresIn: number;
  /** Makes every token issued so far invalid for the API, as expiry or revocation does. */
  revokeAll(): void;
}

export function tokenIssuer(): TokenIssuer {
  const valid = new Set<string>();
  const issuer: TokenIssuer = {
    issued: [],
    expiresIn: 7200,
    revokeAll: () => valid.clear(),
    endpoint(request, res) {
      const body = JSON.parse(request.body || 'null') as Record<string, unknown> | null;
      if (body?.grant_type !== 'client_credentials' || body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) {
        const detail = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';
        return respond(401, { errors: [{ title: 'invalid_client', detail, code: 'UNAUTHORIZED', status: 401 }] }, { 'content-type': 'application/json' })(request, res);
      }
      const token = `tok-${issuer.issued.length + 1}-s3cr3t-${Math.random().toString(36).slice(2, 10)}`;
      issuer.issued.push(token);
      valid.add(token);
      const answer = { access_token: token, token_type: 'bearer', expires_in: issuer.expiresIn, scope: body.scope ?? 'market:all', created_at: Math.floor(Date.now() / 1000) };
      respond(200, answer, { 'content-type': 'application/json; charset=utf-8' })(request, res);
    },
    api(request, res) {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization))?.[1];
      if (token !== undefined && valid.has(token)) return importResponse()(request, res);
      respond(401, { errors: [{ title: 'Invalid token', detail: 'The access token you provided is invalid.', code: 'INVALID_TOKEN', status: '401' }] })(request, res);
    },
  };
  return issuer;
}
