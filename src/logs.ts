import type { ImportAttributes } from './types.js';

type ErrorsLog = NonNullable<ImportAttributes['errors_log']>;
type WarningsLog = NonNullable<ImportAttributes['warnings_log']>;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
/** Own properties only: an input key such as `__proto__` or `constructor` is data, never a prototype's member. */
const own = <T>(object: Record<string, T>, key: string): T | undefined => (Object.hasOwn(object, key) ? object[key] : undefined);
const put = <T>(object: Record<string, T>, key: string, value: T) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
const messagesOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value == null ? [] : [String(value)]);

/** Adds one errors log to another; a key both hold keeps the messages of each, side by side. */
export function mergeErrors(into: ErrorsLog, log: unknown): void {
  if (!isObject(log)) return;
  for (const [key, attributes] of Object.entries(log)) {
    const entry = own(into, key) ?? put(into, key, {})[key]!;
    // An entry that is not attribute -> messages still keeps its messages, under "base" (JSON:API's word for the whole record).
    const pairs = isObject(attributes) ? Object.entries(attributes) : [['base', attributes] as const];
    for (const [name, messages] of pairs) put(entry, name, [...(own(entry, name) ?? []), ...messagesOf(messages)]);
  }
}

/** Adds one warnings log to another, likewise. */
export function mergeWarnings(into: WarningsLog, log: unknown): void {
  if (!isObject(log)) return;
  for (const [key, messages] of Object.entries(log)) put(into, key, [...(own(into, key) ?? []), ...messagesOf(messages)]);
}

/**
 * The logs as the API sends them today, one object keyed by input. An older form, still sent by some
 * servers (and shown on the API reference's page), is an array of one-key objects: its entries are
 * merged into that one object, so callers only ever meet the current form.
 */
export function withCurrentLogs<T>(resource: T): T {
  const attributes = (resource as { attributes?: Record<string, unknown> } | null)?.attributes;
  if (!attributes) return resource;
  for (const [name, merge] of [['errors_log', mergeErrors], ['warnings_log', mergeWarnings]] as const) {
    const log = attributes[name];
    if (!Array.isArray(log)) continue;
    const current = {};
    log.forEach((entry, index) => merge(current, isObject(entry) ? entry : { [String(index)]: entry }));
    attributes[name] = current;
  }
  return resource;
}
