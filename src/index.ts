export { createImportsClient } from './client/client.js';
export type { ImportsClient } from './client/imports-client.js';
export type { AccessToken, ImportsClientOptions, RetryOptions } from './client/client-options.js';
export { ApiError, ImportsError, InputError, NetworkError, ResponseError, TimeoutError, type JsonApiError } from './errors.js';
export type {
  CallOptions,
  CreateOptions,
  Import,
  ImportAttributeName,
  ImportAttributes,
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
  SparseImport,
  UpdateOptions,
  WaitForOptions,
  WithFields,
} from './types.js';
export type {
  FinishedImport,
  ImportAllOptions,
  ImportAllProgress,
  ImportAllResume,
  ImportAllSummary,
  ImportChunkFailure,
  ImportNotProcessed,
  ImportRecords,
} from './bulk/import-all-types.js';
export type { ImportFailedRecord, ImportUnmatchedError } from './bulk/record-positions.js';
export { clientCredentials, type TokenProvider } from './auth/client-credentials.js';
export type { ClientCredentialsOptions } from './auth/credentials-options.js';
export { CredentialsError } from './auth/credentials-error.js';
export type { AccessTokenContext } from './transport/token.js';
export type { Middleware } from 'openapi-fetch';
