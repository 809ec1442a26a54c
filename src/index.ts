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
  ImportAllReconciliation,
  ImportAllResume,
  ImportAllSummary,
  ImportChunkFailure,
  ImportNotProcessed,
  ImportRecords,
} from './bulk/import-all-types.js';
export type { ImportFailedRecord, ImportUnmatchedError } from './bulk/record-positions.js';
export { readImportGroup, type ImportGroup, type ImportGroupLoad } from './bulk/import-group.js';
export { isGroupName } from './bulk/group.js';
export { clientCredentials, type TokenProvider } from './auth/client-credentials.js';
export type { ClientCredentialsOptions } from './auth/credentials-options.js';
export { CredentialsError } from './auth/credentials-error.js';
export type { AccessTokenContext } from './transport/token.js';
export type { ApiEnvironment } from './transport/environment.js';
export type { Middleware } from 'openapi-fetch';
export { RECORD_RULES, recordRules, type AttributeRule, type AttributeType, type RecordRules, type RelationshipRule } from './records/rules.js';
export { errorsLogKeyAttribute, PARENT_RELATIONSHIPS, UNIQUE_KEYS } from './records/keys.js';
export { checkRecord, formatRecordErrors, NEEDED_IF_NEW, validateRecord, type RecordCheck, type RecordErrors, type ValidateRecordOptions } from './records/validate-record.js';
export { blank as isBlank } from './records/values.js';
export { validateRecords, type InvalidRecord } from './records/validate-records.js';
export { recordKey, recordReferences, type RecordReference } from './records/references.js';
