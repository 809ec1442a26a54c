import { checkedToken, type ResolvedOptions } from './client-options.js';
import { ImportsError, NetworkError, ResponseError, TimeoutError } from './errors.js';
import { LightRequest } from './light-request.js';
import { isRetryableStatus, retryDelayMs, sleep } from './retry-policy.js';
import { USER_AGENT } from './version.js';

export const JSON_API = 'application/vnd.api+json';
/** What middleware sees in place of the token. */
export const REDACTED_AUTHORIZATION = 'Bearer [REDACTED]';

/** Per-call facts shared between a client method and the transport, passed through openapi-fetch's init. */
export interface CallState {
  attempts: number;
  idempotent: boolean;
  /** The status of the last response, for errors raised after the transport returned. */
  status?: number;
}
export const CALL_STATE = 'importsCall';

type OutgoingRequest = (LightRequest | Request) & { [CALL_STATE]?: CallState };

const TIMED_OUT = Symbol('timed out');

/**
 * The fetch given to openapi-fetch. It sends `fetch(url, init)` with the real token, bounds each
 * attempt (headers and body) by timeoutMs, retries by the policy, and hands back a Response whose
 * body is already read, so openapi-fetch's parsing can neither hang nor buffer an oversized body.
 */
export function createTransport(config: ResolvedOptions): (request: OutgoingRequest) => Promise<Response> {
  const fetchImpl = config.fetch ?? globalThis.fetch;

  return async function send(request) {
    // Calls made through `raw` carry no state: only POST, which creates, is not idempotent.
    const state = request[CALL_STATE] ?? { attempts: 0, idempotent: request.method !== 'POST' };
    const headers = outgoingHeaders(request.headers);
    const body = request instanceof LightRequest ? request.body : request.body === null ? null : await request.text();
    if (body !== null) headers['content-type'] = JSON_API;
    else delete headers['content-type'];
    const init: RequestInit = { method: request.method, headers, body, redirect: 'error' };
    const signal = request.signal ?? undefined;

    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw signal.reason;
      headers.authorization = `Bearer ${await tokenFor(config, state)}`;
      state.attempts++;
      const canRetry = retry < config.retry.retries;
      let response: Response;
      try {
        response = await attempt(fetchImpl, request.url, init, signal, config, state, canRetry);
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (!canRetry) throw error.final;
        await sleep(retryDelayMs(retry + 1, config.retry), signal);
        continue;
      }
      if (!canRetry || !isRetryableStatus(response.status, state.idempotent)) return response;
      await sleep(retryDelayMs(retry + 1, config.retry, response.headers, response.status), signal);
    }
  };
}

class RetryableFailure {
  constructor(readonly final: ImportsError) {}
}

async function attempt(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  config: ResolvedOptions,
  state: CallState,
  canRetry: boolean,
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), config.timeoutMs);
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    state.status = response.status;
    if (canRetry && isRetryableStatus(response.status, state.idempotent)) {
      // Only the status and headers matter for a retry: do not read a body that will be thrown away.
      await response.body?.cancel().catch(() => {});
      return response;
    }
    return await buffered(response, config.maxResponseBytes, state);
  } catch (error) {
    if (controller.signal.aborted) {
      if (controller.signal.reason !== TIMED_OUT) throw controller.signal.reason;
      const timeout = new TimeoutError(`No complete response within ${config.timeoutMs} ms`, { attempts: state.attempts });
      throw state.idempotent ? new RetryableFailure(timeout) : timeout;
    }
    if (error instanceof ImportsError) throw error;
    const network = new NetworkError(`No complete response from ${new URL(url).origin}: ${describe(error)}`, {
      attempts: state.attempts,
      cause: error,
    });
    throw state.idempotent ? new RetryableFailure(network) : network;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Reads the whole body within maxBytes and returns an equivalent Response holding it. */
async function buffered(response: Response, maxBytes: number, state: CallState): Promise<Response> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(response.status, maxBytes, state);
  }
  let text: string | null = null;
  if (response.body !== null) {
    text = declared !== null ? await response.text() : await readLimited(response.body, maxBytes, response.status, state);
  }
  const nullBody = text === '' || response.status === 204 || response.status === 205 || response.status === 304;
  return new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number, status: number, state: CallState): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(status, maxBytes, state);
    }
    text += decoder.decode(value, { stream: true });
  }
}

function tooLarge(status: number, maxBytes: number, state: CallState): ResponseError {
  return new ResponseError(`The response body is larger than maxResponseBytes (${maxBytes} bytes) and was not read`, status, {
    attempts: state.attempts,
  });
}

/** Copies what openapi-fetch and middleware made, then enforces the headers that are the client's own. */
function outgoingHeaders(requestHeaders: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of requestHeaders) headers[name] = value;
  headers.accept = JSON_API;
  headers['user-agent'] = USER_AGENT;
  return headers;
}

async function tokenFor(config: ResolvedOptions, state: CallState): Promise<string> {
  if (typeof config.accessToken === 'string') return config.accessToken;
  try {
    return checkedToken(await config.accessToken());
  } catch (error) {
    if (error instanceof ImportsError) {
      error.attempts = state.attempts;
      throw error;
    }
    // The token function's own error may hold anything: keep it as the cause, not in the message.
    throw new ImportsError('The accessToken function failed', { attempts: state.attempts, cause: error });
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
