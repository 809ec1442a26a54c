export { createImportsClient, type ImportsClient } from './client/client.js';
export type { AccessToken, ImportsClientOptions, RetryOptions } from './client/client-options.js';
export { ApiError, ImportsError, InputError, NetworkError, ResponseError, TimeoutError, type JsonApiError } from './errors.js';
export type {
  CallOptions,
  CreateOptions,
  Import,
  ImportAllOptions,
  ImportAllProgress,
  ImportAllSummary,
  ImportAttributeName,
  ImportAttributes,
  ImportChunkFailure,
  ImportCreateAttributes,
  ImportFilter,
  ImportInput,
  ImportList,
  ImportProgress,
  ImportResourceType,
  ImportSortKey,
  ImportStatus,
  ImportUpdateAttributes,
  ListQuery,
  RetrieveOptions,
  UpdateOptions,
  WaitForOptions,
} from './types.js';
export type { Middleware } from 'openapi-fetch';
