// The organization's records, per resource type, in memory: what imports created or updated, and
// the seed records a new organization starts with. A million records must fit in a few hundred MiB
// (bench/check/simulator-records.js), so a type keeps them by column, one array per attribute,
// a record being a position: no object, no id string and no id index per record. An id the
// simulator gives is the type's prefix and the position (10 letters, like Commerce Layer's); an id
// given (seed records, the records option) is kept in a map beside. The documented unique key's
// values map to positions, so that an input finds the record it updates in one look-up.
import { newId } from './ids.js';

/** One record as callers see it: its attributes, and its id. */
export type StoredRecord = Record<string, unknown> & { id: string };

/** The documented unique key's value of a record of a type, undefined when there is none. */
export type KeyOf = (resourceType: string, record: Record<string, unknown>) => string | undefined;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Positions are written in 5 letters after a 5-letter prefix: 52^5, some 380 million records a type. */
const DIGITS = 5;

class TypeRecords {
  size = 0;
  /** A random prefix per type, so that the ids of two types differ. */
  readonly prefix = newId().slice(0, 10 - DIGITS);
  readonly columns = new Map<string, unknown[]>();
  /** By the documented unique key's value; empty when the type documents none. */
  readonly byKey = new Map<string, number>();
  /** Ids given rather than made, both ways. */
  readonly givenIds = new Map<string, number>();
  readonly givenIdAt = new Map<number, string>();

  idAt(position: number): string {
    const given = this.givenIdAt.get(position);
    if (given !== undefined) return given;
    let digits = '';
    for (let rest = position, i = 0; i < DIGITS; i++, rest = Math.floor(rest / ALPHABET.length)) digits = ALPHABET[rest % ALPHABET.length] + digits;
    return this.prefix + digits;
  }

  positionOf(id: string): number | undefined {
    const given = this.givenIds.get(id);
    if (given !== undefined) return given;
    if (id.length !== this.prefix.length + DIGITS || !id.startsWith(this.prefix)) return undefined;
    let position = 0;
    for (const letter of id.slice(this.prefix.length)) {
      const digit = ALPHABET.indexOf(letter);
      if (digit < 0) return undefined;
      position = position * ALPHABET.length + digit;
    }
    return position < this.size && !this.givenIdAt.has(position) ? position : undefined;
  }

  /** The record at a position, as a new object: its id first, then its attributes. */
  at(position: number): StoredRecord {
    const record = { id: this.idAt(position) } as StoredRecord;
    for (const [name, column] of this.columns) if (column[position] !== undefined) record[name] = column[position];
    return record;
  }

  write(position: number, attributes: Record<string, unknown>): void {
    for (const name in attributes) {
      if (name === 'id') continue;
      let column = this.columns.get(name);
      if (!column) this.columns.set(name, (column = []));
      column[position] = attributes[name];
    }
  }
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
    const records = this.types.get(resourceType);
    const position = records?.positionOf(id);
    return position === undefined ? undefined : records!.at(position);
  }

  /**
   * The id, when the type has a record of it: the very string kept for an id given (a seed record's),
   * so that the records naming it share one string rather than a copy each.
   */
  idOf(resourceType: string, id: string): string | undefined {
    const records = this.types.get(resourceType);
    const position = records?.positionOf(id);
    return position === undefined ? undefined : (records!.givenIdAt.get(position) ?? id);
  }

  /** One attribute of the record of this id, without building the whole record. */
  valueOf(resourceType: string, id: string, attribute: string): unknown {
    const records = this.types.get(resourceType);
    const position = records?.positionOf(id);
    return position === undefined ? undefined : records!.columns.get(attribute)?.[position];
  }

  /** The id of the record whose documented key has these values, without building the record. */
  idByKey(resourceType: string, values: Record<string, unknown>): string | undefined {
    const records = this.types.get(resourceType);
    const key = records && this.keyOf(resourceType, values);
    const position = key === undefined ? undefined : records!.byKey.get(key);
    return position === undefined ? undefined : records!.idAt(position);
  }

  /** The record whose documented key has these values (`values` holds at least the key's attributes). */
  findByKey(resourceType: string, values: Record<string, unknown>): StoredRecord | undefined {
    const records = this.types.get(resourceType);
    const key = records && this.keyOf(resourceType, values);
    const position = key === undefined ? undefined : records!.byKey.get(key);
    return position === undefined ? undefined : records!.at(position);
  }

  /** A new record with `attributes` and a new id, or the id given (seed records). */
  create(resourceType: string, attributes: Record<string, unknown>, id?: string): StoredRecord {
    const records = this.of(resourceType);
    const position = records.size++;
    if (id !== undefined) {
      records.givenIds.set(id, position);
      records.givenIdAt.set(position, id);
    }
    records.write(position, attributes);
    const key = this.keyOf(resourceType, attributes);
    if (key !== undefined) records.byKey.set(key, position);
    return records.at(position);
  }

  /** Sets `changes` on the record of this id; the key index follows a changed key. */
  update(resourceType: string, id: string, changes: Record<string, unknown>): void {
    const records = this.of(resourceType);
    const position = records.positionOf(id);
    if (position === undefined) throw new Error(`No ${resourceType} record ${id} to update`);
    const before = this.keyOf(resourceType, records.at(position));
    records.write(position, changes);
    const after = this.keyOf(resourceType, records.at(position));
    if (before === after) return;
    if (before !== undefined && records.byKey.get(before) === position) records.byKey.delete(before);
    if (after !== undefined) records.byKey.set(after, position);
  }

  /** The type's records, oldest first, each a new object: what a caller does with them changes nothing here. */
  list(resourceType: string): StoredRecord[] {
    const records = this.types.get(resourceType);
    return records ? Array.from({ length: records.size }, (_, position) => records.at(position)) : [];
  }
}
