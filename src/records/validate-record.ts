// The verdict on one import input against its type's rules, before anything is sent.
import { InputError } from '../errors.js';
import type { ImportResourceType } from '../types.js';
import { recordKey } from './references.js';
import type { Condition } from './refinements.js';
import { recordRules, type AttributeRule, type RecordRules } from './rules.js';
import { blank, isTrue, valueProblem, type ValueFormat } from './values.js';

export interface ValidateRecordOptions {
  /** The import's parent_resource_id: it stands for the type's parent relationship (a price's price list, ...). */
  parentResourceId?: string | null;
  /** 'csv' when every value is a CSV field's text (objects and arrays then arrive flattened). Default 'json'. */
  format?: ValueFormat;
  /**
   * Whether the record exists in the organization, which decides the presence checks (Commerce
   * Layer creates an input's record when it does not exist and updates it otherwise: docs,
   * "Importing resources", "Unique keys"). Values are checked in every case.
   * - undefined (the default, a client's case: it cannot know): a record with an `id` updates one,
   *   and presence is not checked; a record holding its type's complete documented unique key
   *   (`recordKey`) may update one, so a create's missing attributes are notes (`neededIfNew` of
   *   `checkRecord`), not errors; any other record is a create, checked as `false` is.
   * - `false`: the record must be complete, as a create is: every required attribute and
   *   relationship must be present. The simulator passes it with the record that would be stored
   *   (an existing record's attributes with the input's over them, or the new one).
   * - `true`: the input updates a record that exists: presence is not checked.
   */
  exists?: boolean;
}

/** Messages per attribute, as the API's errors_log has them: `{ code: ["can't be blank"] }`. */
export type RecordErrors = Record<string, string[]>;

/** What `checkRecord` finds in a record that has something to say. */
export interface RecordCheck {
  /** What fails the record whether it is created or updated; absent when nothing does. */
  errors?: RecordErrors;
  /**
   * The attributes a create requires that the record lacks, when it may update an existing record
   * (its documented unique key is complete): fine for an update, the API fails a create without them.
   */
  neededIfNew?: string[];
}

/** The note for an attribute of `RecordCheck.neededIfNew`, as people read it. */
export const NEEDED_IF_NEW = 'needed if the record is new';

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
 * The verdict on one input against its type's rules; undefined when there is nothing to say. Checks
 * what the input itself says: each value's type, then the required attributes and relationships,
 * as `options.exists` decides (a record that may update an existing one need not hold what a create
 * requires). Names the rules do not know are left to the API (CSV columns such as `metadata.color`
 * among them). References to other records need the organization: the simulator checks them.
 */
export function checkRecord(resourceType: ImportResourceType, record: Record<string, unknown>, options: ValidateRecordOptions = {}): RecordCheck | undefined {
  const plan = planOf(resourceType);
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new InputError('A record must be an object');
  const { parentResourceId, format = 'json', exists } = options;
  if (format !== 'json' && format !== 'csv') throw new InputError(`format must be "json" or "csv", not ${String(format)}`);
  if (exists !== undefined && typeof exists !== 'boolean') throw new InputError(`exists must be true, false or left out, not ${String(exists)}`);
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
  let neededIfNew: string[] | undefined;
  if (exists !== true && (exists === false || blank(record.id))) {
    // Decided on the first missing attribute only: most records lack none, and pay nothing for the key.
    let mayExist: boolean | undefined;
    for (const { report, names, rule } of plan.presence) {
      if (names.some((name) => present(plan.rules, record, name, parentResourceId))) continue;
      if (!required(plan.rules, rule, record, parentResourceId)) continue;
      mayExist ??= exists === undefined && recordKey(resourceType, record, { parentResourceId }) !== undefined;
      if (mayExist) (neededIfNew ??= []).push(report);
      else add(report, "can't be blank");
    }
  }
  if (errors === undefined && neededIfNew === undefined) return undefined;
  return { ...(errors && { errors }), ...(neededIfNew && { neededIfNew }) };
}

/**
 * The errors of `checkRecord` alone, by attribute, as the API's errors_log has them; undefined when
 * the record has none (it may still lack what a create needs: `checkRecord` says so).
 */
export function validateRecord(resourceType: ImportResourceType, record: Record<string, unknown>, options: ValidateRecordOptions = {}): RecordErrors | undefined {
  return checkRecord(resourceType, record, options)?.errors;
}

/** One line for people: `code can't be blank; weight is not a number`. */
export function formatRecordErrors(errors: RecordErrors): string {
  return Object.entries(errors)
    .map(([attribute, messages]) => `${attribute} ${messages.join(', ')}`)
    .join('; ');
}
