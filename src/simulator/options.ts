// The simulator's options, their defaults and their checks. A wrong option throws at start, with a
// message that names the option and never repeats a token or a secret.
import { SEED_RECORDS, type SeedRecords } from './seed-records.js';

/** A sliding-window limit for one class of requests: `perMinute` over 60 s and `perBurst` over `burstSeconds`. */
export interface RateLimit {
  perMinute: number;
  perBurst: number;
  burstSeconds: number;
}

export interface RateLimits {
  /** GET requests. */
  reads: RateLimit;
  /** POST, PATCH and DELETE requests. */
  writes: RateLimit;
}

/** An OAuth2 client the token endpoint knows. */
export interface SimulatorClient {
  clientId: string;
  clientSecret: string;
  /** The scope its tokens carry when the request names none (default `market:all`). */
  scope?: string;
}

/** Imports move one step per retrieval (`GET /api/imports/:id`) instead of with time, for deterministic tests. */
export interface PollPacing {
  /** Steps an in_progress import takes to process all its inputs (default 2). */
  pollsToFinish?: number;
  /** Retrievals per step (default 1): more show the same state again. */
  pollsPerStep?: number;
}

export interface SimulatorOptions {
  /** The port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** Inputs each in_progress import goes through per second (default 1000: 10 s per 10,000 inputs). */
  inputsPerSecond?: number;
  /** How imports move on: `'time'` (the default), or one step per retrieval. */
  pacing?: 'time' | PollPacing;
  /** Imports in progress at a time per organization (default 10); the others stay pending. */
  maxRunning?: number;
  /** Commerce Layer's test-environment limits for imports by default; `false` for none. Partial values are merged. */
  rateLimits?: false | { reads?: Partial<RateLimit>; writes?: Partial<RateLimit> };
  /** When given, the only bearer token accepted besides those the token endpoint issues. */
  accessToken?: string;
  /** The clients of POST /oauth/token; without them any client id with a secret gets a token. */
  clients?: SimulatorClient[];
  /** The life of an issued token (default 7200, Commerce Layer's default for integration tokens). */
  tokenLifetimeSeconds?: number;
  /** false drops an import's inputs once it is finished (they read as []), for loads of millions of records (default true). */
  keepInputs?: boolean;
  /**
   * The records the organization holds at start, per resource type, each with its `id`: they replace
   * the seed records (a market, a shipping category, a price list, a stock location, a promotion
   * rule and a tax calculator, with fixed ids: SEED_IDS). `{}` starts with none.
   */
  records?: SeedRecords;
}

export interface ResolvedOptions {
  port: number;
  inputsPerSecond: number;
  pacing: 'time' | Required<PollPacing>;
  maxRunning: number;
  rateLimits: RateLimits | false;
  accessToken: string | undefined;
  clients: SimulatorClient[] | undefined;
  tokenLifetimeSeconds: number;
  keepInputs: boolean;
  records: SeedRecords;
}

/** Commerce Layer's published limits for imports in test (live: reads 1000/250, writes 200/50). */
export const TEST_RATE_LIMITS: RateLimits = {
  reads: { perMinute: 500, perBurst: 125, burstSeconds: 10 },
  writes: { perMinute: 100, perBurst: 25, burstSeconds: 10 },
};

const NAMES = ['port', 'inputsPerSecond', 'pacing', 'maxRunning', 'rateLimits', 'accessToken', 'clients', 'tokenLifetimeSeconds', 'keepInputs', 'records'];

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('the simulator options must be an object');
  // A misspelt option would otherwise be ignored without a word.
  const unknown = Object.keys(options).filter((name) => !NAMES.includes(name));
  if (unknown.length > 0) throw new TypeError(`Unknown simulator option ${unknown.join(', ')}: the options are ${NAMES.join(', ')}`);
  const resolved: ResolvedOptions = {
    port: integer('port', options.port ?? 0, 0, 65_535),
    inputsPerSecond: positive('inputsPerSecond', options.inputsPerSecond ?? 1000),
    pacing: pacingOf(options.pacing),
    maxRunning: integer('maxRunning', options.maxRunning ?? 10, 1),
    rateLimits: rateLimitsOf(options.rateLimits),
    accessToken: tokenOf(options.accessToken),
    clients: clientsOf(options.clients),
    tokenLifetimeSeconds: integer('tokenLifetimeSeconds', options.tokenLifetimeSeconds ?? 7200, 1),
    keepInputs: boolean('keepInputs', options.keepInputs ?? true),
    records: recordsOf(options.records),
  };
  return resolved;
}

