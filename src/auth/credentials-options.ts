import { assertKnownOptions } from '../checks/option-names.js';
import { resolveOptions } from '../client/client-options.js';
import { InputError } from '../errors.js';
import type { RetryOptions } from '../transport/retry-policy.js';

export interface ClientCredentialsOptions {
  /** The client ID of your API credentials (an integration or sales channel application). */
  clientId: string;
  /** Their client secret: sent to the token endpoint only, never shown in an error. */
  clientSecret: string;
  /** Such as `market:code:europe` or `stock_location:id:xYZkjABcde`; several separated by spaces. */
  scope?: string;
  /** The token endpoint's origin (default https://auth.commercelayer.io); plain http only on loopback. */
  baseUrl?: string;
  /** A fetch to send token requests with (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** The client's retry policy, for the token endpoint's 429, 502, 503, 504 and lost connections; `false` for one attempt. */
  retry?: RetryOptions | false;
  /** The longest one token request may take, headers and body together (default 15000). */
  timeoutMs?: number;
  /** Aborts the token request in flight, and refuses every later one. */
  signal?: AbortSignal;
}

/** Where and how token requests go, checked; it holds the secret, so it is never put on anything shown. */
export interface TokenEndpoint {
  url: string;
  body: string;
  secret: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  signal: AbortSignal | undefined;
}

const OPTION_NAMES = ['clientId', 'clientSecret', 'scope', 'baseUrl', 'fetch', 'retry', 'timeoutMs', 'signal'];

/** Checks every option up front, so that bad configuration never reaches the network; no message repeats a value. */
export function checkedCredentials(options: ClientCredentialsOptions): TokenEndpoint {
  if (options === null || typeof options !== 'object') throw new InputError('clientCredentials needs an options object');
  assertKnownOptions(options, OPTION_NAMES, 'clientCredentials');
  const { clientId, clientSecret, scope, signal } = options;
  for (const [name, value] of [['clientId', clientId], ['clientSecret', clientSecret]] as const) {
    if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) throw new InputError(`\`${name}\` must be a non-empty string of visible ASCII characters`);
  }
  if (scope !== undefined && (typeof scope !== 'string' || !scope.trim())) throw new InputError('`scope` must be a non-empty string, such as "market:code:europe"');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new InputError('`signal` must be an AbortSignal');
  // The client's own checks, so that baseUrl, fetch, timeoutMs and retry follow its rules (plain http
  // only on loopback) with its messages. The token function is a placeholder that is never called.
  const resolved = resolveOptions({
    baseUrl: options.baseUrl ?? 'https://auth.commercelayer.io',
    accessToken: () => '',
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  });
  return {
    url: `${resolved.origin}/oauth/token`,
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
    secret: clientSecret,
    fetch: resolved.fetch ?? globalThis.fetch,
    timeoutMs: resolved.timeoutMs,
    retry: resolved.retry,
    signal,
  };
}
