import type { components } from './generated/openapi.js';

/** One error of a JSON:API error document, as the document describes it. */
export type JsonApiError = components['schemas']['Error'];

/** The base class of every error this client throws. `attempts` is how many requests were sent. */
export class ImportsError extends Error {
  attempts: number;

  constructor(message: string, options: { attempts?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.attempts = options.attempts ?? 0;
  }
}

/** Bad input caught before any request was sent (`attempts` is 0). */
export class InputError extends ImportsError {}

/** The API answered with a status outside 2xx. */
export class ApiError extends ImportsError {
  readonly status: number;
  /** The JSON:API `errors` array of the body; `[]` when the body had none. */
  readonly errors: JsonApiError[];
  /** The first error's code, such as `RECORD_NOT_FOUND`. */
  readonly code: string | undefined;
  readonly headers: Headers;

  constructor(status: number, body: unknown, headers: Headers, attempts: number) {
    const errors = errorsOf(body);
    const first = errors[0];
    const reason = first?.title || first?.detail;
    super(`Commerce Layer answered ${status}${reason ? `: ${reason}` : ''}`, { attempts });
    this.status = status;
    this.errors = errors;
    this.code = first?.code;
    this.headers = headers;
  }
}

/** An attempt took longer than `timeoutMs`, headers and body together. */
export class TimeoutError extends ImportsError {}

/** No response came back: connection refused or reset, DNS failure, a body cut off mid-way. */
export class NetworkError extends ImportsError {}

/** A response the client cannot use: a 2xx that is not a JSON:API document with `data`, or a body over `maxResponseBytes`. */
export class ResponseError extends ImportsError {
  readonly status: number;

  constructor(message: string, status: number, options: { attempts?: number; cause?: unknown } = {}) {
    super(message, options);
    this.status = status;
  }
}

function errorsOf(body: unknown): JsonApiError[] {
  if (body === null || typeof body !== 'object') return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is JsonApiError => e !== null && typeof e === 'object');
}
