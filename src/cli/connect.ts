import { ApiError, createImportsClient, ImportsError, InputError, type ImportsClient } from '../index.js';
import { choiceOption, stringOption, type Parsed } from './args.js';
import { CliError, EXIT, type ExitCode, UsageError } from './cli-error.js';
import { resolveConnection } from './credentials.js';
import type { Secrets } from './secrets.js';

export interface Connected {
  client: ImportsClient;
  tokenOnCommandLine: boolean;
}

/**
 * The client, from the flags and the environment, with the credentials checked before anything
 * else is sent: client credentials are exchanged for a token first, so that a wrong secret ends
 * the run with exit 2.
 */
export async function connect(command: string, values: Parsed['values'], env: NodeJS.ProcessEnv, secrets: Secrets): Promise<Connected> {
  const connection = resolveConnection(command, values, env, secrets);
  // --environment (import): the organization's, whose rate limits a load keeps to; else the token's claim says.
  const environment = stringOption(values, 'environment');
  const options = environment === undefined ? connection.client : { ...connection.client, environment: choiceOption(command, environment, '--environment', ['live', 'test'] as const) };
  let client: ImportsClient;
  try {
    client = createImportsClient(options);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message, command);
    throw error;
  }
  try {
    await connection.check();
  } catch (error) {
    throw new CliError(`the client credentials could not be exchanged for a token: ${messageOf(error)}`, EXIT.USAGE);
  }
  return { client, tokenOnCommandLine: connection.tokenOnCommandLine };
}

/** The exit code and message of an error that ended a command. */
export function failureOf(error: unknown): { exitCode: ExitCode; message: string; hint?: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message, hint: error.hint };
  if (isCredentialsRefusal(error)) {
    return { exitCode: EXIT.USAGE, message: `the credentials were refused: ${messageOf(error)}`, hint: 'Check the access token (or CL_CLIENT_ID and CL_CLIENT_SECRET) and the organization.' };
  }
  // Caught before anything was sent.
  if (error instanceof InputError) return { exitCode: EXIT.USAGE, message: error.message };
  return { exitCode: EXIT.FAILED, message: messageOf(error) };
}

/** A 401 from the API or the token endpoint, or a token function that failed: the credentials, not the load. */
export function isCredentialsRefusal(error: unknown): boolean {
  if (error instanceof Error && error.name === 'CredentialsError') return true;
  if (error instanceof ApiError) return error.status === 401;
  // The client wraps a token function's failure in a plain ImportsError with its cause.
  return error instanceof ImportsError && error.constructor === ImportsError && (error as { cause?: unknown }).cause !== undefined;
}

export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && !error.message.includes(cause.message) ? `${error.message}: ${cause.message}` : error.message;
}
