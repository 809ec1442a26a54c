// How importAll follows each import it created, as the simulator's request log shows it: with poll
// pacing (an import moves one step per retrieval), the polls a chunk takes are a count, not a matter
// of time. Polls ask for the progress attributes only; the logs are read once, at the end; a poll
// the API throttles or fails slows polling down instead of failing the chunk; a failure that says
// something about the import itself (a 404) fails the chunk. No assertion reads the clock.
import { describe, expect, test } from 'vitest';
import { simulatedOrg, skus } from '../../support/simulated-org.js';
import { TimeoutError } from '../../../src/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { pause } from '../../support/api-call.js';

const POLL = 'fields[imports]=status,processed_count,inputs_size,errors_count,warnings_count';
const FINAL = 'fields[imports]=status,processed_count,inputs_size,errors_count,warnings_count,resource_type,format,parent_resource_id,started_at,completed_at,interrupted_at,errors_log,warnings_log,skip_errors,attachment_url,reference,reference_origin,metadata,created_at,updated_at';

/** The reads of one import, in order: `poll` or `final`, with the status answered. */
function readsOf(simulator: Simulator, id: string): string[] {
  return simulator.requests
    .filter((request) => request.method === 'GET' && request.path.split('?')[0] === `/api/imports/${id}`)
    .map((request) => {
      const query = decodeURIComponent(request.path.split('?')[1] ?? '');
      const kind = query === POLL ? 'poll' : query === FINAL ? 'final' : query;
      return `${kind} ${request.status}`;
    });
}

describe('following an import to its end', () => {
  test('one poll per step of the import, then one read of its final state with its logs', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 3 } });
    const progress: string[] = [];
    const summary = await client.importAll('skus', skus(6), {
      group: 'steps', chunkSize: 6, intervalMs: 5, onProgress: (p) => progress.push(`${p.status} ${p.processed_count} ${p.errors_count}`),
    });
    const [only] = simulator.imports();
    // In progress after the first, two records further on each of the next, completed on the fourth.
    expect(readsOf(simulator, only!.id)).toStrictEqual(['poll 200', 'poll 200', 'poll 200', 'poll 200', 'final 200']);
    // The create's answer first, then each poll's.
    expect(progress).toStrictEqual(['pending 0 0', 'in_progress 0 0', 'in_progress 2 0', 'in_progress 4 0', 'completed 6 0']);
    expect(summary).toMatchObject({ imported_count: 6, failed_count: 0, failures: [] });
    expect(summary.imports[0]!.attributes).toMatchObject({ status: 'completed', errors_log: {}, reference: 'steps-0001' });
  });

  test('an import the API interrupts (too many errors) is polled no more: its final state is read once', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 3 } });
    const progress: string[] = [];
    const summary = await client.importAll('skus', skus(6, { invalid: [1] }), {
      group: 'cut', intervalMs: 5, onProgress: (p) => progress.push(`${p.status} ${p.processed_count} ${p.errors_count}`),
    });
    const [only] = simulator.imports();
    expect(readsOf(simulator, only!.id)).toStrictEqual(['poll 200', 'poll 200', 'final 200']);
    expect(progress).toStrictEqual(['pending 0 0', 'in_progress 0 0', 'interrupted 1 1']);
    expect(summary.failures).toStrictEqual([{ chunk: 0, reference: 'cut-0001', chunk_items: '1-6', not_processed: 4, reason: 'interrupted', id: only!.id }]);
    // The final read carries the log: the failing record is named.
    expect(summary.failed_count).toBe(1);
    expect(Object.keys(summary.imports[0]!.attributes.errors_log ?? {})).toHaveLength(1);
  });

  test('a state seen on several polls is reported once', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2, pollsPerStep: 3 } });
    const progress: string[] = [];
    await client.importAll('skus', skus(4), { group: 'same', intervalMs: 5, onProgress: (p) => progress.push(`${p.status} ${p.processed_count}`) });
    const [only] = simulator.imports();
    expect(readsOf(simulator, only!.id)).toStrictEqual([...Array(9).fill('poll 200'), 'final 200']);
    // The create's answer (pending), then each state the polls saw, once each: not nine reports.
    expect(progress).toStrictEqual(['pending 0', 'pending 0', 'in_progress 0', 'in_progress 2', 'completed 4']);
  });
});

