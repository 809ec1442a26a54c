import { assertCreateAttributes, MAX_INPUTS } from '../checks/create-checks.js';
import { assertCallOptions } from '../checks/input-checks.js';
import { wholeNumber } from '../checks/list-query.js';
import { assertKnownOptions } from '../checks/option-names.js';
import { InputError } from '../errors.js';
import type { ImportResourceType } from '../types.js';
import { checkedGroup } from './group.js';
import type { ImportAllOptions, ImportRecords } from './import-all-types.js';

/** The API runs at most this many imports per organization at a time. */
export const MAX_CONCURRENCY = 10;
const OPTION_NAMES = [
  'chunkSize', 'concurrency', 'group', 'format', 'columns', 'total', 'attributes', 'intervalMs', 'timeoutMs',
  'interruptOnAbort', 'retryInterrupted', 'maxErrors', 'onResume', 'onProgress', 'signal', 'environment', 'validate',
] as const;
const ATTRIBUTE_NAMES = ['parent_resource_id', 'skip_errors', 'metadata'];
/** Keys of the metadata each chunk carries: the caller's metadata may not set them. */
const GROUP_METADATA = ['group_id', 'chunk_number', 'chunk_items'];

export type ImportAllSettings = Required<Pick<ImportAllOptions, 'chunkSize' | 'concurrency' | 'format' | 'intervalMs' | 'timeoutMs' | 'interruptOnAbort' | 'retryInterrupted'>> &
  Pick<ImportAllOptions, 'columns' | 'total' | 'attributes' | 'onResume' | 'onProgress' | 'signal' | 'maxErrors' | 'validate'> & { group: string };

/** Checks every option of importAll before the first request, so that a bad one never leaves imports half made. */
export function importAllSettings(resourceType: ImportResourceType, records: ImportRecords, options: ImportAllOptions): ImportAllSettings {
  assertCallOptions(options, 'importAll', OPTION_NAMES);
  const { chunkSize = MAX_INPUTS, concurrency = 3, format = 'json', intervalMs = 1000, timeoutMs = 30 * 60_000, interruptOnAbort = false, retryInterrupted = false } = options;
  const { columns, attributes = {}, onResume, onProgress } = options;
  wholeNumber('chunkSize', chunkSize, 1, MAX_INPUTS);
  wholeNumber('concurrency', concurrency, 1, MAX_CONCURRENCY);
  for (const [name, value] of [['intervalMs', intervalMs], ['timeoutMs', timeoutMs]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InputError(`${name} must be a positive number`);
  }
  if (format !== 'json' && format !== 'csv') throw new InputError(`format must be "json" or "csv", not ${String(format)}`);
  if (columns !== undefined) {
    if (format !== 'csv') throw new InputError('columns is for format csv only');
    if (!Array.isArray(columns) || columns.length === 0 || columns.some((name) => typeof name !== 'string' || name === '')) {
      throw new InputError('columns must be a non-empty array of attribute names');
    }
    if (new Set(columns).size !== columns.length) throw new InputError('columns names an attribute twice');
  }
  const total = Array.isArray(records) ? records.length : options.total;
  if (total !== undefined) wholeNumber('total', total, 0, Infinity);
  if (Array.isArray(records) && options.total !== undefined && options.total !== records.length) {
    throw new InputError(`total is ${options.total}, but the records array holds ${records.length}`);
  }
  for (const [name, value] of [['interruptOnAbort', interruptOnAbort], ['retryInterrupted', retryInterrupted]] as const) {
    if (typeof value !== 'boolean') throw new InputError(`${name} must be a boolean`);
  }
  if (options.maxErrors !== undefined) wholeNumber('maxErrors', options.maxErrors, 0, Infinity);
  const validate = options.validate;
  if (validate !== undefined && typeof validate !== 'boolean' && typeof validate !== 'function') throw new InputError('validate must be a boolean or a function');
  for (const [name, value] of [['onResume', onResume], ['onProgress', onProgress]] as const) {
    if (value !== undefined && typeof value !== 'function') throw new InputError(`${name} must be a function`);
  }
  if (attributes === null || typeof attributes !== 'object') throw new InputError('attributes must be an object');
  assertKnownOptions(attributes, ATTRIBUTE_NAMES, 'importAll\'s attributes');
  const metadata = (attributes as { metadata?: unknown }).metadata;
  const taken = metadata && typeof metadata === 'object' ? GROUP_METADATA.find((key) => key in metadata) : undefined;
  if (taken) throw new InputError(`attributes.metadata cannot set ${taken}: importAll writes it for each chunk`);
  // The resource type and the shared attributes, checked once as a one-record import would be.
  assertCreateAttributes({ ...attributes, resource_type: resourceType, format: 'json', inputs: [{ check: true }] });
  const group = checkedGroup(options.group);
  return { ...options, chunkSize, concurrency, format, intervalMs, timeoutMs, interruptOnAbort, retryInterrupted, attributes, total, group };
}
