// What a handler answers, and the JSON:API error documents the API sends: each error with a title,
// a detail, a code and the status as a string, as Commerce Layer's "Handling errors" shows them.
import { STATUS_CODES } from 'node:http';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON; no body when undefined (204). */
  body?: unknown;
  /** application/vnd.api+json unless said otherwise (the token endpoint answers application/json). */
  contentType?: string;
}

export interface JsonApiError {
  title: string;
  detail: string;
  code: string;
  status: string;
  source?: { pointer?: string; parameter?: string };
}

/** The codes Commerce Layer gives its usual statuses; others are spelt from the status text. */
const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'INVALID_TOKEN',
  404: 'RECORD_NOT_FOUND',
  406: 'NOT_ACCEPTABLE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_ERROR',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
};

export function codeOf(status: number): string {
  return CODES[status] ?? (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

export function apiError(status: number, title: string, detail: string, extra: { code?: string; source?: JsonApiError['source'] } = {}): JsonApiError {
  return { title, detail, code: extra.code ?? codeOf(status), status: String(status), ...(extra.source && { source: extra.source }) };
}

export function errorReply(status: number, errors: JsonApiError[], headers?: Record<string, string>): Reply {
  return { status, body: { errors }, ...(headers && { headers }) };
}

/** One error as the whole answer. */
export function failure(status: number, title: string, detail: string, extra?: Parameters<typeof apiError>[3]): Reply {
  return errorReply(status, [apiError(status, title, detail, extra)]);
}

/** A 422 for one attribute of the body, in the reference's form: title "is not a string", detail "reference - is not a string". */
export function invalidAttribute(pointer: string, title: string): JsonApiError {
  const name = pointer.split('/').pop() ?? pointer;
  return apiError(422, title, `${name} - ${title}`, { source: { pointer } });
}

/** A 400 for one query parameter, with the code JSON:API servers in Rails give it. */
export function invalidParameter(parameter: string, code: string, detail: string): Reply {
  return failure(400, titleOf(code), detail, { code, source: { parameter } });
}

const titleOf = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

export const notFound = (id: string): Reply => failure(404, 'Record not found', `The record identified by ${id} could not be found.`);