describe('a poll that fails', () => {
  test.each([429, 500, 503])('a poll answered %i past the transport\'s retries slows polling down; the chunk completes', async (status) => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    simulator.fault({ method: 'GET', path: new RegExp(`^/api/imports/\\w+\\?${POLL.replace('[', '\\[').replace(']', '\\]')}$`), answer: status, times: 3, skip: 1, headers: { 'Retry-After': '0' } });
    const summary = await client.importAll('skus', skus(4), { group: 'slow', intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 4, failed_count: 0, failures: [] });
    const [only] = simulator.imports();
    // The transport tried each of the three failing answers' poll again (two retries), then the follow waited and polled on.
    expect(readsOf(simulator, only!.id)).toStrictEqual(['poll 200', `poll ${status}`, `poll ${status}`, `poll ${status}`, 'poll 200', 'poll 200', 'final 200']);
  });

  test('a poll whose connection is lost past the transport\'s retries slows polling down; the chunk completes', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    simulator.fault({ method: 'GET', path: /^\/api\/imports\/\w+\?/, answer: 'drop', times: 3, skip: 1 });
    const summary = await client.importAll('skus', skus(4), { group: 'lost', intervalMs: 5 });
    expect(summary).toMatchObject({ imported_count: 4, failed_count: 0, failures: [] });
    const [only] = simulator.imports();
    expect(readsOf(simulator, only!.id)).toStrictEqual(['poll 200', 'poll null', 'poll null', 'poll null', 'poll 200', 'poll 200', 'final 200']);
  });

  test('a 404 on a poll fails the chunk: the import is gone', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    simulator.fault({ method: 'GET', path: /^\/api\/imports\/\w+\?/, answer: 404, skip: 1 });
    const summary = await client.importAll('skus', skus(4), { group: 'gone', intervalMs: 5 });
    const [only] = simulator.imports();
    expect(summary.failures).toStrictEqual([{ chunk: 0, reference: 'gone-0001', chunk_items: '1-4', not_processed: 4, reason: 'vanished', id: only!.id }]);
    // Not tried again: a 404 says the import is gone, not that the API is busy.
    expect(readsOf(simulator, only!.id)).toStrictEqual(['poll 200', 'poll 404']);
  });
});

describe('when the next poll is due, with imports moving in time', () => {
  test('an import of about a second is polled a handful of times, aimed at its end, not every interval', async () => {
    // 1,000 inputs at 1,000 a second: polled every 100 ms it would take ten polls or more.
    const { simulator, client } = await simulatedOrg({ rateLimits: false, inputsPerSecond: 1000 });
    const summary = await client.importAll('skus', skus(1000), { group: 'aimed', intervalMs: 100 });
    expect(summary).toMatchObject({ imported_count: 1000, failures: [] });
    const reads = readsOf(simulator, simulator.imports()[0]!.id);
    // Two polls show its rate; the next is aimed just past its end. Late timers only mean fewer polls
    // (on a loaded machine the first poll may already find it completed): at least one, then the final read.
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.length).toBeLessThanOrEqual(6);
    expect(reads.at(-1)).toBe('final 200');
  });

  test('an import queued behind another is polled half as often while it waits', async () => {
    // One import runs at a time: the second waits about two seconds, pending.
    const { simulator, client } = await simulatedOrg({ rateLimits: false, inputsPerSecond: 1000, maxRunning: 1 });
    const summary = await client.importAll('skus', skus(4000), { group: 'queued', chunkSize: 2000, concurrency: 2, intervalMs: 100 });
    expect(summary).toMatchObject({ imported_count: 4000, failures: [] });
    const [, second] = simulator.imports();
    const reads = readsOf(simulator, second!.id);
    // About ten polls while pending (200 ms apart), three once running: every 100 ms, over twenty.
    expect(reads.length).toBeLessThanOrEqual(17);
    expect(reads.filter((read) => read === 'final 200')).toHaveLength(1);
    expect(reads.at(-1)).toBe('final 200');
  });
});

describe('a deadline', () => {
  test('a finished load leaves no deadline timer behind: a script that ran it can exit', async () => {
    const { client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2 } });
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const summary = await client.importAll('skus', skus(30), { group: 'exits', chunkSize: 10, intervalMs: 5, timeoutMs: 3_600_000 });
    expect(summary).toMatchObject({ imported_count: 30, failures: [] });
    expect(timers()).toBeLessThanOrEqual(before);
  });

  test('an import still running at timeoutMs fails its chunk with a message naming it, and is polled no more', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false, pacing: { pollsToFinish: 2, pollsPerStep: 1_000_000 } });
    const summary = await client.importAll('skus', skus(4), { group: 'late', intervalMs: 5, timeoutMs: 200 });
    const [only] = simulator.imports();
    expect(summary.failures).toMatchObject([{ chunk: 0, reference: 'late-0001', reason: 'error', id: only!.id, not_processed: 4 }]);
    const error = summary.failures[0]!.error as Error;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`Import ${only!.id} did not finish within 200 ms`);
    // Given up: neither polled again nor read in full.
    const polls = readsOf(simulator, only!.id);
    expect(polls).not.toContain('final 200');
    await pause(50);
    expect(readsOf(simulator, only!.id)).toStrictEqual(polls);
  });
});
