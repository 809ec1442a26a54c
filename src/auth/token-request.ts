import { ApiError, ResponseError } from '../errors.js';
import { attempt, RetryableFailure, type Sender } from '../transport/attempt.js';
import type { CallState } from '../transport/call-state.js';
import { isRetryableStatus, MAX_TIMER_MS, retryDelayMs, sleep } from '../transport/retry-policy.js';
import { USER_AGENT } from '../version.js';
import { CredentialsError } from './credentials-error.js';
import type { TokenEndpoint } from './credentials-options.js';

/** A token as the endpoint issued it. */
export interface IssuedToken {
  accessToken: string;
  /** Its life in seconds: expires_in, or 2 hours (Commerce Layer's default) when the answer does not say. */
  expiresIn: number;
}

/** A token answer is a few hundred bytes: a larger body is refused before it is read whole. */
const MAX_ANSWER_BYTES = 64 * 1024;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT };

/**
 * POSTs the client credentials to the token endpoint and reads the token from the answer, one
 * attempt at a time as the client's transport makes them (timeout, no redirect, body read within a
 * limit, the secret redacted from error bodies). Retried by the client's policy as an idempotent
 * call (asking again only issues another token): 429, 502, 503, 504, timeouts and lost connections.
 */
export async function requestToken(endpoint: TokenEndpoint): Promise<IssuedToken> {
  const { signal } = endpoint;
  const state: CallState = { attempts: 0, idempotent: true };
  const sender: Sender = { fetch: endpoint.fetch, config: { timeoutMs: endpoint.timeoutMs, maxResponseBytes: MAX_ANSWER_BYTES }, timeoutMs: Math.min(endpoint.timeoutMs, MAX_TIMER_MS) };
  // No redirect is followed: the secret goes to the endpoint given and nowhere else.
  const init: RequestInit = { method: 'POST', headers: HEADERS, body: endpoint.body, redirect: 'error' };
  for (let retry = 0; ; retry++) {
    signal?.throwIfAborted();
    state.attempts++;
    const canRetry = retry < endpoint.retry.retries;
    let response: Response;
    try {
      response = await attempt(sender, endpoint.url, init, signal, state, canRetry, endpoint.secret);
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      if (!canRetry) throw error.final;
      await sleep(retryDelayMs(retry + 1, endpoint.retry), signal);
      continue;
    }
    if (!canRetry || !isRetryableStatus(response.status, true)) return tokenOf(response, state);
    await sleep(retryDelayMs(retry + 1, endpoint.retry, response.headers, response.status), signal);
  }
}

interface TokenAnswer {
  access_token?: unknown;
  token_type?: unknown;
  expires_in?: unknown;
  errors?: unknown;
}

/** The token of a 2xx; a CredentialsError for a 400 or 401; an ApiError for any other status. */
async function tokenOf(response: Response, state: CallState): Promise<IssuedToken> {
  const { status, headers } = response;
  let answer: TokenAnswer | undefined;
  try {
    answer = JSON.parse(await response.text()) as TokenAnswer;
  } catch {
    // Kept without the parser's error, whose message may quote the body, and so the token.
  }
  if (status < 300) {
    const token = answer?.access_token;
    // The client checks the token itself before sending it (visible ASCII only).
    if (typeof token !== 'string' || !token || !/^bearer$/i.test(String(answer!.token_type ?? 'bearer'))) {
      throw new ResponseError(`The token endpoint's ${status} answer holds no usable bearer access_token`, status, { attempts: state.attempts });
    }
    const expiresIn = Number(answer!.expires_in);
    return { accessToken: token, expiresIn: expiresIn > 0 && expiresIn < Infinity ? expiresIn : 7200 };
  }
  // Commerce Layer answers a JSON:API errors array; a single error object is read as an array of one.
  const document = { errors: [answer?.errors].flat() };
  throw status === 400 || status === 401 ? new CredentialsError(status, document, headers, state.attempts) : new ApiError(status, document, headers, state.attempts);
}
