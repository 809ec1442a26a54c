import { CONNECTION_OPTIONS } from '../args.js';
import { EXIT } from '../cli-error.js';
import { connect } from '../connect.js';
import type { Command } from './command.js';

export const interruptCommand: Command = {
  name: 'interrupt',
  summary: 'Interrupt a pending or running import',
  usage: 'commercelayer-imports interrupt <id> [options]',
  description: 'Interrupts a pending or running import (records it already processed stay imported).',
  options: { ...CONNECTION_OPTIONS },
  positionals: { min: 1, max: 1, names: '<id>' },
  examples: ['commercelayer-imports interrupt xYZkjABcde --organization yourdomain', 'commercelayer-imports list --status in_progress --json | jq -r ".imports[].id"'],
  async run(values, [id], { output, env }) {
    const { client } = await connect('interrupt', values, env, output.secrets);
    const updated = await client.interrupt(id!, { fields: ['status', 'reference', 'processed_count', 'inputs_size'] });
    const { status, reference, processed_count, inputs_size } = updated.attributes;
    if (values.json === true) output.out(`${JSON.stringify({ ok: true, id: updated.id, status, reference: reference ?? null, processed_count, inputs_size })}\n`);
    else output.out(`Import ${updated.id}${reference ? ` (${reference})` : ''}: ${status}\n`);
    return EXIT.OK;
  },
};
