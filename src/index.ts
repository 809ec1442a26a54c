export { createImportsClient, type ImportsClient } from './client.js';
export type { AccessToken, ImportsClientOptions, RetryOptions } from './client-options.js';
export { ApiError, ImportsError, InputError, NetworkError, ResponseError, TimeoutError, type JsonApiError } from './errors.js';
export type {
  CallOptions,
  Import,
  ImportAttributeName,
  ImportAttributes,
  ImportResourceType,
  ImportStatus,
  ImportUpdateAttributes,
  UpdateOptions,
} from './types.js';
export type { Middleware } from 'openapi-fetch';
