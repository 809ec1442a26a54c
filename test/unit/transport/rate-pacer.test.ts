// The client's pacer: sliding windows over the latest requests, callers served in order, requests
// counted whether they asked for a turn or not. Only lower bounds on waits are asserted: a timer
// never fires early, however busy the machine.
import { describe, expect, test } from 'vitest';
import { createPacer } from '../../../src/transport/rate-pacer.js';

describe('createPacer', () => {
  test('lets `limit` requests through at once, then waits until the oldest is a window old', async () => {
    const pacer = createPacer([{ limit: 3, ms: 150 }]);
    const started = performance.now();
    const at: number[] = [];
    await Promise.all(Array.from({ length: 5 }, async () => (await pacer.take(), at.push(performance.now() - started))));
    expect(at.slice(0, 3).every((ms) => ms < 100)).toBe(true);
    expect(at[3]).toBeGreaterThanOrEqual(150);
    expect(at[4]).toBeGreaterThanOrEqual(150);
  });

  test('every window holds: the longer one paces once the shorter one is clear', async () => {
    const pacer = createPacer([{ limit: 2, ms: 50 }, { limit: 3, ms: 250 }]);
    const started = performance.now();
    for (let i = 0; i < 3; i++) await pacer.take();
    await pacer.take();
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  test('requests recorded without a turn count too', async () => {
    const pacer = createPacer([{ limit: 2, ms: 150 }]);
    pacer.record();
    pacer.record();
    const started = performance.now();
    await pacer.take();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  test('a settled turn counts from its answer: the window opens that much later', async () => {
    const pacer = createPacer([{ limit: 1, ms: 150 }]);
    const turn = await pacer.take();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the request's body on its way, its answer back
    pacer.settle(turn);
    const settledAt = performance.now();
    await pacer.take();
    expect(performance.now() - settledAt).toBeGreaterThanOrEqual(150);
  });

  test('an aborted caller rejects with its reason and does not hold up the next', async () => {
    const pacer = createPacer([{ limit: 1, ms: 150 }]);
    await pacer.take();
    const controller = new AbortController();
    const waiting = pacer.take(controller.signal);
    const after = pacer.take();
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(after).resolves.toMatchObject({ slot: expect.any(Number), at: expect.any(Number) });
  });
});
