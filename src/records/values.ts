// How a value counts for an attribute of a given type, worded with Rails' validation messages, as
// the API returns them in errors_log ("can't be blank", "is not a number", ...). The types come from
// the SDK's `*Create` types; the integer bounds and conditional requirements from Commerce Layer's
// dashboard importer (refinements.ts cites it), which checks a row before it sends it: they are
// that importer's rules, not a verdict the API is documented to give. Every CSV value is text: a
// number may arrive as its text (the dashboard parses it with parseFloat, zodUtils.ts), a boolean
// as any text (see isTrue).
import type { AttributeRule } from './rules.js';

export type ValueFormat = 'json' | 'csv';

/** Absent for the API's presence check: no value, null, or text that is empty or only spaces (Rails' `blank?`). */
export function blank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') return false;
  // A printable ASCII first character cannot start a blank text: the common case, without trimming.
  const first = value.charCodeAt(0);
  return value.length === 0 || ((first <= 32 || first >= 127) && value.trim() === '');
}

// A decimal number as text, whole: parseFloat would read "12abc" as 12, but the API's numericality check does not.
const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) return Number(value);
  return undefined;
}

// Rails' boolean cast (rails/rails, activemodel/lib/active_model/type/boolean.rb): these are false,
// an empty text is nil, and every other value is true.
const FALSE_VALUES = new Set<unknown>([false, 0, '0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);

/**
 * True for a value the API's Rails cast reads as true: `true`, "1", "t", "yes", "on", "True"...
 * Used where a boolean relaxes a requirement (a SKU with do_not_ship needs no shipping category):
 * read as the API reads it, so that no record the API would take is refused here.
 */
export const isTrue = (value: unknown): boolean => !blank(value) && !FALSE_VALUES.has(value);

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message for a present value that does not fit the rule, or undefined when it fits. */
export function valueProblem(rule: AttributeRule, value: unknown, format: ValueFormat): string | undefined {
  switch (rule.type) {
    case 'string':
      return typeof value === 'object' ? 'is invalid' : undefined;
    case 'number':
    case 'integer': {
      const number = asNumber(value);
      if (number === undefined) return 'is not a number';
      if (rule.type === 'integer' && !Number.isInteger(number)) return 'must be an integer';
      if (rule.minimum !== undefined && number < rule.minimum) return `must be greater than or equal to ${rule.minimum}`;
      if (rule.exclusiveMinimum !== undefined && number <= rule.exclusiveMinimum) return `must be greater than ${rule.exclusiveMinimum}`;
      return undefined;
    }
    case 'boolean':
      // Any value: Rails casts every one to true or false (above), and no source says the API refuses
      // one. (The dashboard's zodEnforceBoolean reads anything but "true" as false.)
      return undefined;
    case 'enum':
      // Exact values: the SDK's `*Create` types type these as unions of exact literals ('gr' | 'oz' |
      // 'lb'), the only source for them. The dashboard lower-cases before sending; a file is sent as written.
      return typeof value === 'string' && (rule.values ?? []).includes(value) ? undefined : 'is not included in the list';
    case 'object':
      // A CSV field holds text: an object's members arrive as `name.member` columns, never whole.
      return format === 'csv' || isPlainObject(value) ? undefined : 'is invalid';
    case 'array':
      return format === 'csv' || Array.isArray(value) ? undefined : 'is invalid';
  }
}
