import type { Middleware } from 'openapi-fetch';
import { assertKnownOptions } from '../checks/option-names.js';
import { InputError } from '../errors.js';
import { type ApiEnvironment, checkedEnvironment } from '../transport/environment.js';
import type { RetryOptions } from '../transport/retry-policy.js';
import { type AccessToken, checkedToken } from '../transport/token.js';
import type { TransportConfig } from '../transport/transport.js';

export type { AccessToken, RetryOptions };


interface CommonOptions {
  /** A token string, or a function called before every attempt that returns one. */
  accessToken: AccessToken;
  /** A fetch to send requests with (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** The longest one attempt may take, headers and body together (default 15000). */
  timeoutMs?: number;
  /** Extra headers; Accept, Content-Type and Authorization are the client's own. */
  headers?: Record<string, string>;
  /** Retry policy, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Bodies larger than this are refused before being buffered whole (default 10 MiB). */
  maxResponseBytes?: number;
  /** openapi-fetch middleware, for logging and tracing; requests they see carry no token. */
  middleware?: Middleware[];
  /**
   * The organization's environment, whose rate limits importAll paces by: live allows twice as many
   * requests as test. Default: what the access token's `test` claim says, else test's limits.
   */
  environment?: ApiEnvironment;
}

export type ImportsClientOptions = CommonOptions &
  (
    | { /** Your organization's slug: requests go to https://{slug}.commercelayer.io. */ organization: string; baseUrl?: never }
    | { /** An origin such as http://127.0.0.1:4010 (plain http only on loopback). */ baseUrl: string; organization?: never }
  );

// Without the pacers and the token observer, which the client makes for itself.
export interface ResolvedOptions extends Omit<TransportConfig, 'pacers' | 'observeToken'> {
  environment: ApiEnvironment | undefined;
  origin: string;
  headers: Record<string, string>;
  middleware: Middleware[];
}

const OPTION_NAMES = ['organization', 'baseUrl', 'accessToken', 'fetch', 'timeoutMs', 'headers', 'retry', 'maxResponseBytes', 'middleware', 'environment'];
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization', 'user-agent']);
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const NO_RETRY: Required<RetryOptions> = { retries: 0, baseDelayMs: 0, maxDelayMs: 0 };

/** Checks every option once, when the client is made, so that bad configuration never reaches the network. */
export function resolveOptions(options: ImportsClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new InputError('createImportsClient needs an options object');
  assertKnownOptions(options, OPTION_NAMES, 'createImportsClient');
  const { organization, baseUrl } = options as { organization?: unknown; baseUrl?: unknown };
  if ((organization === undefined) === (baseUrl === undefined)) {
    throw new InputError('Pass exactly one of `organization` and `baseUrl`');
  }
  const middleware = options.middleware ?? [];
  if (!Array.isArray(middleware)) throw new InputError('`middleware` must be an array of openapi-fetch middleware');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new InputError('`fetch` must be a function');
  return {
    origin: organization !== undefined ? organizationOrigin(organization) : checkedOrigin(baseUrl),
    accessToken: checkedAccessToken(options.accessToken),
    fetch: options.fetch,
    timeoutMs: positiveNumber('timeoutMs', options.timeoutMs, 15_000),
    headers: checkedHeaders(options.headers),
    retry: options.retry === false ? NO_RETRY : checkedRetry(options.retry ?? {}),
    maxResponseBytes: positiveNumber('maxResponseBytes', options.maxResponseBytes, 10 * 1024 * 1024),
    middleware,
    environment: checkedEnvironment('`environment`', options.environment),
  };
}

function organizationOrigin(slug: unknown): string {
  if (typeof slug !== 'string' || !SLUG.test(slug)) {
    throw new InputError('`organization` must be your organization slug: letters, digits and hyphens, such as "yourdomain"');
  }
  return `https://${slug.toLowerCase()}.commercelayer.io`;
}

function checkedOrigin(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string') throw new InputError('`baseUrl` must be a string such as "https://yourdomain.commercelayer.io"');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError('`baseUrl` is not a URL: give an origin such as "https://yourdomain.commercelayer.io"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError('`baseUrl` must use http or https');
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new InputError('`baseUrl` must be an origin only (scheme, host and port), without path, query, fragment or credentials');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new InputError('`baseUrl` over plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost): the token would travel in clear');
  }
  return url.origin;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function checkedAccessToken(token: unknown): AccessToken {
  if (typeof token === 'function') return token as AccessToken;
  return checkedToken(token);
}

function checkedHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw new InputError('`headers` must be an object of header names to string values');
  }
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new InputError(`\`headers\` cannot set ${name}: the client sets Accept, Content-Type, Authorization and User-Agent itself`);
    }
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InputError(`\`headers\` has an invalid header name: ${JSON.stringify(name)}`);
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      throw new InputError(`\`headers\` value of ${name} must be a string without line breaks`);
    }
    result[name] = value;
  }
  return result;
}

function checkedRetry(retry: RetryOptions): Required<RetryOptions> {
  if (retry === null || typeof retry !== 'object') throw new InputError('`retry` must be an object or false');
  assertKnownOptions(retry, ['retries', 'baseDelayMs', 'maxDelayMs'], '`retry`');
  const retries = retry.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0) throw new InputError('`retry.retries` must be a whole number, 0 or more');
  return {
    retries,
    baseDelayMs: nonNegative('retry.baseDelayMs', retry.baseDelayMs, 500),
    maxDelayMs: nonNegative('retry.maxDelayMs', retry.maxDelayMs, 10_000),
  };
}

function positiveNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InputError(`\`${name}\` must be a positive number`);
  return value;
}

function nonNegative(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InputError(`\`${name}\` must be a number, 0 or more`);
  return value;
}
