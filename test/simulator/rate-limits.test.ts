// Commerce Layer's rate limits: sliding windows per class (reads = GET, writes = POST/PATCH/DELETE),
// an average over a minute and a burst over a few seconds. A refused request is a 429 with the
// X-Ratelimit-* headers of the window that refused it, and it does not count against the window.
import { describe, expect, test } from 'vitest';
import { call, createBody, pause, skus } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const header = (answer: Awaited<ReturnType<typeof call>>) => Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith('x-ratelimit')));

describe('defaults: the test environment', () => {
  test('the 126th read within 10 s is a 429 of the burst window; writes still go through', async () => {
    const simulator = await simulators.start();
    const answers = [];
    for (let i = 0; i < 126; i++) answers.push(await call(simulator.url, 'GET', '/api/imports?page[size]=1'));
    expect(answers.slice(0, 125).every((a) => a.status === 200)).toBe(true);
    // Every answer describes the average window, as Commerce Layer's do.
    expect(header(answers[0]!)).toStrictEqual({
      'x-ratelimit-limit': '500',
      'x-ratelimit-count': '1',
      'x-ratelimit-period': '60',
      'x-ratelimit-interval': '60',
      'x-ratelimit-remaining': '499',
    });
    const refused = answers[125]!;
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0]).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: '429' });
    expect(header(refused)).toStrictEqual({
      'x-ratelimit-limit': '125',
      'x-ratelimit-count': '125',
      'x-ratelimit-period': '10',
      'x-ratelimit-interval': '10',
      'x-ratelimit-remaining': '0',
    });
    const write = await call(simulator.url, 'POST', '/api/imports', { body: createBody({ resource_type: 'skus', inputs: skus(1) }) });
    expect(write.status).toBe(201);
    expect(header(write)['x-ratelimit-limit']).toBe('100');
    expect(simulator.counts()).toMatchObject({ throttled: 1, byMethod: { GET: 126, POST: 1 } });
  });

  test('the 26th write within 10 s is a 429', async () => {
    const simulator = await simulators.start({ pacing: { pollsToFinish: 1 } });
    const statuses = [];
    for (let i = 0; i < 26; i++) {
      statuses.push((await call(simulator.url, 'POST', '/api/imports', { body: createBody({ resource_type: 'tags', inputs: [{ name: `t${i}` }] }) })).status);
    }
    expect(statuses.slice(0, 25)).toStrictEqual(Array(25).fill(201));
    expect(statuses[25]).toBe(429);
    // The refused create stored nothing.
    expect(simulator.imports()).toHaveLength(25);
  });
});

describe('sliding windows', () => {
  test('a burst window lets requests through again once its oldest request is older than the window', async () => {
    const simulator = await simulators.start({ rateLimits: { reads: { perBurst: 3, burstSeconds: 1 } } });
    const get = () => call(simulator.url, 'GET', '/api/imports');
    const first = [await get(), await get(), await get(), await get()];
    expect(first.map((a) => a.status)).toStrictEqual([200, 200, 200, 429]);
    expect(header(first[3]!)).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-interval': '1' });
    await pause(1050);
    expect((await get()).status).toBe(200);
    expect(simulator.counts().throttled).toBe(1);
  });

  test('the average window: perMinute requests, then 429 with a 60 s interval', async () => {
    const simulator = await simulators.start({ rateLimits: { writes: { perMinute: 2 } } });
    const remove = () => call(simulator.url, 'DELETE', '/api/imports/none');
    const statuses = [(await remove()).status, (await remove()).status];
    const refused = await remove();
    expect(statuses).toStrictEqual([404, 404]);
    expect(refused.status).toBe(429);
    expect(header(refused)).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-interval': '60', 'x-ratelimit-remaining': '0' });
    // Reads are a class of their own.
    expect((await call(simulator.url, 'GET', '/api/imports')).status).toBe(200);
  });

  test('rateLimits: false turns them off', async () => {
    const simulator = await simulators.start({ rateLimits: false });
    for (let i = 0; i < 130; i++) expect((await call(simulator.url, 'GET', '/api/imports?page[size]=1')).status).toBe(200);
    expect(simulator.counts().throttled).toBe(0);
  });
});
