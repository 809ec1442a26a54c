import type { Import, ImportAttributeName } from '../../index.js';
import { CONNECTION_OPTIONS } from '../args.js';
import { EXIT } from '../cli-error.js';
import { connect } from '../connect.js';
import { count } from '../progress/format.js';
import type { Command } from './command.js';

/** Every attribute but the inputs (up to 10,000 records) and, unless --logs, the logs. */
export const SHOW_FIELDS: ImportAttributeName[] = [
  'resource_type', 'format', 'parent_resource_id', 'status', 'started_at', 'completed_at', 'interrupted_at', 'inputs_size', 'errors_count',
  'warnings_count', 'processed_count', 'skip_errors', 'attachment_url', 'created_at', 'updated_at', 'reference', 'reference_origin', 'metadata',
];

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one import: status, counts, reference, and with --logs its errors and warnings',
  usage: 'commercelayer-imports show <id> [options]',
  description: 'Shows one import (never its inputs). --logs adds every errors_log and warnings_log entry.',
  options: {
    logs: { type: 'boolean', description: 'Also show the errors and warnings logs, every entry.' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 1, max: 1, names: '<id>' },
  examples: ['commercelayer-imports show xYZkjABcde --organization yourdomain', 'commercelayer-imports show xYZkjABcde --logs --json | jq .import.errors_log'],
  async run(values, [id], { output, env }) {
    const logs = values.logs === true;
    const { client } = await connect('show', values, env, output.secrets);
    const found = await client.retrieve(id!, { fields: logs ? [...SHOW_FIELDS, 'errors_log', 'warnings_log'] : SHOW_FIELDS });
    if (values.json === true) {
      output.out(`${JSON.stringify({ ok: true, import: { id: found.id, ...found.attributes } })}\n`);
      return EXIT.OK;
    }
    output.out(`${importText(found, logs)}\n`);
    return EXIT.OK;
  },
};

export function importText(found: Import, logs: boolean): string {
  const a = found.attributes as Record<string, unknown> & Import['attributes'];
  const rows: [string, unknown][] = [
    ['id', found.id],
    ['status', a.status],
    ['resource type', a.resource_type],
    ['format', a.format],
    ['parent', a.parent_resource_id],
    ['reference', a.reference],
    ['origin', a.reference_origin],
    ['processed', `${count(a.processed_count ?? 0)} of ${a.inputs_size == null ? '?' : count(a.inputs_size)}`],
    ['errors', count(a.errors_count ?? 0)],
    ['warnings', count(a.warnings_count ?? 0)],
    ['skip errors', a.skip_errors],
    ['created', a.created_at],
    ['started', a.started_at],
    ['completed', a.completed_at],
    ['interrupted', a.interrupted_at],
    ['metadata', a.metadata && Object.keys(a.metadata).length > 0 ? JSON.stringify(a.metadata) : undefined],
  ];
  const lines = rows.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([name, value]) => `${name.padEnd(14)} ${String(value)}`);
  if (logs) {
    const errors = Object.entries(a.errors_log ?? {});
    const warnings = Object.entries(a.warnings_log ?? {});
    lines.push('', `Errors (${count(errors.length)}):`, ...errors.map(([key, attributes]) => `  ${key}  ${Object.entries(attributes ?? {}).map(([name, messages]) => `${name}: ${[messages].flat().join(', ')}`).join('; ')}`));
    lines.push('', `Warnings (${count(warnings.length)}):`, ...warnings.map(([key, messages]) => `  ${key}  ${[messages].flat().join(', ')}`));
  } else if ((a.errors_count ?? 0) > 0 || (a.warnings_count ?? 0) > 0) {
    lines.push('', 'Add --logs to see the errors and warnings.');
  }
  return lines.join('\n');
}
