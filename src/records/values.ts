// How a value counts for an attribute of a given type, with the API's messages (Rails' validation
// messages, as the API returns them in errors_log: "can't be blank", "is not a number", ...).
// The API's importer casts values as Rails does: a number may arrive as its text (every CSV value
// is text; the dashboard's importer parses it with parseFloat, zodUtils.ts), a boolean as
// "true"/"false" (zodEnforceBoolean: compared lower-cased with "true").
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

/** True for a boolean, or its text in any case. */
export const isTrue = (value: unknown): boolean => value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
const isBooleanLike = (value: unknown): boolean =>
  typeof value === 'boolean' || (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value));

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
      return isBooleanLike(value) ? undefined : 'is not included in the list';
    case 'enum':
      // Exact values: the API compares them as sent (the dashboard lower-cases before sending; a file sent as it is is not).
      return typeof value === 'string' && (rule.values ?? []).includes(value) ? undefined : 'is not included in the list';
    case 'object':
      // A CSV field holds text: an object's members arrive as `name.member` columns, never whole.
      return format === 'csv' || isPlainObject(value) ? undefined : 'is invalid';
    case 'array':
      return format === 'csv' || Array.isArray(value) ? undefined : 'is invalid';
  }
}
