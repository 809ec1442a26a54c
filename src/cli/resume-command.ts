import { basename, relative } from 'node:path';

/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** How the user started this program: `commercelayer-imports` when run through the bin, else `node <script>`. */
export function programName(script = process.argv[1] ?? ''): string {
  const name = basename(script);
  if (name === 'commercelayer-imports') return name;
  const path = relative(process.cwd(), script) || script;
  return `node ${shellQuote(path)}`;
}

const TOKEN_FLAG = /^--access-token(=|$)/;

/**
 * The command that resumes this load: the same arguments, --group named so that it resumes even if
 * defaults change, and never the access token (pass it again, or use CL_ACCESS_TOKEN).
 */
export function resumeCommand(argv: string[], group: string, script?: string): string {
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
  return [programName(script), ...args.map(shellQuote), '--group', shellQuote(group)].join(' ');
}
