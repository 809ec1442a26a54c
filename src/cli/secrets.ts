/**
 * The secrets of one run (access tokens, the client secret), and the redaction every line of output
 * goes through, so that none of them is ever printed, whatever a message or a library says.
 */
const REDACTED = '[REDACTED]';
/** Shorter values are no real secrets (such as the sandbox's "any"), and replacing them would garble words. */
const MIN_LENGTH = 6;

export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) return;
    // As written, and as it would appear inside JSON or a URL.
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) this.values.add(form);
  }

  redact(text: string): string {
    let result = text;
    for (const value of this.values) if (result.includes(value)) result = result.split(value).join(REDACTED);
    return result;
  }
}

/** Names of flags whose values are secrets, even when misspelt: `--acess-token x` must not echo x. */
const SECRET_FLAG = /token|secret|password/i;

/** Adds to `secrets` every value the command line gives to a flag that looks secret, before the flags are parsed. */
export function collectSecretArgs(argv: string[], secrets: Secrets): void {
  argv.forEach((arg, index) => {
    if (!arg.startsWith('-') || !SECRET_FLAG.test(arg)) return;
    const equals = arg.indexOf('=');
    secrets.add(equals === -1 ? argv[index + 1] : arg.slice(equals + 1));
  });
}
