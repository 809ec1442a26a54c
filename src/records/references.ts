// What an input says about other records: the ones it points to, and the documented key it is
// matched by. The simulator checks the first against its organization and matches by the second.
import type { ImportResourceType } from '../types.js';
import { recordRules } from './rules.js';
import { blank } from './values.js';

export interface RecordReference {
  /** The input attribute that names the record: `shipping_category_id`, `sku_code`, ... */
  attribute: string;
  relationship: string;
  /** The resource types the record may be of. */
  resourceTypes: readonly string[];
  /** By `id`, or by `code` (`sku_code`). */
  by: 'id' | 'code';
  value: string;
  /** True when the value came from the import's parent_resource_id. */
  fromParent: boolean;
}

/** Every record this input points to by id or code, once per attribute. */
export function recordReferences(resourceType: ImportResourceType, record: Record<string, unknown>, options: { parentResourceId?: string | null } = {}): RecordReference[] {
  const rules = recordRules(resourceType);
  const found: RecordReference[] = [];
  for (const rule of Object.values(rules.relationships)) {
    if (rule.many) continue;
    const base = { relationship: rule.name, resourceTypes: rule.targets };
    const own = record[rule.attribute];
    if (!blank(own)) found.push({ ...base, attribute: rule.attribute, by: 'id', value: String(own), fromParent: false });
    else if (rule.parent && !blank(options.parentResourceId)) {
      found.push({ ...base, attribute: rule.attribute, by: 'id', value: String(options.parentResourceId), fromParent: true });
    }
    const code = rule.codeAttribute === undefined ? undefined : record[rule.codeAttribute];
    if (rule.codeAttribute !== undefined && !blank(code)) found.push({ ...base, attribute: rule.codeAttribute, by: 'code', value: String(code), fromParent: false });
  }
  return found;
}

/**
 * The values of the type's documented unique key in this input, in the key's order (the parent
 * standing in for its `<relationship>_id`); undefined when the type has no key or the input lacks a part.
 */
export function recordKey(resourceType: ImportResourceType, record: Record<string, unknown>, options: { parentResourceId?: string | null } = {}): string[] | undefined {
  const rules = recordRules(resourceType);
  if (!rules.uniqueKey) return undefined;
  const values: string[] = [];
  for (const attribute of rules.uniqueKey) {
    let value = record[attribute];
    if (blank(value) && rules.parent !== undefined && attribute === `${rules.parent}_id`) value = options.parentResourceId;
    if (blank(value)) return undefined;
    values.push(String(value));
  }
  return values;
}
