import { parseArgs } from 'node:util';
import { UsageError } from './cli-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help, such as `<id>`. */
  value?: string;
  description: string;
  /** May be given more than once (`--status pending --status in_progress`). */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The flags every command that talks to the API takes. */
export const CONNECTION_OPTIONS: OptionSpecs = {
  'access-token': { type: 'string', value: '<token>', description: 'An access token (or set CL_ACCESS_TOKEN). Prefer the variable: flags show in the process list.' },
  organization: { type: 'string', value: '<slug>', description: 'Your organization slug: requests go to https://<slug>.commercelayer.io (or set CL_ORGANIZATION).' },
  'base-url': { type: 'string', value: '<url>', description: 'Another API origin, such as the simulator: http://127.0.0.1:4011 (or set CL_BASE_URL).' },
  'auth-url': { type: 'string', value: '<url>', description: 'The token endpoint\'s origin, for CL_CLIENT_ID and CL_CLIENT_SECRET (default: --base-url when given, else https://auth.commercelayer.io).' },
  json: { type: 'boolean', description: 'Print the result as one JSON object on stdout, and nothing else there.' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Parses a command's arguments strictly. Error messages name the flag, never a value: a value
 * may be a secret given to a misspelt flag.
 */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpecs, positionals: { min: number; max: number; names: string }): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const config = Object.fromEntries(
      Object.entries(options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
    );
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error), command);
  }
  const values = parsed.values as Parsed['values'];
  if (values.help) return { values, positionals: parsed.positionals };
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`${command} needs ${positionals.names}`, command);
  if (count > positionals.max) throw new UsageError(`${command} takes ${positionals.max === 0 ? 'no arguments' : positionals.names}, but was given ${count} arguments`, command);
  return { values, positionals: parsed.positionals };
}

function parseErrorMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' =<]+)/.exec(message ?? '')?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take/.test(message ?? '') ? `${flag} takes no value` : `${flag} needs a value (one starting with "-" goes as ${flag}=-value)`;
  }
  return 'the arguments could not be read';
}

export function stringOption(values: Parsed['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(values: Parsed['values'], name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** A whole number option within bounds; `fallback` when absent. */
export function integerOption(command: string, values: Parsed['values'], name: string, min: number, max: number, fallback: number): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, command);
  }
  return value;
}

/** One of a fixed set of values. */
export function choiceOption<T extends string>(command: string, value: string, name: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${name} must be one of ${choices.join(', ')}`, command);
  }
  return value as T;
}

/** The help text of one command: usage, description, options, examples. */
export function helpText(help: { usage: string; description: string; options: OptionSpecs; examples: string[] }): string {
  const rows = Object.entries(help.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.description] as const;
  });
  const width = Math.min(32, Math.max(...rows.map(([flag]) => flag.length)));
  const options = rows.map(([flag, text]) => (flag.length > width ? `  ${flag}\n  ${''.padEnd(width)}  ${text}` : `  ${flag.padEnd(width)}  ${text}`));
  return [
    `Usage: ${help.usage}`,
    '',
    help.description,
    '',
    'Options:',
    ...options,
    '',
    'Examples:',
    ...help.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}
