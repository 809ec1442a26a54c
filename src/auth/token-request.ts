import { ApiError, ImportsError, NetworkError, ResponseError, TimeoutError } from '../errors.js';
import { onAbort } from '../transport/abort-listener.js';
import type { CallState } from '../transport/call-state.js';
import { readWhole } from '../transport/read-response.js';
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

const TIMED_OUT = Symbol('timed out');
/** A token answer is a few hundred bytes: a larger body is refused before it is read whole. */
const MAX_ANSWER_BYTES = 64 * 1024;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT };

/**
 * POSTs the client credentials to the token endpoint and reads the token from the answer. Retried by
 * the client's policy as an idempotent call (asking again only issues another token): 429, 502, 503,
 * 504, timeouts and lost connections, with Retry-After, X-Ratelimit-Interval or full-jitter backoff.
 */
export async function requestToken(endpoint: TokenEndpoint): Promise<IssuedToken> {
  const state: CallState = { attempts: 0, idempotent: true };
  for (let retry = 0; ; retry++) {
    const canRetry = retry < endpoint.retry.retries;
    // A response, or an error worth retrying (a timeout, a lost connection).
    const outcome = await post(endpoint, state, canRetry);
    if (!(outcome instanceof ImportsError) && !(canRetry && isRetryableStatus(outcome.status, true))) return tokenOf(outcome, state);
    if (!canRetry) throw outcome;
    const asked = outcome as Partial<Response>;
    await sleep(retryDelayMs(retry + 1, endpoint.retry, asked.headers, asked.status), endpoint.signal);
  }
}

/** One request, headers and body within timeoutMs. */
async function post(endpoint: TokenEndpoint, state: CallState, canRetry: boolean): Promise<Response | ImportsError> {
  const { signal } = endpoint;
  signal?.throwIfAborted();
  state.attempts++;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), Math.min(endpoint.timeoutMs, MAX_TIMER_MS));
  const stopWatching = signal && onAbort(signal, () => controller.abort(signal.reason));
  try {
    // No redirect is followed: the secret goes to the endpoint given and nowhere else.
    const response = await endpoint.fetch(endpoint.url, { method: 'POST', headers: HEADERS, body: endpoint.body, redirect: 'error', signal: controller.signal });
    if (canRetry && isRetryableStatus(response.status, true)) {
      await response.body?.cancel().catch(() => {});
      return response;
    }
    // An error body that echoes the secret has it replaced by [REDACTED].
    return await readWhole(response, MAX_ANSWER_BYTES, state, endpoint.secret);
  } catch (error) {
    if (controller.signal.reason === TIMED_OUT) return new TimeoutError(`No token within ${endpoint.timeoutMs} ms`, { attempts: state.attempts });
    if (controller.signal.aborted) throw controller.signal.reason;
    if (error instanceof ImportsError) throw error;
    return new NetworkError('No complete answer from the token endpoint', { attempts: state.attempts, cause: error });
  } finally {
    clearTimeout(timer);
    stopWatching?.();
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
