import { untilAborted } from './abort-listener.js';
import { ImportsError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { attempt, RetryableFailure, type Sender } from './attempt.js';
import type { CallState } from './call-state.js';
import type { LightRequest } from './light-request.js';
import { isRetryableStatus, MAX_TIMER_MS, retryDelayMs, type RetryOptions, sleep } from './retry-policy.js';
import type { Pacer } from './rate-pacer.js';
import { type AccessToken, checkedToken } from './token.js';

export const JSON_API = 'application/vnd.api+json';
/** What middleware sees in place of the token. */
export const REDACTED_AUTHORIZATION = 'Bearer [REDACTED]';

export type { CallState };

/** What the transport needs of the client's options, already checked. */
export interface TransportConfig {
  /** Counts every request sent, reads and writes apart, for callers that pace themselves (importAll). */
  pacers: { read: Pacer; write: Pacer };
  /** Told each token before it is sent, so that pacing can follow the environment its claims name. */
  observeToken: (token: string) => void;
  accessToken: AccessToken;
  fetch: typeof globalThis.fetch | undefined;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  maxResponseBytes: number;
}

type OutgoingRequest = LightRequest | Request;

/**
 * The fetch given to openapi-fetch. It sends `fetch(url, init)` with the real token, bounds each
 * attempt (headers and body) by timeoutMs, retries by the policy, and hands back a Response whose
 * body is already read, so openapi-fetch's parsing can neither hang nor buffer an oversized body.
 */
export function createTransport(config: TransportConfig): (request: OutgoingRequest, state?: CallState) => Promise<Response> {
  const sender: Sender = { fetch: config.fetch ?? globalThis.fetch, config, timeoutMs: Math.min(config.timeoutMs, MAX_TIMER_MS) };

  // Calls made through `raw` come without state: only POST, which creates, is not idempotent.
  return async function send(request, state = { attempts: 0, idempotent: request.method !== 'POST' }) {
    const headers = outgoingHeaders(request.headers);
    // A real Request (made when there is middleware) holds its body as a one-use stream: read it
    // once as text, so that every attempt sends the same body whole.
    const body = typeof request.body === 'string' || request.body === null ? request.body : await (request as Request).text();
    if (body !== null) headers['content-type'] = JSON_API;
    else delete headers['content-type'];
    // No redirect is followed, so the token never travels elsewhere. 'error' with `window: null` also
    // spares Node's fetch two copies of the body per request (see bench/), which 'manual' would cost.
    const init: RequestInit & { window: null } = { method: request.method, headers, body, redirect: 'error', window: null };
    const signal = request.signal ?? undefined;

    // At most one refresh per call (see the 401 below); `fresh` is the token it gave, for the attempt that follows.
    let refreshed = false;
    let fresh: string | undefined;
    for (let retry = 0; ; retry++) {
      // A string token needs no await: one promise and one tick less per call.
      const token = fresh ?? (typeof config.accessToken === 'string' ? config.accessToken : await tokenFrom(config.accessToken, state, signal, false));
      fresh = undefined;
      if (signal?.aborted) throw signal.reason;
      config.observeToken(token);
      headers.authorization = `Bearer ${token}`;
      // Every request counts against the API's limits; a paced call's first one was counted when it took its turn.
      if (!(state.paced && state.attempts === 0)) (request.method === 'GET' ? config.pacers.read : config.pacers.write).record();
      state.attempts++;
      const canRetry = retry < config.retry.retries;
      let response: Response;
      try {
        response = await attempt(sender, request.url, init, signal, state, canRetry, token);
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (!canRetry) throw error.final;
        await sleep(retryDelayMs(retry + 1, config.retry), signal);
        state.resent = true;
        continue;
      }
      // A 401 INVALID_TOKEN (expired, revoked): the token function is asked once for a fresh token, and
      // the call is sent again with it at once, idempotent or not (the server did not act on it), apart
      // from the retry policy. A string token, or a function giving back the token just refused, leaves
      // the 401 as it is.
      if (response.status === 401 && !refreshed && typeof config.accessToken === 'function' && (await refusesToken(response))) {
        refreshed = true;
        fresh = await tokenFrom(config.accessToken, state, signal, true);
        if (fresh !== token) {
          retry--;
          continue;
        }
      }
      if (!canRetry || !isRetryableStatus(response.status, state.idempotent)) return response;
      await sleep(retryDelayMs(retry + 1, config.retry, response.headers, response.status), signal);
      // A 429 was refused before anything was done; after a 5xx the server may have acted.
      if (response.status !== 429) state.resent = true;
    }
  };
}

/** Copies what openapi-fetch and middleware made, then enforces the headers that are the client's own. */
function outgoingHeaders(requestHeaders: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of requestHeaders) headers[name] = value;
  headers.accept = JSON_API;
  headers['user-agent'] = USER_AGENT;
  return headers;
}

/** Whether a 401's body says the token is invalid or expired, with Commerce Layer's INVALID_TOKEN code. */
async function refusesToken(response: Response): Promise<boolean> {
  try {
    return ((await response.clone().json()) as { errors: { code?: unknown }[] }).errors[0]!.code === 'INVALID_TOKEN';
  } catch {
    return false;
  }
}

/** Calls the token function (a string token never gets here) and checks what it gives. */
async function tokenFrom(
  accessToken: Exclude<AccessToken, string>,
  state: CallState,
  signal: AbortSignal | undefined,
  forceRefresh: boolean,
): Promise<string> {
  let token: unknown;
  try {
    token = await untilAborted(accessToken({ forceRefresh }), signal);
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    // The token function's own error may hold anything: keep it as the cause, not in the message.
    throw new ImportsError('The accessToken function failed', { attempts: state.attempts, cause: error });
  }
  try {
    return checkedToken(token);
  } catch (error) {
    (error as ImportsError).attempts = state.attempts;
    throw error;
  }
}
