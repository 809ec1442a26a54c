import { basename, delimiter, dirname, relative, resolve } from 'node:path';

/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * How the user can start this program again from their shell: through the bin, `commercelayer-imports`
 * when its folder is on the shell's PATH; `npx commercelayer-imports` when npm started it (npx and
 * `npm exec` set npm_command=exec, an npm script run-script: both put the bin on a PATH of their own,
 * which the shell does not have); else the bin's path. Not through the bin: `node <script>`.
 */
export function programName(script = process.argv[1] ?? '', env: NodeJS.ProcessEnv = process.env): string {
  const name = basename(script);
  const path = relative(process.cwd(), script) || script;
  if (name !== 'commercelayer-imports') return `node ${shellQuote(path)}`;
  if (env.npm_command !== undefined) return `npx ${name}`;
  const onPath = (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && resolve(dir) === resolve(dirname(script)));
  return onPath ? name : shellQuote(path.includes('/') ? path : `./${path}`);
}

const TOKEN_FLAG = /^--access-token(=|$)/;

/**
 * The command that resumes this load: the same arguments, --group named so that it resumes even if
 * defaults change, and never the access token (pass it again, or use CL_ACCESS_TOKEN).
 */
export function resumeCommand(argv: string[], group: string, script?: string, env?: NodeJS.ProcessEnv): string {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (TOKEN_FLAG.test(arg)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    if (/^--group(=|$)/.test(arg)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    args.push(arg);
  }
  return [programName(script, env), ...args.map(shellQuote), '--group', shellQuote(group)].join(' ');
}
