import { ImportsError, NetworkError, ResponseError, TimeoutError } from '../errors.js';
import { onAbort } from './abort-listener.js';
import type { CallState } from './call-state.js';
import { readWhole } from './read-response.js';
import { isRetryableStatus } from './retry-policy.js';

const TIMED_OUT = Symbol('timed out');

/** A failure worth retrying (a timeout, a lost connection of an idempotent call), with the error to give when no retry is left. */
export class RetryableFailure {
  constructor(readonly final: ImportsError) {}
}

export interface Sender {
  fetch: typeof globalThis.fetch;
  /** timeoutMs as given, for messages; maxResponseBytes bounds every body read. */
  config: { timeoutMs: number; maxResponseBytes: number };
  /** timeoutMs, within what setTimeout can hold. */
  timeoutMs: number;
}

/** One request and its body, within timeoutMs; a failure worth retrying comes back as RetryableFailure. */
export async function attempt(
  sender: Sender,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  state: CallState,
  canRetry: boolean,
  token: string,
): Promise<Response> {
  const { config, timeoutMs } = sender;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
  const stopWatching = signal && onAbort(signal, () => controller.abort(signal.reason));
  init.signal = controller.signal;
  try {
    const response = await sender.fetch(url, init);
    state.status = response.status;
    if (canRetry && isRetryableStatus(response.status, state.idempotent)) {
      // Only the status and headers matter for a retry: do not read a body that will be thrown away.
      await response.body?.cancel().catch(() => {});
      return response;
    }
    return await readWhole(response, config.maxResponseBytes, state, token);
  } catch (error) {
    if (controller.signal.aborted) {
      if (controller.signal.reason !== TIMED_OUT) throw controller.signal.reason;
      const timeout = new TimeoutError(`No complete response within ${config.timeoutMs} ms`, { attempts: state.attempts });
      throw state.idempotent ? new RetryableFailure(timeout) : timeout;
    }
    if (error instanceof ImportsError) throw error;
    if ((error as { cause?: { message?: unknown } })?.cause?.message === 'unexpected redirect') {
      throw new ResponseError('The server answered with a redirect, which the client does not follow: the token must not travel to another URL', 0, {
        attempts: state.attempts,
      });
    }
    // What fetch says may quote the request (a proxy, a custom fetch): never let it carry the token into the message.
    const network = new NetworkError(`No complete response from ${new URL(url).origin}: ${describe(error).replaceAll(token, '[REDACTED]')}`, {
      attempts: state.attempts,
      cause: error,
    });
    throw state.idempotent ? new RetryableFailure(network) : network;
  } finally {
    clearTimeout(timer);
    stopWatching?.();
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
