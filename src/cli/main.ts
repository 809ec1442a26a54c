#!/usr/bin/env node
// The command line: `commercelayer-imports <command> ...`. It uses the library only through its public entry.
import { helpText, parseCommandArgs } from './args.js';
import { EXIT, UsageError } from './cli-error.js';
import type { Command } from './commands/command.js';
import { deleteCommand } from './commands/delete.js';
import { importCommand } from './commands/import.js';
import { interruptCommand } from './commands/interrupt.js';
import { listCommand } from './commands/list.js';
import { showCommand } from './commands/show.js';
import { updateCommand } from './commands/update.js';
import { waitCommand } from './commands/wait.js';
import { failureOf } from './connect.js';
import { createOutput, type Output } from './output.js';
import { collectSecretArgs, Secrets } from './secrets.js';
import { packageVersion } from './version.js';

const COMMANDS: Command[] = [importCommand, listCommand, showCommand, waitCommand, updateCommand, interruptCommand, deleteCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: commercelayer-imports <command> [options]',
    '',
    'Bulk imports into Commerce Layer: streamed, resumable, with progress, from CSV, JSON or NDJSON.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Credentials: --access-token or CL_ACCESS_TOKEN; or CL_CLIENT_ID and CL_CLIENT_SECRET (and CL_SCOPE),',
    'with --organization or CL_ORGANIZATION (or --base-url for the sandbox or the simulator).',
    '',
    'Run `commercelayer-imports <command> --help` for a command\'s options and examples; --version for the version.',
    '',
  ].join('\n');
}

export async function main(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = COMMANDS.find((each) => each.name === rest[0]);
    output.out(command ? helpText(command) : overview());
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-v') {
    output.out(`${packageVersion()}\n`);
    return EXIT.OK;
  }
  const command = COMMANDS.find((each) => each.name === name);
  const json = rest.includes('--json');
  try {
    if (!command) throw new UsageError(name.startsWith('-') ? `unknown option ${name.split('=')[0]}` : `unknown command ${JSON.stringify(name)}: the commands are ${COMMANDS.map((each) => each.name).join(', ')}`);
    const { values, positionals } = parseCommandArgs(command.name, rest, command.options, command.positionals);
    if (values.help) {
      output.out(helpText(command));
      return EXIT.OK;
    }
    return await command.run(values, positionals, { output, env: output.env, argv });
  } catch (error) {
    const failure = failureOf(error);
    output.err(`commercelayer-imports: ${failure.message}\n${failure.hint ? `${failure.hint}\n` : ''}`);
    if (json) output.out(`${JSON.stringify({ ok: false, exit_code: failure.exitCode, error: failure.message })}\n`);
    return failure.exitCode;
  }
}

// A reader that goes away (`| head`) ends the command quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // Before the command ended, its work did not all happen (a load left half made): not a success.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.FAILED);
    throw error;
  });
}

const secrets = new Secrets();
const args = process.argv.slice(2);
collectSecretArgs(args, secrets);
// The environment's secrets too, from the start: a usage error or an unexpected one must not echo them either.
for (const name of ['CL_ACCESS_TOKEN', 'CL_CLIENT_SECRET']) secrets.add(process.env[name]);
const output = createOutput(secrets);
main(args, output).then(exit, (error: unknown) => {
  // Not expected: still never a stack with a secret in it.
  output.err(`commercelayer-imports: ${String((error as Error)?.stack ?? error)}\n`);
  exit(EXIT.FAILED);
});

/** Exits once stdout and stderr are flushed: a keep-alive socket or a timer left behind must not keep the command running. */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
