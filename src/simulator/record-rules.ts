// The records table, as the simulator reads it: the library's one table, through its public entry,
// never a list of the simulator's own. validateRecord says what an input must hold and how each
// value is typed; recordReferences which records it names; recordKey its documented unique key.
// Seed records may be of types no import takes (markets, shipping rules...): they have no rules,
// no key, and are found by id only.
import { RECORD_RULES, recordKey, type RecordReference, recordReferences, type ImportResourceType, validateRecord } from '../index.js';

const rulesOf = (resourceType: string) => (Object.hasOwn(RECORD_RULES, resourceType) ? RECORD_RULES[resourceType as ImportResourceType] : undefined);

export const simulatorRules = {
  /**
   * The messages by attribute of what is wrong with a record as it would be stored (the existing
   * record's attributes with the input's over them, or the new one); undefined when nothing is. The
   * simulator knows whether the record exists, so the record must be whole: `exists: false` checks
   * every required attribute, which a client cannot (it leaves them to notes for a keyed record).
   */
  validate(resourceType: string, record: Record<string, unknown>, format: 'json' | 'csv'): Record<string, string[]> | undefined {
    return rulesOf(resourceType) ? validateRecord(resourceType as ImportResourceType, record, { format, exists: false }) : undefined;
  },

  /** The documented unique key's values, joined; undefined when the type has none or the record lacks a part. */
  keyOf(resourceType: string, record: Record<string, unknown>): string | undefined {
    const values = rulesOf(resourceType) ? recordKey(resourceType as ImportResourceType, record) : undefined;
    // A one-part key is its value, no copy; a NUL cannot appear in a code, an email or an id: an unambiguous joint.
    return values === undefined ? undefined : values.length === 1 ? values[0] : values.join('\u0000');
  },

  /** The `<relationship>_id` a parent_resource_id stands for, if the type has a parent. */
  parentAttribute(resourceType: string): string | undefined {
    const rules = rulesOf(resourceType);
    return rules?.parent === undefined ? undefined : rules.relationships[rules.parent]?.attribute;
  },

  /** The records an input names by id or code. */
  references(resourceType: string, record: Record<string, unknown>): RecordReference[] {
    return rulesOf(resourceType) ? recordReferences(resourceType as ImportResourceType, record) : [];
  },

  /** The attribute that names a relationship's record by code (a price's sku_code), if any. */
  codeAttribute(resourceType: string, relationship: string): string | undefined {
    return rulesOf(resourceType)?.relationships[relationship]?.codeAttribute;
  },

  /** The first attribute of the documented key, if the type has one. */
  firstKeyAttribute(resourceType: string): string | undefined {
    return rulesOf(resourceType)?.uniqueKey?.[0];
  },
};
