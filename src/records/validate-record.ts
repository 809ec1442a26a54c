// The verdict on one import input against its type's rules, before anything is sent.
import { InputError } from '../errors.js';
import type { ImportResourceType } from '../types.js';
import type { Condition } from './refinements.js';
import { recordRules, type AttributeRule, type RecordRules } from './rules.js';
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

/** A type's rules as validateRecord walks them, made once per type: a check runs a million times in a load. */
interface Plan {
  rules: RecordRules;
  /** The typed attributes, looked up by the record's own keys. */
  typed: Map<string, AttributeRule>;
  /** The attributes that name a to-one relationship by id. */
  ids: Set<string>;
  /** What must be present: any of `names` (an id or a code), reported under `report`. */
  presence: { report: string; names: string[]; rule: { required: boolean; condition?: Condition } }[];
}

const plans = new Map<ImportResourceType, Plan>();

function planOf(resourceType: ImportResourceType): Plan {
  let plan = plans.get(resourceType);
  if (plan) return plan;
  const rules = recordRules(resourceType);
  const toOne = Object.values(rules.relationships).filter((rule) => !rule.many);
  plan = {
    rules,
    typed: new Map(Object.entries(rules.attributes)),
    ids: new Set(toOne.map((rule) => rule.attribute)),
    presence: [
      ...Object.entries(rules.attributes).filter(([, rule]) => rule.required || rule.condition).map(([name, rule]) => ({ report: name, names: [name], rule })),
      ...toOne.filter((rule) => rule.required || rule.condition).map((rule) => ({
        report: rule.codeAttribute ?? rule.attribute,
        names: rule.codeAttribute === undefined ? [rule.attribute] : [rule.attribute, rule.codeAttribute],
        rule,
      })),
    ],
  };
  plans.set(resourceType, plan);
  return plan;
}

/**
 * The errors the API would give this input, by attribute; undefined when it has none. Checks what
 * the input itself says: each value's type, then the required attributes and relationships. Names
 * the rules do not know are left to the API (CSV columns such as `metadata.color` among them).
 * References to other records need the organization: the simulator checks them.
 */
export function validateRecord(resourceType: ImportResourceType, record: Record<string, unknown>, options: ValidateRecordOptions = {}): RecordErrors | undefined {
  const plan = planOf(resourceType);
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new InputError('A record must be an object');
  const { parentResourceId, format = 'json' } = options;
  if (format !== 'json' && format !== 'csv') throw new InputError(`format must be "json" or "csv", not ${String(format)}`);
  let errors: RecordErrors | undefined;
  const add = (attribute: string, message: string) => void ((errors ??= {})[attribute] ??= []).push(message);

  for (const name of Object.keys(record)) {
    const value = record[name];
    const rule = plan.typed.get(name);
    if (rule !== undefined) {
      if (blank(value)) continue;
      const problem = valueProblem(rule, value, format);
      if (problem) add(name, problem);
    } else if (plan.ids.has(name) && typeof value === 'object' && value !== null) add(name, 'is invalid');
  }
  for (const { report, names, rule } of plan.presence) {
    if (names.some((name) => present(plan.rules, record, name, parentResourceId))) continue;
    if (required(plan.rules, rule, record, parentResourceId)) add(report, "can't be blank");
  }
  return errors;
}

/** One line for people: `code can't be blank; weight is not a number`. */
export function formatRecordErrors(errors: RecordErrors): string {
  return Object.entries(errors)
    .map(([attribute, messages]) => `${attribute} ${messages.join(', ')}`)
    .join('; ');
}
