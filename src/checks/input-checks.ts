import { InputError } from '../errors.js';
import { assertKnownOptions } from './option-names.js';

/** Checks an import id before it goes into a URL: `.` and `..` would resolve to another path even when encoded. */
export function assertImportId(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new InputError(`The import id must be a string, not ${kindOf(id)}`);
  if (id.length === 0) throw new InputError('The import id is empty');
  if (id === '.' || id === '..') throw new InputError(`The import id cannot be "${id}": it would name another URL`);
  if (!id.isWellFormed()) throw new InputError('The import id has a lone surrogate and cannot be encoded in a URL');
}

const UPDATE_ATTRIBUTES = new Set(['reference', 'reference_origin', 'metadata', '_interrupt']);

/** Checks update attributes at run time too, for callers without types. */
export function assertUpdateAttributes(attributes: unknown): void {
  if (!isPlainObject(attributes)) throw new InputError(`attributes must be a plain object, not ${kindOf(attributes)}`);
  const names = Object.keys(attributes);
  // JSON.stringify drops undefined values: { reference: undefined } would go out as empty attributes.
  if (names.every((name) => attributes[name] === undefined)) {
    throw new InputError('attributes is empty: give at least one of reference, reference_origin, metadata, _interrupt');
  }
  for (const name of names) {
    if (!UPDATE_ATTRIBUTES.has(name)) {
      throw new InputError(`Unknown attribute ${JSON.stringify(name)}: an import accepts reference, reference_origin, metadata and _interrupt`);
    }
  }
  const { reference, reference_origin, metadata, _interrupt } = attributes as Record<string, unknown>;
  for (const [name, value] of [['reference', reference], ['reference_origin', reference_origin]] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new InputError(`${name} must be a string or null, not ${kindOf(value)}`);
    }
  }
  // null clears it, as Commerce Layer's importUpdate allows (metadata: object, nullable).
  if (metadata !== undefined && metadata !== null) {
    if (!isPlainObject(metadata)) throw new InputError(`metadata must be a plain object or null, not ${kindOf(metadata)}`);
    assertJsonValue(metadata, 'metadata', new Set());
  }
  if (_interrupt !== undefined && typeof _interrupt !== 'boolean') throw new InputError(`_interrupt must be a boolean, not ${kindOf(_interrupt)}`);
}

/** Checks a sparse fieldset: attribute names, sent comma-separated, so none may hold a comma. */
export function assertFields(fields: unknown): asserts fields is string[] | undefined {
  if (fields === undefined) return;
  if (!Array.isArray(fields) || fields.length === 0) throw new InputError('fields must be a non-empty array of attribute names');
  for (const field of fields) {
    if (typeof field !== 'string' || !/^[a-z_]+$/.test(field)) {
      throw new InputError(`fields holds ${JSON.stringify(field)}, which is not an attribute name`);
    }
  }
}

/** Checks the options object every call takes, with its `signal` and `fields` where given, and no option it does not know. */
export function assertCallOptions(
  options: unknown,
  where: string,
  known: readonly string[] = ['signal', 'fields'],
): asserts options is { signal?: AbortSignal; fields?: readonly string[] } {
  if (options === null || typeof options !== 'object') throw new InputError(`options must be an object, not ${kindOf(options)}`);
  assertKnownOptions(options, known, where);
  const { signal, fields } = options as Record<string, unknown>;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new InputError('signal must be an AbortSignal');
  assertFields(fields);
}

/** JSON.stringify would drop or change anything else without a word: refuse it instead. */
export function assertJsonValue(value: unknown, path: string, parents = new Set<object>()): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(`${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (typeof value !== 'object' || !(Array.isArray(value) || isPlainObject(value))) {
    throw new InputError(`${path} is ${kindOf(value)}, which JSON cannot carry as it is`);
  }
  if (parents.has(value)) throw new InputError(`${path} refers back to itself`);
  parents.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // forEach skips holes, but JSON.stringify sends them as null.
      if (!(i in value)) throw new InputError(`${path}[${i}] is a hole in a sparse array, which JSON would send as null`);
      assertJsonValue(value[i], `${path}[${i}]`, parents);
    }
  } else for (const key of Object.keys(value)) assertJsonValue(value[key], `${path}.${key}`, parents);
  parents.delete(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `a ${typeof value}`;
}
