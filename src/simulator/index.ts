// A simulated Commerce Layer organization for the imports API, on node:http at 127.0.0.1: imports
// processed over time at a set rate, at most `maxRunning` of them in progress, interrupted past 10%
// of invalid inputs, with realistic logs, list filters and pages, Commerce Layer's rate limits,
// an OAuth2 token endpoint and scripted faults. It holds records: an import creates the ones that
// do not exist and updates those that do; a new organization holds a few seed records (SEED_IDS).
// For tests and benchmarks of code that uses the API; Node only, and not part of the client's
// entry point. It prints nothing.
import type { ImportAttributes } from '../index.js';
import type { Api } from './api-routes.js';
import { Faults, type FaultSpec } from './faults.js';
import { Observation, type RequestRecord, type ResponseRecord, type SimulatorCounts } from './observation.js';
import { resolveOptions, type SimulatorOptions } from './options.js';
import { Processor } from './processing.js';
import { RequestLimiter } from './rate-limiter.js';
import { attributesOf } from './serialize.js';
import { closeServer, createSimulatorServer, listen } from './server.js';
import { RecordStore } from './records.js';
import { simulatorRules } from './record-rules.js';
import { ImportStore } from './store.js';
import { TokenStore } from './token-store.js';

export type { FaultAnswer, FaultSpec } from './faults.js';
export { faultSchedule, type FaultScheduleOptions } from './fault-random.js';
export type { RequestRecord, ResponseRecord, SimulatorCounts } from './observation.js';
export type { PollPacing, RateLimit, RateLimits, SimulatorClient, SimulatorOptions } from './options.js';
export { TEST_RATE_LIMITS } from './options.js';
export type { SeedRecords } from './seed-records.js';
export { SEED_IDS, SEED_RECORDS } from './seed-records.js';

/** An import with its whole state, as the API would return it now. */
export interface SimulatedImport {
  id: string;
  attributes: Required<ImportAttributes>;
}

export interface Simulator {
  /** The origin, such as http://127.0.0.1:43125: the client's baseUrl. */
  readonly url: string;
  /** Every import of the organization, in creation order, as of now. */
  imports(): SimulatedImport[];
  /**
   * The records of a resource type the organization holds now, oldest first: plain objects with
   * their `id` and the attributes imported (or seeded). Copies: changing them changes nothing.
   */
  records(resourceType: string): Array<Record<string, unknown> & { id: string }>;
  /** How many imports were created with this reference, deleted ones included. */
  createsByReference(reference: string): number;
  /** The latest requests (at least the last 100,000), in the order they arrived. */
  readonly requests: readonly RequestRecord[];
  counts(): SimulatorCounts;
  /** The most imports that were in progress at the same time. */
  readonly peakRunning: number;
  /** Scripts a failure for matching requests; see FaultSpec. */
  fault(spec: FaultSpec): void;
  clearFaults(): void;
  /** Resolves once every delayed fault scripted so far (a late store, a delayed answer) has been played. */
  faultsSettled(): Promise<void>;
  /** Forgets the requests and the counts (not the imports). */
  clearLog(): void;
  /** Every token the token endpoint issued expires now. */
  expireTokens(): void;
  /** Calls `listener` with each response sent; returns the function that stops it. */
  onResponse(listener: (response: ResponseRecord) => void): () => void;
  /** Stops listening and drops every connection; resolves once the server is closed. */
  close(): Promise<void>;
}

export async function startSimulator(options?: SimulatorOptions): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const records = new RecordStore(simulatorRules.keyOf);
  for (const [type, list] of Object.entries(resolved.records)) for (const record of list) records.create(type, record, record.id);
  const store = new ImportStore(records);
  const processor = new Processor(store, resolved);
  const limits = resolved.rateLimits;
  const tokens = new TokenStore(resolved.accessToken);
  const api: Api = {
    store,
    processor,
    tokens,
    limiters: limits === false ? undefined : { reads: RequestLimiter.forApi(limits.reads), writes: RequestLimiter.forApi(limits.writes) },
  };
  // The token endpoint's own limit: 30 requests a minute, whatever the environment.
  const tokenEndpoint = { tokens, limiter: new RequestLimiter([{ limit: 30, seconds: 60 }]), options: resolved };
  const faults = new Faults();
  const observation = new Observation();
  let url = '';
  const server = createSimulatorServer({ api, tokenEndpoint, faults, observation, limits }, () => url);
  url = await listen(server, resolved.port);

  return {
    url,
    imports() {
      processor.catchUp(Date.now());
      return store.all().map((imp) => ({ id: imp.id, attributes: attributesOf(imp) }));
    },
    records(resourceType) {
      processor.catchUp(Date.now());
      return records.list(resourceType);
    },
    createsByReference: (reference) => store.createsByReference(reference),
    get requests() {
      return observation.requests;
    },
    counts: () => observation.snapshot(),
    get peakRunning() {
      processor.catchUp(Date.now());
      return processor.peakRunning;
    },
    fault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    faultsSettled: () => faults.settled(),
    clearLog: () => observation.clear(),
    expireTokens: () => tokens.expireAll(Date.now()),
    onResponse: (listener) => observation.onResponse(listener),
    close: () => {
      faults.cancel();
      return closeServer(server);
    },
  };
}