function pacingOf(pacing: SimulatorOptions['pacing']): ResolvedOptions['pacing'] {
  if (pacing === undefined || pacing === 'time') return 'time';
  if (typeof pacing !== 'object' || pacing === null) throw new TypeError('pacing must be "time" or { pollsToFinish, pollsPerStep }');
  return {
    pollsToFinish: integer('pacing.pollsToFinish', pacing.pollsToFinish ?? 2, 1),
    pollsPerStep: integer('pacing.pollsPerStep', pacing.pollsPerStep ?? 1, 1),
  };
}

function rateLimitsOf(limits: SimulatorOptions['rateLimits']): RateLimits | false {
  if (limits === false) return false;
  const merged = (name: keyof RateLimits): RateLimit => {
    const limit = { ...TEST_RATE_LIMITS[name], ...limits?.[name] };
    return {
      perMinute: integer(`rateLimits.${name}.perMinute`, limit.perMinute, 1),
      perBurst: integer(`rateLimits.${name}.perBurst`, limit.perBurst, 1),
      burstSeconds: integer(`rateLimits.${name}.burstSeconds`, limit.burstSeconds, 1),
    };
  };
  return { reads: merged('reads'), writes: merged('writes') };
}

function tokenOf(token: unknown): string | undefined {
  if (token === undefined) return undefined;
  if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) throw new TypeError('accessToken must be a non-empty string of visible ASCII');
  return token;
}

function clientsOf(clients: unknown): SimulatorClient[] | undefined {
  if (clients === undefined) return undefined;
  if (!Array.isArray(clients)) throw new TypeError('clients must be an array of { clientId, clientSecret, scope? }');
  return clients.map((client: SimulatorClient, index) => {
    const valid = typeof client?.clientId === 'string' && client.clientId !== '' && typeof client.clientSecret === 'string' &&
      client.clientSecret !== '' && (client.scope === undefined || typeof client.scope === 'string');
    if (!valid) throw new TypeError(`clients[${index}] must have a non-empty clientId and clientSecret, and a string scope if any`);
    return { ...client };
  });
}

/** Records by resource type: arrays of objects, each with an id of its own within its type. */
function recordsOf(records: unknown): SeedRecords {
  if (records === undefined) return SEED_RECORDS;
  if (typeof records !== 'object' || records === null || Array.isArray(records)) {
    throw new TypeError('records must be an object of record arrays by resource type, such as { skus: [{ id, code, ... }] }');
  }
  const resolved: SeedRecords = {};
  for (const [type, list] of Object.entries(records)) {
    if (!/^[a-z][a-z_]*$/.test(type)) throw new TypeError(`records: ${JSON.stringify(type)} is not a resource type (such as skus or price_lists)`);
    if (!Array.isArray(list)) throw new TypeError(`records.${type} must be an array of records`);
    const ids = new Set<string>();
    resolved[type] = list.map((record: unknown, index) => {
      const where = `records.${type}[${index}]`;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TypeError(`${where} must be an object`);
      const { id } = record as { id?: unknown };
      if (typeof id !== 'string' || id === '') throw new TypeError(`${where} must have a non-empty string id`);
      if (ids.has(id)) throw new TypeError(`${where} has the id ${id} of an earlier record`);
      ids.add(id);
      return { ...(record as Record<string, unknown>), id };
    });
  }
  return resolved;
}

function integer(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, not ${String(value)}`);
  }
  return value as number;
}

function boolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
  return value;
}

function positive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number above 0, not ${String(value)}`);
  return value;
}
