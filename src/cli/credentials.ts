import { clientCredentials, type AccessToken, type ImportsClientOptions } from '../index.js';
import { stringOption, type Parsed } from './args.js';
import { UsageError } from './cli-error.js';
import type { Secrets } from './secrets.js';

export interface Connection {
  /** What createImportsClient needs: the origin and the token (a string, or the provider). */
  client: ImportsClientOptions;
  /** How the token is got, for messages: `access token` or `client credentials`. */
  kind: 'access token' | 'client credentials';
  /** Gets a token once before anything else is sent, so that bad credentials end the run with exit 2. */
  check(): Promise<void>;
  /** Whether the token was given on the command line (then a printed command to resume cannot repeat it). */
  tokenOnCommandLine: boolean;
}

/**
 * The credentials and the origin, from the flags first, then the environment:
 * `--access-token` / CL_ACCESS_TOKEN, or CL_CLIENT_ID + CL_CLIENT_SECRET (+ CL_SCOPE);
 * `--organization` / CL_ORGANIZATION or `--base-url` / CL_BASE_URL. Every secret is registered
 * with `secrets` before anything can print it.
 */
export function resolveConnection(command: string, values: Parsed['values'], env: NodeJS.ProcessEnv, secrets: Secrets): Connection {
  const flagToken = stringOption(values, 'access-token');
  const envToken = nonEmpty(env.CL_ACCESS_TOKEN);
  const clientId = nonEmpty(env.CL_CLIENT_ID);
  const clientSecret = nonEmpty(env.CL_CLIENT_SECRET);
  for (const secret of [flagToken, envToken, clientSecret]) secrets.add(secret);

  const origin = originOf(command, values, env);
  const token = flagToken ?? envToken;
  if (token !== undefined) {
    return { client: { ...origin, accessToken: token }, kind: 'access token', check: async () => {}, tokenOnCommandLine: flagToken !== undefined };
  }
  if (clientId === undefined && clientSecret === undefined) {
    throw new UsageError('no credentials: pass --access-token (or set CL_ACCESS_TOKEN), or set CL_CLIENT_ID and CL_CLIENT_SECRET', command);
  }
  if (clientId === undefined || clientSecret === undefined) {
    throw new UsageError(`CL_CLIENT_ID and CL_CLIENT_SECRET go together: ${clientId === undefined ? 'CL_CLIENT_ID' : 'CL_CLIENT_SECRET'} is not set`, command);
  }
  const authUrl = stringOption(values, 'auth-url') ?? nonEmpty(env.CL_AUTH_URL) ?? ('baseUrl' in origin ? origin.baseUrl : undefined);
  const scope = nonEmpty(env.CL_SCOPE);
  const provider = clientCredentials({ clientId, clientSecret, ...(scope ? { scope } : {}), ...(authUrl ? { baseUrl: authUrl } : {}) });
  // Every token the provider hands out is a secret too.
  const accessToken: AccessToken = async (context) => {
    const fresh = await provider(context);
    secrets.add(fresh);
    return fresh;
  };
  return {
    client: { ...origin, accessToken },
    kind: 'client credentials',
    check: async () => void (await provider().then((token) => secrets.add(token))),
    tokenOnCommandLine: false,
  };
}

function originOf(command: string, values: Parsed['values'], env: NodeJS.ProcessEnv): { organization: string } | { baseUrl: string } {
  const flagOrganization = stringOption(values, 'organization');
  const flagBaseUrl = stringOption(values, 'base-url');
  if (flagOrganization !== undefined && flagBaseUrl !== undefined) throw new UsageError('pass --organization or --base-url, not both', command);
  if (flagBaseUrl !== undefined) return { baseUrl: flagBaseUrl };
  if (flagOrganization !== undefined) return { organization: flagOrganization };
  const organization = nonEmpty(env.CL_ORGANIZATION);
  const baseUrl = nonEmpty(env.CL_BASE_URL);
  if (organization !== undefined && baseUrl !== undefined) throw new UsageError('CL_ORGANIZATION and CL_BASE_URL are both set: unset one, or pass --organization or --base-url', command);
  if (baseUrl !== undefined) return { baseUrl };
  if (organization !== undefined) return { organization };
  throw new UsageError('no organization: pass --organization <slug> (or set CL_ORGANIZATION), or --base-url <url>', command);
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
