// One table of what an import input of each type must hold: the generated SDK table
// (src/generated/records.ts) with the dashboard's refinements, the documented unique keys and the
// parents folded in. The simulator's verdicts and the library's checks both read it.
import { BASE_ATTRIBUTES, GENERATED_RECORD_RULES } from '../generated/records.js';
import { InputError } from '../errors.js';
import type { ImportResourceType } from '../types.js';
import { PARENT_RELATIONSHIPS, UNIQUE_KEYS } from './keys.js';
import { CONDITIONS, NUMBER_REFINEMENTS, type Condition } from './refinements.js';

export type AttributeType = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'object' | 'array';

export interface AttributeRule {
  readonly type: AttributeType;
  /** Required by the SDK's `*Create` type, unless `condition` says when it is not. */
  readonly required: boolean;
  /** An enumeration's values. */
  readonly values?: readonly string[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly condition?: Condition;
}

export interface RelationshipRule {
  /** The relationship's name, such as `shipping_category`. */
  readonly name: string;
  /** The input attribute that names the related record by id: `<name>_id`. */
  readonly attribute: string;
  /**
   * The input attribute that names it by code instead, where the API takes one (`sku_code` for
   * prices and stock items): either attribute satisfies the relationship. Found where the SDK's
   * create type has both a relationship and a `<name>_code` attribute; PriceCreate.sku_code's
   * comment: "either a valid sku_code or a SKU relationship must be present".
   */
  readonly codeAttribute?: string;
  readonly required: boolean;
  /** A to-many relationship (such as tags): listed, not checked, as no source says how an input names it. */
  readonly many: boolean;
  /** The resource types it may point to (more than one for a polymorphic relationship). */
  readonly targets: readonly string[];
  /** The import's parent_resource_id stands for this relationship. */
  readonly parent: boolean;
  readonly condition?: Condition;
}

export interface RecordRules {
  readonly resourceType: ImportResourceType;
  /** The SDK interfaces the table was generated from. */
  readonly source: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeRule>>;
  readonly relationships: Readonly<Record<string, RelationshipRule>>;
  /** The documented unique key, undefined for a type that matches by `id` only. */
  readonly uniqueKey: readonly string[] | undefined;
  /** The relationship a parent_resource_id stands for, if the type takes a parent. */
  readonly parent: string | undefined;
}

function build(resourceType: ImportResourceType): RecordRules {
  const generated = GENERATED_RECORD_RULES[resourceType];
  const refinements = NUMBER_REFINEMENTS[resourceType] ?? {};
  const conditions = CONDITIONS[resourceType] ?? {};
  const parent = PARENT_RELATIONSHIPS[resourceType];
  const attributes: Record<string, AttributeRule> = {};
  const generatedAttributes = { ...BASE_ATTRIBUTES, ...generated.attributes } as Record<string, { type: AttributeType; required?: boolean; values?: readonly string[] }>;
  for (const [name, rule] of Object.entries(generatedAttributes).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const refinement = refinements[name];
    attributes[name] = {
      ...rule,
      required: rule.required === true,
      ...(refinement && { type: refinement.integer ? 'integer' : 'number' }),
      ...(refinement?.minimum !== undefined && { minimum: refinement.minimum }),
      ...(refinement?.exclusiveMinimum !== undefined && { exclusiveMinimum: refinement.exclusiveMinimum }),
      ...(conditions[name] ? { condition: conditions[name] } : {}),
    };
  }
  const relationships: Record<string, RelationshipRule> = {};
  for (const [name, rule] of Object.entries(generated.relationships) as [string, { required?: boolean; many?: boolean; targets: readonly string[] }][]) {
    const attribute = `${name}_id`;
    const code = `${name}_code`;
    relationships[name] = {
      name,
      attribute,
      ...(code in attributes ? { codeAttribute: code } : {}),
      required: rule.required === true,
      many: rule.many === true,
      targets: rule.targets,
      parent: parent === name,
      ...(conditions[attribute] ? { condition: conditions[attribute] } : {}),
    };
  }
  return { resourceType, source: generated.source, attributes, relationships, uniqueKey: UNIQUE_KEYS[resourceType], parent };
}

/** Every importable type's rules. */
export const RECORD_RULES = Object.fromEntries(
  (Object.keys(GENERATED_RECORD_RULES) as ImportResourceType[]).map((type) => [type, build(type)]),
) as Readonly<Record<ImportResourceType, RecordRules>>;

/** The rules of one type; an InputError for a type the document does not list as importable. */
export function recordRules(resourceType: ImportResourceType): RecordRules {
  const rules = Object.hasOwn(RECORD_RULES, resourceType) ? RECORD_RULES[resourceType] : undefined;
  if (!rules) throw new InputError(`${JSON.stringify(resourceType)} is not a resource type the imports API takes`);
  return rules;
}
