import type { Secrets } from './secrets.js';

/** Where a command writes: every write is redacted, and colour is decided once per stream. */
export interface Output {
  /** The summary and results: one JSON object with --json, text otherwise. */
  out(text: string): void;
  /** Messages, warnings and errors; progress too when stdout holds JSON. */
  err(text: string): void;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly secrets: Secrets;
  readonly env: NodeJS.ProcessEnv;
}

export function createOutput(secrets: Secrets, env: NodeJS.ProcessEnv = process.env): Output {
  return {
    out: (text) => void process.stdout.write(secrets.redact(text)),
    err: (text) => void process.stderr.write(secrets.redact(text)),
    stdout: process.stdout,
    stderr: process.stderr,
    secrets,
    env,
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything but the empty string. */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}
