import { CONNECTION_OPTIONS, stringOption } from '../args.js';
import { EXIT, UsageError } from '../cli-error.js';
import { connect } from '../connect.js';
import { actOnEach, checkedGroupName, groupImports, reportGroup } from '../group-actions.js';
import type { Command } from './command.js';

export const interruptCommand: Command = {
  name: 'interrupt',
  summary: 'Interrupt a pending or running import, or every one of a group',
  usage: 'commercelayer-imports interrupt <id> [options]\n       commercelayer-imports interrupt --group <name> [options]',
  description: [
    'Interrupts a pending or running import (records it already processed stay imported).',
    'With --group, every pending or in-progress import of that load, each reported on its own line;',
    'exit 1 if any of them could not be interrupted.',
  ].join('\n'),
  options: {
    group: { type: 'string', value: '<name>', description: 'Every pending or in-progress import of this group (references <name>-0001 and on).' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 0, max: 1, names: '<id>' },
  examples: [
    'commercelayer-imports interrupt xYZkjABcde --organization yourdomain',
    'commercelayer-imports interrupt --group skus-3f9a2c1b7d4e',
    'commercelayer-imports interrupt --group skus-3f9a2c1b7d4e --json',
  ],
  async run(values, [id], { output, env }) {
    const group = stringOption(values, 'group');
    if ((id === undefined) === (group === undefined)) throw new UsageError('interrupt needs an <id> or --group <name>, not both', 'interrupt');
    const json = values.json === true;
    if (group !== undefined) {
      checkedGroupName('interrupt', group);
      const { client } = await connect('interrupt', values, env, output.secrets);
      const running = await groupImports(client, group, ['pending', 'in_progress']);
      if (running.length === 0 && !json) {
        output.out(`Group ${group} has no pending or in-progress import.\n`);
        return EXIT.OK;
      }
      const outcomes = await actOnEach(running, async ({ id: each }) => (await client.interrupt(each, { fields: ['status'] })).attributes.status ?? 'interrupted');
      return reportGroup(output, json, group, 'interrupted', outcomes);
    }
    const { client } = await connect('interrupt', values, env, output.secrets);
    const updated = await client.interrupt(id!, { fields: ['status', 'reference', 'processed_count', 'inputs_size'] });
    const { status, reference, processed_count, inputs_size } = updated.attributes;
    if (json) output.out(`${JSON.stringify({ ok: true, id: updated.id, status, reference: reference ?? null, processed_count, inputs_size })}\n`);
    else output.out(`Import ${updated.id}${reference ? ` (${reference})` : ''}: ${status}\n`);
    return EXIT.OK;
  },
};
