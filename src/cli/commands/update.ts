import type { ImportUpdateAttributes } from '../../index.js';
import { CONNECTION_OPTIONS, listOption, stringOption, type Parsed } from '../args.js';
import { EXIT, UsageError } from '../cli-error.js';
import { connect } from '../connect.js';
import type { Command } from './command.js';
import { importText, SHOW_FIELDS } from './show.js';

export const updateCommand: Command = {
  name: 'update',
  summary: 'Change an import\'s reference, reference origin or metadata',
  usage: 'commercelayer-imports update <id> [options]',
  description: [
    'Changes an import\'s reference, reference_origin or metadata, and prints the updated import.',
    '--metadata key=value sets those keys and keeps the others (the import\'s metadata is read first);',
    '--metadata-json replaces the whole metadata with the object given. Each --clear-* flag sends null,',
    'which removes that attribute\'s value; an empty value (--reference \'\') is sent as an empty string.',
  ].join('\n'),
  options: {
    reference: { type: 'string', value: '<text>', description: 'The new reference.' },
    'reference-origin': { type: 'string', value: '<text>', description: 'The new reference_origin.' },
    metadata: { type: 'string', value: '<key=value>', multiple: true, description: 'Set one metadata key to a string value, keeping the other keys (repeatable).' },
    'metadata-json': { type: 'string', value: '<object>', description: 'Replace the whole metadata with this JSON object.' },
    'clear-reference': { type: 'boolean', description: 'Remove the reference (sends null).' },
    'clear-reference-origin': { type: 'boolean', description: 'Remove the reference_origin (sends null).' },
    'clear-metadata': { type: 'boolean', description: 'Remove all the metadata (sends null).' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 1, max: 1, names: '<id>' },
  examples: [
    'commercelayer-imports update xYZkjABcde --reference erp-batch-42 --reference-origin erp',
    'commercelayer-imports update xYZkjABcde --metadata owner=catalogue-team --metadata ticket=OPS-17',
    'commercelayer-imports update xYZkjABcde --metadata-json \'{"owner":"catalogue-team"}\' --json',
    'commercelayer-imports update xYZkjABcde --clear-reference --clear-metadata',
  ],
  async run(values, [id], { output, env }) {
    const changes = changesOf(values);
    const { client } = await connect('update', values, env, output.secrets);
    const attributes: ImportUpdateAttributes = { ...changes.attributes };
    if (changes.setKeys) {
      // Read first, so that keys not named are kept whether the API merges metadata or replaces it.
      const current = await client.retrieve(id!, { fields: ['metadata'] });
      attributes.metadata = { ...(current.attributes.metadata ?? {}), ...changes.setKeys };
    }
    const updated = await client.update(id!, attributes, { fields: SHOW_FIELDS });
    if (values.json === true) output.out(`${JSON.stringify({ ok: true, import: { id: updated.id, ...updated.attributes } })}\n`);
    else output.out(`${importText(updated, false)}\n`);
    return EXIT.OK;
  },
};

interface Changes {
  /** What is sent as given. */
  attributes: ImportUpdateAttributes;
  /** --metadata keys, merged into the import's current metadata. */
  setKeys?: Record<string, string>;
}

/** The changes the flags ask for, each flag checked before anything is sent. */
export function changesOf(values: Parsed['values']): Changes {
  const attributes: ImportUpdateAttributes = {};
  for (const [flag, name] of [['reference', 'reference'], ['reference-origin', 'reference_origin']] as const) {
    const value = stringOption(values, flag);
    if (value !== undefined && values[`clear-${flag}`] === true) throw new UsageError(`--${flag} and --clear-${flag} cannot go together`, 'update');
    if (value !== undefined) attributes[name] = value;
    if (values[`clear-${flag}`] === true) attributes[name] = null;
  }
  const pairs = listOption(values, 'metadata');
  const json = stringOption(values, 'metadata-json');
  const metadataFlags = [pairs.length > 0 && '--metadata', json !== undefined && '--metadata-json', values['clear-metadata'] === true && '--clear-metadata'].filter(Boolean);
  if (metadataFlags.length > 1) throw new UsageError(`${metadataFlags.join(' and ')} cannot go together: each says what the metadata becomes`, 'update');
  if (json !== undefined) attributes.metadata = metadataObject(json);
  if (values['clear-metadata'] === true) attributes.metadata = null;
  const setKeys = pairs.length > 0 ? metadataPairs(pairs) : undefined;
  if (Object.keys(attributes).length === 0 && !setKeys) {
    throw new UsageError('update needs something to change: --reference, --reference-origin, --metadata, --metadata-json or a --clear-* flag', 'update');
  }
  return { attributes, ...(setKeys && { setKeys }) };
}

function metadataPairs(pairs: string[]): Record<string, string> {
  // No prototype: a key named __proto__ is a key like any other.
  const keys: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--metadata takes key=value, such as owner=catalogue-team: ${JSON.stringify(pair)} has ${at === 0 ? 'no key' : 'no "="'}`, 'update');
    const key = pair.slice(0, at);
    if (Object.hasOwn(keys, key)) throw new UsageError(`--metadata gives ${JSON.stringify(key)} twice`, 'update');
    keys[key] = pair.slice(at + 1);
  }
  return keys;
}

function metadataObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--metadata-json is not JSON: give an object such as \'{"owner":"catalogue-team"}\'', 'update');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--metadata-json must be a JSON object, not ${value === null ? 'null (use --clear-metadata)' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`, 'update');
  }
  return value as Record<string, unknown>;
}
