/** The exit codes of every command. */
export const EXIT = {
  /** Every record imported, or the command did what it was asked. */
  OK: 0,
  /** A record failed, or a chunk failed or was interrupted. */
  FAILED: 1,
  /** A usage error, an unreadable or malformed file, or bad credentials: nothing was sent. */
  USAGE: 2,
  /** Stopped by Ctrl-C. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the command line reports in one message and ends with its exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** A hint printed under the message, such as "run with --help". */
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode, hint?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** A wrong flag or argument (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, command?: string) {
    super(message, EXIT.USAGE, `Run \`commercelayer-imports ${command ? `${command} ` : ''}--help\` for usage.`);
    this.name = 'UsageError';
  }
}

/** A file that cannot be read or does not parse (exit 2); `where` is "line 3, column 7" or "record 12". */
export class FileError extends CliError {
  readonly where: string | undefined;

  constructor(file: string, message: string, where?: string) {
    super(`${file}${where ? `: ${where}` : ''}: ${message}`, EXIT.USAGE);
    this.name = 'FileError';
    this.where = where;
  }
}
