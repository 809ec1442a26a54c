import { CONNECTION_OPTIONS } from '../args.js';
import { EXIT } from '../cli-error.js';
import { connect } from '../connect.js';
import type { Command } from './command.js';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete an import (the records it imported stay)',
  usage: 'commercelayer-imports delete <id> [options]',
  description: 'Deletes an import: the import itself, its inputs and logs. The records it imported are not touched.',
  options: { ...CONNECTION_OPTIONS },
  positionals: { min: 1, max: 1, names: '<id>' },
  examples: ['commercelayer-imports delete xYZkjABcde --organization yourdomain', 'commercelayer-imports delete xYZkjABcde --json'],
  async run(values, [id], { output, env }) {
    const { client } = await connect('delete', values, env, output.secrets);
    await client.delete(id!);
    if (values.json === true) output.out(`${JSON.stringify({ ok: true, id, deleted: true })}\n`);
    else output.out(`Import ${id} deleted\n`);
    return EXIT.OK;
  },
};
