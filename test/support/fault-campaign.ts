// One schedule of the fault campaign: a load of tags (no key and no reference, so importing a chunk twice
// cannot fail) under a seeded fault schedule, or a child process running it killed with SIGKILL at
// a seeded moment; then, once every late create has landed, a clean rerun of the same group; then
// the invariants, each broken one a line in `problems`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ApiError, createImportsClient, type ImportAllSummary, type ImportInput, NetworkError, ResponseError, TimeoutError } from '../../src/index.js';
import { faultSchedule, type Simulator, startSimulator } from '../../src/simulator/index.js';
import { seededRandom } from '../../src/simulator/fault-random.js';

const CHILD = fileURLToPath(new URL('./children/campaign-child.mjs', import.meta.url));
/** The client's timeout: a create given up for lost is looked up this long after (settleMs). */
const TIMEOUT_MS = 250;
const RERUN_TIMEOUT_MS = 10_000;

export interface ScheduleResult {
  seed: number;
  killed: boolean;
  problems: string[];
  /** Duplicates the two runs interrupted, and chunks found imported twice. */
  interrupted: number;
  importedTwice: number;
  /** The first run ended in an error (its start read failed) rather than a summary. */
  firstRunFailed: boolean;
}

const tags = (n: number): ImportInput[] => Array.from({ length: n }, (_, i) => ({ name: `Tag ${i}` }));
const referenceOf = (group: string, index: number) => `${group}-${String(index + 1).padStart(4, '0')}`;

export async function runSchedule(seed: number, kill: boolean): Promise<ScheduleResult> {
  const draw = seededRandom(seed ^ 0x5bd1e995);
  const between = (least: number, most: number) => least + Math.floor(draw() * (most - least + 1));
  const total = between(1, 40);
  const chunkSize = between(3, 12);
  const concurrency = between(1, 3);
  const killAfterMs = between(0, 400);
  const faults = faultSchedule({ seed, maxFaults: 5, maxSkip: 3, lateMs: [TIMEOUT_MS + 100, TIMEOUT_MS + 500], delayMs: [0, TIMEOUT_MS + 150] });
  const result: ScheduleResult = { seed, killed: kill, problems: [], interrupted: 0, importedTwice: 0, firstRunFailed: false };
  const simulator = await startSimulator({ rateLimits: false, pacing: { pollsToFinish: 2 } });
  try {
    for (const fault of faults) simulator.fault(fault);
    const group = `c${seed}`;
    const records = tags(total);
    const clientOf = (timeoutMs: number) => createImportsClient({ baseUrl: simulator.url, accessToken: 'campaign-token', retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 20 }, timeoutMs });
    // The clean rerun waits longer: on a loaded machine, 250 ms can pass without a fault, and the rerun must not fail on its own.
    const load = (timeoutMs: number) => clientOf(timeoutMs).importAll('tags', records, { group, chunkSize, concurrency, intervalMs: 5 });
    const summaries: ImportAllSummary[] = [];

    if (kill) {
      await killedRun(simulator, { GROUP: group, RECORDS: String(total), CHUNK_SIZE: String(chunkSize), CONCURRENCY: String(concurrency) }, killAfterMs);
    } else {
      try {
        summaries.push(await load(TIMEOUT_MS));
      } catch (error) {
        // Only the group's first read may end a load under these faults: nothing was created then.
        const passing = error instanceof ApiError || error instanceof NetworkError || error instanceof TimeoutError || error instanceof ResponseError;
        if (!passing) result.problems.push(`the faulty run failed with ${String(error)}`);
        result.firstRunFailed = true;
      }
    }
    await simulator.faultsSettled();
    simulator.clearFaults();
    let rerun: ImportAllSummary;
    try {
      rerun = await load(RERUN_TIMEOUT_MS);
    } catch (error) {
      result.problems.push(`the clean rerun failed with ${String(error)}`);
      return result;
    }
    summaries.push(rerun);

    for (const [n, summary] of summaries.entries()) {
      const { imported_count, failed_count, not_processed_count, records_total } = summary;
      if (records_total !== total || imported_count + failed_count + not_processed_count !== total) {
        result.problems.push(`summary ${n + 1} accounts for ${imported_count} + ${failed_count} + ${not_processed_count} of ${records_total}, where ${total} were read`);
      }
      result.interrupted += summary.reconciliations.filter((each) => each.action === 'interrupted').length;
      result.importedTwice += summary.reconciliations.filter((each) => each.action === 'imported_twice').length;
    }
    if (rerun.imported_count !== total || rerun.failures.length > 0 || rerun.group_check_error !== undefined) {
      const failures = JSON.stringify(rerun.failures.map((f) => [f.reference, f.reason, String(f.error)]));
      result.problems.push(`the rerun imported ${rerun.imported_count} of ${total} (failures: ${failures}; last read: ${String(rerun.group_check_error ?? 'done')})`);
    }
    result.problems.push(...groupProblems(simulator, group, total, chunkSize));
  } finally {
    await simulator.close();
  }
  return result;
}

/** Every chunk: exactly one import not interrupted, completed with all its records; every interrupted one interrupted by the client; nothing deleted. */
function groupProblems(simulator: Simulator, group: string, total: number, chunkSize: number): string[] {
  const problems: string[] = [];
  const imports = simulator.imports();
  const patched = new Set(simulator.requests.filter((r) => r.method === 'PATCH').map((r) => decodeURIComponent(r.path.split('?')[0]!.split('/').pop()!)));
  const chunks = Math.ceil(total / chunkSize);
  const references = new Set(Array.from({ length: chunks }, (_, i) => referenceOf(group, i)));
  for (let index = 0; index < chunks; index++) {
    const reference = referenceOf(group, index);
    const size = Math.min(chunkSize, total - index * chunkSize);
    const mine = imports.filter((each) => each.attributes.reference === reference);
    const live = mine.filter((each) => each.attributes.status !== 'interrupted');
    const shown = mine.map((each) => `${each.id}:${each.attributes.status}`).join(', ');
    if (live.length !== 1) problems.push(`${reference} has ${live.length} imports not interrupted (${shown})`);
    else if (live[0]!.attributes.status !== 'completed' || live[0]!.attributes.processed_count !== size) problems.push(`${reference}'s import is not completed with its ${size} records (${shown})`);
    for (const each of mine) {
      if (each.attributes.status === 'interrupted' && !patched.has(each.id)) problems.push(`${reference}'s import ${each.id} was interrupted, but not by the client`);
    }
    if (simulator.createsByReference(reference) !== mine.length) problems.push(`${reference}: ${simulator.createsByReference(reference)} created, ${mine.length} left: some were deleted`);
  }
  const stray = imports.filter((each) => !references.has(each.attributes.reference ?? ''));
  if (stray.length > 0) problems.push(`imports outside the group's chunks: ${stray.map((each) => each.attributes.reference).join(', ')}`);
  if (simulator.requests.some((r) => r.method === 'DELETE')) problems.push('a DELETE was sent');
  return problems;
}

/** The faulty run in a child process, killed with SIGKILL `afterMs` after it starts (unless it ended first). */
async function killedRun(simulator: Simulator, env: Record<string, string>, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, ...env, BASE_URL: simulator.url, TIMEOUT_MS: String(TIMEOUT_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) if (line === 'started') break;
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, afterMs))]);
  child.kill('SIGKILL');
  await exited;
}
