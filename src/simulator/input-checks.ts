// What one input does to the organization's records, as an import goes through it. Commerce Layer
// creates the record an input describes when it does not exist and updates it otherwise
// (importing-resources, "Unique keys", commercelayer-docs-api): the input finds its record by `id`,
// or by the type's documented unique key, where a parent_resource_id stands for the parent's id
// (an input's own `<parent>_id` wins). The record that results is checked, whole, against the
// records table (the library's: required attributes and types from the SDK's `*Create` types,
// integer bounds and conditional requirements from the dashboard importer's checks), and each
// record it names by id or code must exist in the organization. Two markers of this simulator's own
// let tests script outcomes: `invalid: true` fails an input, `warn: true` imports it with a warning.
import { errorsLogKeyAttribute, isBlank as blank } from '../index.js';
import { simulatorRules as rules } from './record-rules.js';
import type { RecordStore } from './records.js';
import type { StoredImport } from './store.js';

type Input = Record<string, unknown>;

export type InputVerdict =
  | { kind: 'imported'; key: string; warnings?: string[] }
  | { kind: 'failed'; key: string; errors: Record<string, string[]> };

/** The simulator's scripting markers, and the id that finds a record: never attributes of one. */
const MARKERS = new Set(['invalid', 'warn', 'id']);

/**
 * Rails' message for a `belongs_to` relationship with no record behind it: "shipping_category - must
 * exist" is what the API returns for a SKU without its shipping category (commercelayer-js-sdk,
 * README, "Handling validation errors"). It is reported under the relationship's name.
 */
const MISSING_RECORD = 'must exist';
/** Rails' uniqueness message, as in the errors_log example of Commerce Layer's imports document. */
const TAKEN = 'has already been taken';

/** The attributes an input sets: without the markers and its id, with the parent's id where it names none. */
function changesOf(resourceType: string, parentId: string | null, input: Input): Input {
  const changes: Input = {};
  for (const name in input) if (!MARKERS.has(name)) changes[name] = input[name];
  const parent = rules.parentAttribute(resourceType);
  if (parent !== undefined && parentId !== null && blank(changes[parent])) changes[parent] = parentId;
  return changes;
}

/** The id of the record a reference names, in any of the resource types it may be of, and that type. */
function referenced(records: RecordStore, resourceTypes: readonly string[], by: 'id' | 'code', value: string): [string, string] | undefined {
  for (const type of resourceTypes) {
    const id = by === 'id' ? records.idOf(type, value) : records.idByKey(type, { code: value });
    if (id !== undefined) return [id, type];
  }
  return undefined;
}

/**
 * The verdict on input `index` of an import, applied: an imported input creates or updates its
 * record at once, so that a later input (of this import or another) finds it.
 */
export function applyInput(records: RecordStore, imp: Pick<StoredImport, 'resourceType' | 'parentResourceId' | 'format'>, input: Input, index: number): InputVerdict {
  const { resourceType } = imp;
  const changes = changesOf(resourceType, imp.parentResourceId, input);
  const errors: Record<string, string[]> = {};
  const add = (attribute: string, message: string) => void (errors[attribute] ??= []).push(message);
  if (input.invalid === true) add('base', 'is invalid');

  // Each record named must exist. A SKU named by id also gives the record its code, which the
  // documented keys use (a price's sku_code + price_list_id).
  for (const reference of rules.references(resourceType, changes)) {
    const found = referenced(records, reference.resourceTypes, reference.by, reference.value);
    if (!found) {
      if (!errors[reference.relationship]?.includes(MISSING_RECORD)) add(reference.relationship, MISSING_RECORD);
      continue;
    }
    // The record keeps the organization's own id string: a million SKUs of one shipping category share one.
    if (reference.by === 'id' && changes[reference.attribute] === reference.value) changes[reference.attribute] = found[0];
    const codeAttribute = reference.by === 'id' ? rules.codeAttribute(resourceType, reference.relationship) : undefined;
    if (codeAttribute !== undefined && blank(changes[codeAttribute])) {
      const code = records.valueOf(found[1], found[0], 'code');
      if (typeof code === 'string') changes[codeAttribute] = code;
    }
  }

  const existing = blank(input.id) ? records.findByKey(resourceType, changes) : records.get(resourceType, String(input.id));
  // What the record would be: the existing one's attributes with the input's over them.
  const result = existing ? { ...existing, ...changes } : changes;
  for (const [attribute, messages] of Object.entries(rules.validate(resourceType, result, imp.format) ?? {})) {
    for (const message of messages) add(attribute, message);
  }
  // A record matched by id may take a key another record has: the key is unique.
  const takenBy = records.idByKey(resourceType, result);
  if (takenBy !== undefined && takenBy !== existing?.id) add(rules.firstKeyAttribute(resourceType)!, TAKEN);

  const key = logKeyOf(resourceType, result, index);
  if (Object.keys(errors).length > 0) return { kind: 'failed', key, errors };
  if (existing) records.update(resourceType, existing.id, changes);
  else records.create(resourceType, changes);
  return input.warn === true ? { kind: 'imported', key, warnings: ['was imported with a warning'] } : { kind: 'imported', key };
}

/** The errors_log key: the record's code (its email, its number), or the input's 0-based index. */
function logKeyOf(resourceType: string, record: Input, index: number): string {
  const value = record[errorsLogKeyAttribute(resourceType)];
  return blank(value) ? String(index) : String(value);
}
