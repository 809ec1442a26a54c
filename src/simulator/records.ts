// The organization's records, per resource type, in memory: what imports created or updated, and
// the seed records a new organization starts with. Each type keeps its records by id and, when
// Commerce Layer documents unique keys for it, by the values of those keys, so that an input finds
// the record it updates in one look-up. Records are plain objects (one per record, the attributes
// as imported plus `id`): 1,000,000 of them stay well under 400 MiB (bench/check/simulator-records.js).
import { newId } from './ids.js';

/** One record: its attributes as imported, and its id. */
export type StoredRecord = Record<string, unknown> & { id: string };

/** The documented unique key's value of a record of a type, undefined when there is none. */
export type KeyOf = (resourceType: string, record: Record<string, unknown>) => string | undefined;

class TypeRecords {
  readonly byId = new Map<string, StoredRecord>();
  /** By the documented unique key's value; empty when the type documents none. */
  readonly byKey = new Map<string, StoredRecord>();
}

export class RecordStore {
  private readonly types = new Map<string, TypeRecords>();

  constructor(private readonly keyOf: KeyOf) {}

  private of(resourceType: string): TypeRecords {
    let records = this.types.get(resourceType);
    if (!records) this.types.set(resourceType, (records = new TypeRecords()));
    return records;
  }

  get(resourceType: string, id: string): StoredRecord | undefined {
    return this.types.get(resourceType)?.byId.get(id);
  }

  /** The record whose documented key has these values (`values` holds at least the key's attributes). */
  findByKey(resourceType: string, values: Record<string, unknown>): StoredRecord | undefined {
    const records = this.types.get(resourceType);
    const key = records && this.keyOf(resourceType, values);
    return key === undefined ? undefined : records!.byKey.get(key);
  }

  /** The record of another id that already has `values`' key, if any: the key is unique per type. */
  keyTakenBy(resourceType: string, values: Record<string, unknown>, id: string | undefined): StoredRecord | undefined {
    const found = this.findByKey(resourceType, values);
    return found && found.id !== id ? found : undefined;
  }

  /** A new record with `attributes` and a new id (or the id given, for seed records). */
  create(resourceType: string, attributes: Record<string, unknown>, id?: string): StoredRecord {
    const records = this.of(resourceType);
    let recordId = id ?? newId();
    while (id === undefined && records.byId.has(recordId)) recordId = newId();
    const record = { ...attributes, id: recordId } as StoredRecord;
    records.byId.set(recordId, record);
    const key = this.keyOf(resourceType, record);
    if (key !== undefined) records.byKey.set(key, record);
    return record;
  }

  /** Sets `changes` on a record in place; its key index follows a changed key. */
  update(resourceType: string, record: StoredRecord, changes: Record<string, unknown>): void {
    const records = this.of(resourceType);
    const before = this.keyOf(resourceType, record);
    Object.assign(record, changes, { id: record.id });
    const after = this.keyOf(resourceType, record);
    if (before === after) return;
    if (before !== undefined && records.byKey.get(before) === record) records.byKey.delete(before);
    if (after !== undefined) records.byKey.set(after, record);
  }

  /** The type's records, oldest first, as copies: what a caller does with them changes nothing here. */
  list(resourceType: string): StoredRecord[] {
    return [...(this.types.get(resourceType)?.byId.values() ?? [])].map((record) => ({ ...record }));
  }

  count(resourceType: string): number {
    return this.types.get(resourceType)?.byId.size ?? 0;
  }
}
