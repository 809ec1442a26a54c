// The verdict on one import input against its type's rules, before anything is sent.
import { InputError } from '../errors.js';
import type { ImportResourceType } from '../types.js';
import type { Condition } from './refinements.js';
import { recordRules, type RecordRules } from './rules.js';
import { blank, isTrue, valueProblem, type ValueFormat } from './values.js';

export interface ValidateRecordOptions {
  /** The import's parent_resource_id: it stands for the type's parent relationship (a price's price list, ...). */
  parentResourceId?: string | null;
  /** 'csv' when every value is a CSV field's text (objects and arrays then arrive flattened). Default 'json'. */
  format?: ValueFormat;
}

/** Messages per attribute, as the API's errors_log has them: `{ code: ["can't be blank"] }`. */
export type RecordErrors = Record<string, string[]>;

/** Whether `attribute` is present in the record, counting the parent for the attribute it stands for. */
function present(rules: RecordRules, record: Record<string, unknown>, attribute: string, parentResourceId: string | null | undefined): boolean {
  if (!blank(record[attribute])) return true;
  return rules.parent !== undefined && attribute === `${rules.parent}_id` && !blank(parentResourceId);
}

function required(rules: RecordRules, rule: { required: boolean; condition?: Condition }, record: Record<string, unknown>, parent: string | null | undefined): boolean {
  const condition = rule.condition;
  if (!condition) return rule.required;
  if (condition.unlessTrue !== undefined && isTrue(record[condition.unlessTrue])) return false;
  if (condition.unlessAny?.some((attribute) => present(rules, record, attribute, parent))) return false;
  return true;
}

/**
 * The errors the API would give this input, by attribute; undefined when it has none. Checks what
 * the input itself says: required attributes and relationships, and each value's type. References
 * to other records need the organization: the simulator checks them.
 */
export function validateRecord(resourceType: ImportResourceType, record: Record<string, unknown>, options: ValidateRecordOptions = {}): RecordErrors | undefined {
  const rules = recordRules(resourceType);
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new InputError('A record must be an object');
  const { parentResourceId, format = 'json' } = options;
  if (format !== 'json' && format !== 'csv') throw new InputError(`format must be "json" or "csv", not ${String(format)}`);
  let errors: RecordErrors | undefined;
  const add = (attribute: string, message: string) => void ((errors ??= {})[attribute] ??= []).push(message);

  for (const [name, rule] of Object.entries(rules.attributes)) {
    const value = record[name];
    if (blank(value)) {
      if (required(rules, rule, record, parentResourceId)) add(name, "can't be blank");
      continue;
    }
    const problem = valueProblem(rule, value, format);
    if (problem) add(name, problem);
  }
  for (const rule of Object.values(rules.relationships)) {
    if (rule.many) continue;
    const byId = present(rules, record, rule.attribute, parentResourceId);
    const byCode = rule.codeAttribute !== undefined && !blank(record[rule.codeAttribute]);
    if (!byId && !byCode && required(rules, rule, record, parentResourceId)) add(rule.codeAttribute ?? rule.attribute, "can't be blank");
    if (!blank(record[rule.attribute]) && typeof record[rule.attribute] === 'object') add(rule.attribute, 'is invalid');
  }
  return errors;
}

/** One line for people: `code can't be blank; weight is not a number`. */
export function formatRecordErrors(errors: RecordErrors): string {
  return Object.entries(errors)
    .map(([attribute, messages]) => `${attribute} ${messages.join(', ')}`)
    .join('; ');
}
