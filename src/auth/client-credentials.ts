import type { AccessTokenContext } from '../transport/token.js';
import { checkedCredentials, type ClientCredentialsOptions } from './credentials-options.js';
import { requestToken } from './token-request.js';

/**
 * A token function for the client's `accessToken` option. Resolves to a bearer token, cached until
 * less than 10 minutes of its life remain; `{ forceRefresh: true }` fetches a new one. Concurrent
 * calls share one request.
 */
export type TokenProvider = (context?: Partial<AccessTokenContext>) => Promise<string>;

/** A token is renewed once less than this remains of its life, or less than half its life when that is shorter. */
const RENEW_BEFORE_EXPIRY_MS = 10 * 60_000;

/**
 * Commerce Layer's client credentials flow: POST {baseUrl}/oauth/token with the client ID and secret.
 * The secret and the tokens live in this closure only: nothing that can be printed holds them.
 */
export function clientCredentials(options: ClientCredentialsOptions): TokenProvider {
  const endpoint = checkedCredentials(options);
  let token: string | undefined;
  let renewAt = 0;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const sentAt = Date.now();
    const { accessToken, expiresIn } = await requestToken(endpoint);
    renewAt = sentAt + expiresIn * 1000 - Math.min(RENEW_BEFORE_EXPIRY_MS, expiresIn * 500);
    return (token = accessToken);
  }

  return function clientCredentialsToken(context) {
    // While a token is being fetched, every call waits for it: the one held may be the one just refused.
    if (pending === undefined && !context?.forceRefresh && token !== undefined && Date.now() < renewAt) return Promise.resolve(token);
    return (pending ??= fetchToken().finally(() => (pending = undefined)));
  };
}
