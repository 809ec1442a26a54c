import type { Import, ImportAttributeName, ImportFilter, ImportStatus, ListQuery } from '../../index.js';
import { checkedGroupName } from '../group-actions.js';
import { choiceOption, CONNECTION_OPTIONS, integerOption, listOption, stringOption } from '../args.js';
import { EXIT, UsageError } from '../cli-error.js';
import { connect } from '../connect.js';
import { count } from '../progress/format.js';
import { RESOURCE_TYPES, STATUSES } from '../resource-types.js';
import { table } from '../table.js';
import type { Command } from './command.js';

/** Everything but the inputs and the logs, which can be large: a list needs the counts. */
const LIST_FIELDS: ImportAttributeName[] = [
  'resource_type', 'format', 'parent_resource_id', 'status', 'started_at', 'completed_at', 'interrupted_at', 'inputs_size', 'errors_count',
  'warnings_count', 'processed_count', 'skip_errors', 'created_at', 'updated_at', 'reference', 'reference_origin', 'metadata',
];

export const listCommand: Command = {
  name: 'list',
  summary: 'List imports, newest first, filtered by status, resource type, group or date',
  usage: 'commercelayer-imports list [options]',
  description: 'Lists imports, newest first: 25 unless --limit says otherwise.',
  options: {
    status: { type: 'string', multiple: true, value: '<status>', description: 'pending, in_progress, interrupted or completed; repeat for several.' },
    type: { type: 'string', value: '<resource_type>', description: 'Only imports of this resource type, such as skus.' },
    group: { type: 'string', value: '<name>', description: 'Only the imports of one load: references starting with <name>-.' },
    since: { type: 'string', value: '<date>', description: 'Only imports created after this date or time, such as 2024-06-01 or 2024-06-01T12:00:00Z.' },
    limit: { type: 'string', value: '<n>', description: 'At most this many imports, 1 to 10000 (default 25).' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  examples: [
    'commercelayer-imports list --organization yourdomain',
    'commercelayer-imports list --status in_progress --status pending',
    'commercelayer-imports list --group skus-3f9a2c1b7d4e --limit 100 --json',
    'commercelayer-imports list --type prices --since 2024-06-01',
  ],
  async run(values, _positionals, { output, env }) {
    const filter: ImportFilter & { reference_start?: string } = {};
    const statuses = listOption(values, 'status').map((status) => choiceOption('list', status, '--status', STATUSES) as ImportStatus);
    if (statuses.length === 1) filter.status_eq = statuses[0];
    if (statuses.length > 1) filter.status_in = statuses;
    const type = stringOption(values, 'type');
    if (type !== undefined) filter.resource_type_eq = choiceOption('list', type, '--type', RESOURCE_TYPES);
    const group = stringOption(values, 'group');
    if (group !== undefined) {
      checkedGroupName('list', group);
      filter.reference_start = `${group}-`;
    }
    const since = stringOption(values, 'since');
    if (since !== undefined) filter.created_at_gt = sinceDate(since);
    const limit = integerOption('list', values, 'limit', 1, 10_000, 25);
    const { client } = await connect('list', values, env, output.secrets);

    const query: ListQuery = { filter: filter as ImportFilter, sort: ['-created_at'], page: { size: Math.min(25, limit) }, fields: LIST_FIELDS };
    const found: Import[] = [];
    for await (const each of client.listAll(query)) {
      found.push(each);
      if (found.length >= limit) break;
    }
    if (values.json === true) {
      output.out(`${JSON.stringify({ ok: true, count: found.length, imports: found.map(({ id, attributes }) => ({ id, ...withoutBulk(attributes) })) })}\n`);
      return EXIT.OK;
    }
    if (found.length === 0) {
      output.out('No imports match.\n');
      return EXIT.OK;
    }
    const rows = found.map(({ id, attributes: a }) => [
      id,
      a.status ?? '',
      a.resource_type ?? '',
      `${count(a.processed_count ?? 0)}/${a.inputs_size == null ? '?' : count(a.inputs_size)}`,
      count(a.errors_count ?? 0),
      a.created_at ?? '',
      a.reference ?? '',
    ]);
    output.out(`${table(['ID', 'STATUS', 'TYPE', 'PROCESSED', 'ERRORS', 'CREATED', 'REFERENCE'], rows)}\n`);
    return EXIT.OK;
  },
};

/** A list shows counts, not the records and logs an import may carry. */
function withoutBulk(attributes: Import['attributes']) {
  const { inputs: _inputs, errors_log: _errors, warnings_log: _warnings, ...rest } = attributes as Record<string, unknown>;
  return rest;
}

function sinceDate(text: string): string {
  const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(time)) throw new UsageError('--since must be a date or time such as 2024-06-01 or 2024-06-01T12:00:00Z', 'list');
  return new Date(time).toISOString();
}
