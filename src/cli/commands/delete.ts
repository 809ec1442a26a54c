import { CONNECTION_OPTIONS, stringOption } from '../args.js';
import { EXIT, UsageError } from '../cli-error.js';
import { confirmed } from '../confirm.js';
import { connect } from '../connect.js';
import { actOnEach, checkedGroupName, groupImports, reportGroup } from '../group-actions.js';
import { counted } from '../progress/format.js';
import type { Command } from './command.js';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete an import, or every one of a group (the records they imported stay)',
  usage: 'commercelayer-imports delete <id> [options]\n       commercelayer-imports delete --group <name> [--yes] [options]',
  description: [
    'Deletes an import: the import itself, its inputs and logs. Deleting imports never deletes the',
    'records they imported: those stay in the organization.',
    'With --group, every import of that load, whatever its status, each reported on its own line; exit 1',
    'if any of them could not be deleted. It asks first on a terminal; elsewhere it needs --yes.',
  ].join('\n'),
  options: {
    group: { type: 'string', value: '<name>', description: 'Every import of this group (references <name>-0001 and on).' },
    yes: { type: 'boolean', short: 'y', description: 'With --group: delete without asking (needed when not on a terminal).' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 0, max: 1, names: '<id>' },
  examples: [
    'commercelayer-imports delete xYZkjABcde --organization yourdomain',
    'commercelayer-imports delete xYZkjABcde --json',
    'commercelayer-imports delete --group skus-3f9a2c1b7d4e',
    'commercelayer-imports delete --group skus-3f9a2c1b7d4e --yes --json',
  ],
  async run(values, [id], { output, env }) {
    const group = stringOption(values, 'group');
    if ((id === undefined) === (group === undefined)) throw new UsageError('delete needs an <id> or --group <name>, not both', 'delete');
    if (values.yes === true && group === undefined) throw new UsageError('--yes goes with --group: deleting one import asks nothing', 'delete');
    const json = values.json === true;
    if (group !== undefined) {
      checkedGroupName('delete', group);
      const { client } = await connect('delete', values, env, output.secrets);
      const imports = await groupImports(client, group);
      if (imports.length === 0 && !json) {
        output.out(`Group ${group} has no import.\n`);
        return EXIT.OK;
      }
      if (imports.length > 0) {
        const question = `Delete ${counted(imports.length, 'import')} of group ${group}? The records they imported stay.`;
        if (!(await confirmed('delete', question, values.yes === true))) {
          output.err('Nothing was deleted.\n');
          return EXIT.FAILED;
        }
      }
      const outcomes = await actOnEach(imports, async ({ id: each }) => {
        await client.delete(each);
        return 'deleted';
      });
      return reportGroup(output, json, group, 'deleted', outcomes);
    }
    const { client } = await connect('delete', values, env, output.secrets);
    await client.delete(id!);
    if (json) output.out(`${JSON.stringify({ ok: true, id, deleted: true })}\n`);
    else output.out(`Import ${id} deleted\n`);
    return EXIT.OK;
  },
};
