// Faults in time: a create acted on only after its client gave up (store-late), an answer sent
// late (delay), and fault schedules drawn from a seed, the same for the same seed.
import { describe, expect, test } from 'vitest';
import { createImportsClient, NetworkError, TimeoutError } from '../../src/index.js';
import { faultSchedule } from '../../src/simulator/index.js';
import { seededRandom } from '../../src/simulator/fault-random.js';
import { skus } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const start = () => simulators.start({ pacing: { pollsToFinish: 1 }, rateLimits: false });
const clientOf = (url: string, timeoutMs = 30_000) => createImportsClient({ baseUrl: url, accessToken: 't', retry: false, timeoutMs });

describe('faults in time', () => {
  test('store-late: the connection drops at once, and the import is stored only after delayMs', async () => {
    const simulator = await start();
    simulator.fault({ method: 'POST', answer: 'store-late', delayMs: 300 });
    const error = await clientOf(simulator.url).create({ resource_type: 'skus', inputs: skus(1), reference: 'late' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(simulator.createsByReference('late')).toBe(0);
    await simulator.faultsSettled();
    expect(simulator.createsByReference('late')).toBe(1);
    expect(simulator.imports()[0]!.attributes).toMatchObject({ reference: 'late', status: 'pending' });
  });

  test('delay: acted on at once, answered after delayMs; a client that gave up gets nothing', async () => {
    const simulator = await start();
    simulator.fault({ method: 'POST', answer: 'delay', delayMs: 400, times: 2 });
    const began = performance.now();
    const created = await clientOf(simulator.url).create({ resource_type: 'skus', inputs: skus(1), reference: 'slow' });
    expect(performance.now() - began).toBeGreaterThanOrEqual(390);
    expect(created.attributes.reference).toBe('slow');
    const error = await clientOf(simulator.url, 100).create({ resource_type: 'skus', inputs: skus(1), reference: 'gave-up' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(simulator.createsByReference('gave-up')).toBe(1);
    await simulator.faultsSettled();
  });

  test('late work still waiting when the simulator closes is dropped, and keeps nothing alive', async () => {
    const simulator = await start();
    simulator.fault({ method: 'POST', answer: 'store-late', delayMs: 60_000 });
    await clientOf(simulator.url).create({ resource_type: 'skus', inputs: skus(1), reference: 'never' }).catch(() => {});
    const settled = simulator.faultsSettled();
    await simulator.close();
    await settled;
    expect(simulator.createsByReference('never')).toBe(0);
  });

  test.each([
    [{ method: 'POST', answer: 'late' }, /answer must be a status from 100 to 599 or one of drop, drop-after-store, delay, store-late/],
    [{ method: 'POST', answer: 'delay', delayMs: -1 }, /delayMs must be a finite number of 0 or more/],
  ])('%o is refused', async (spec, message) => {
    const simulator = await start();
    expect(() => simulator.fault(spec as never)).toThrow(message);
  });
});

describe('seeded schedules', () => {
  test('the same seed draws the same schedule; other seeds draw others', () => {
    const show = (seed: number) => JSON.stringify(faultSchedule({ seed }), (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
    expect(show(42)).toBe(show(42));
    const distinct = new Set(Array.from({ length: 50 }, (_, seed) => show(seed)));
    expect(distinct.size).toBe(50);
  });

  test('a schedule holds what the options allow, and every kind of fault shows up over many seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 500; seed++) {
      const schedule = faultSchedule({ seed, maxFaults: 3, maxSkip: 2, lateMs: [200, 300], delayMs: [10, 20] });
      expect(schedule.length).toBeGreaterThanOrEqual(1);
      expect(schedule.length).toBeLessThanOrEqual(3);
      for (const fault of schedule) {
        seen.add(`${fault.method} ${String(fault.path)} ${fault.answer}`);
        expect(fault.skip).toBeLessThanOrEqual(2);
        if (fault.answer === 'store-late') expect(fault.delayMs).toBeGreaterThanOrEqual(200);
        if (fault.answer === 'store-late') expect(fault.delayMs).toBeLessThanOrEqual(300);
        if (fault.answer === 'delay') expect(fault.delayMs).toBeLessThanOrEqual(20);
      }
    }
    for (const kind of ['POST /api/imports store-late', 'GET /api/imports drop', 'GET /^\\/api\\/imports\\/[^/?]+/ delay', 'PATCH /^\\/api\\/imports\\/[^/?]+/ drop-after-store']) {
      expect(seen).toContain(kind);
    }
  });

  test('seededRandom is in [0, 1) and replays from its seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toStrictEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('bad options are refused', () => {
    expect(() => faultSchedule({ seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => faultSchedule({ seed: 1, lateMs: [5, 1] })).toThrow(/lateMs must be \[least, most\]/);
  });
});
