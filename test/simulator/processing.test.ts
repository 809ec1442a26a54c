// Imports over time: processed at the configured rate, at most maxRunning of them in progress with
// the rest pending until a slot frees, interrupted past 10% of invalid inputs unless skip_errors,
// with realistic errors_log entries for missing attributes; an input whose record exists updates it.
import { describe, expect, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { type Simulator } from '../../src/simulator/index.js';
import { eventually, pause, skus } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const clientOf = (simulator: Simulator) => createImportsClient({ baseUrl: simulator.url, accessToken: 'processing-token', retry: false });
const byId = (simulator: Simulator, id: string) => simulator.imports().find((imp) => imp.id === id)!.attributes;

/** At no instant were more than `max` of these imports in progress (started, not yet completed). */
function expectAtMostRunning(imports: Array<{ started_at: string | null; completed_at: string | null }>, max: number): void {
  const spans = imports.map((a) => [Date.parse(a.started_at!), Date.parse(a.completed_at!)] as const);
  for (const [instant] of spans) expect(spans.filter(([start, end]) => start <= instant && instant < end).length).toBeLessThanOrEqual(max);
}

describe('one import over time', () => {
  test('pending, then in_progress with processed_count growing at inputsPerSecond, then completed', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 1000 });
    const client = clientOf(simulator);
    const created = await client.create({ resource_type: 'skus', inputs: skus(1000) });
    expect(created.attributes).toMatchObject({ status: 'pending', processed_count: 0, inputs_size: 1000, started_at: null, errors_log: {}, metadata: {}, reference: null });

    const halfway = await eventually(async () => {
      const now = await client.retrieve(created.id);
      return now.attributes.status === 'in_progress' && now.attributes.processed_count! > 0 ? now : undefined;
    });
    expect(halfway.attributes.processed_count).toBeLessThan(1000);
    expect(halfway.attributes.started_at).not.toBeNull();

    const done = await client.waitFor(created.id, { intervalMs: 20 });
    expect(done.attributes).toMatchObject({ status: 'completed', processed_count: 1000, errors_count: 0, inputs_size: 1000 });
    // 1000 inputs at 1000 a second: completed exactly 1 s after it started.
    const took = Date.parse(done.attributes.completed_at!) - Date.parse(done.attributes.started_at!);
    expect(took).toBe(1000);
    expect(Date.parse(done.attributes.started_at!)).toBeGreaterThanOrEqual(Date.parse(done.attributes.created_at));
  });

  test('time pacing does nothing between requests and catches up on the next one', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 2000 });
    const { id } = await clientOf(simulator).create({ resource_type: 'skus', inputs: skus(100) });
    await pause(120);
    // No request in between, yet the state is as if the import had run all along.
    expect(byId(simulator, id)).toMatchObject({ status: 'completed', processed_count: 100 });
  });
});

describe('at most maxRunning in progress', () => {
  test('12 imports: never more than 10 in progress, and the other 2 start the instant a slot frees', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 1000 });
    const client = clientOf(simulator);
    // Long enough (0.8 s and up) that all 12 are created before the first ends, even on a loaded machine.
    const sizes = [800, 1000, 1200, 1400, 1600, 1800, 2000, 2200, 2400, 2600, 1200, 1200];
    const ids: string[] = [];
    for (const [i, size] of sizes.entries()) ids.push((await client.create({ resource_type: 'skus', inputs: skus(size, { prefix: `P${i}-` }) })).id);

    const seen = await client.list({ page: { size: 25 }, filter: { status_eq: 'in_progress' } });
    expect(seen.data.length).toBeLessThanOrEqual(10);

    await eventually(() => (simulator.imports().every((imp) => imp.attributes.status === 'completed') ? true : undefined));
    expect(simulator.peakRunning).toBe(10);
    const all = simulator.imports().map((imp) => imp.attributes);
    expectAtMostRunning(all, 10);
    // The last two start the instant a slot frees: when an earlier import completes (or when created, if a slot was free).
    const completions = new Set(all.map((a) => a.completed_at));
    for (const attributes of all.slice(10)) expect([...completions, attributes.created_at]).toContain(attributes.started_at);
    expect(Date.parse(all[10]!.started_at!)).toBeGreaterThanOrEqual(Math.min(...all.slice(0, 10).map((a) => Date.parse(a.completed_at!))));
  });

  test('maxRunning is an option: with 2, a third import waits', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 500, maxRunning: 2 });
    const client = clientOf(simulator);
    for (const i of [0, 1, 2]) await client.create({ resource_type: 'skus', inputs: skus(100, { prefix: `M${i}-` }) });
    await eventually(() => (simulator.imports().every((imp) => imp.attributes.status === 'completed') ? true : undefined));
    expect(simulator.peakRunning).toBe(2);
    const [a, b, c] = simulator.imports().map((imp) => imp.attributes);
    expectAtMostRunning([a!, b!, c!], 2);
    expect(Date.parse(c!.started_at!)).toBeGreaterThanOrEqual(Math.min(Date.parse(a!.completed_at!), Date.parse(b!.completed_at!)));
  });
});

describe('invalid inputs', () => {
  test('more than 10% invalid: interrupted at the input that passes 10%, errors logged by code', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 5000 });
    const client = clientOf(simulator);
    const inputs: Record<string, unknown>[] = [...skus(20)];
    for (const i of [3, 7, 11]) inputs[i] = { code: `SKU${i}`, name: `Sku ${i}` }; // no shipping_category_id
    const { id } = await client.create({ resource_type: 'skus', inputs });
    const done = await client.waitFor(id, { intervalMs: 10 });
    expect(done.attributes).toMatchObject({ status: 'interrupted', errors_count: 3, processed_count: 9, completed_at: null });
    expect(done.attributes.errors_log).toStrictEqual({
      SKU3: { shipping_category_id: ["can't be blank"] },
      SKU7: { shipping_category_id: ["can't be blank"] },
      SKU11: { shipping_category_id: ["can't be blank"] },
    });
    expect(done.attributes.interrupted_at).not.toBeNull();
  });

  test('the same inputs with skip_errors: completed; processed_count counts the imported inputs only', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 5000 });
    const client = clientOf(simulator);
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(20, { invalid: 3 }), skip_errors: true });
    const done = await client.waitFor(id, { intervalMs: 10 });
    // Commerce Layer's document: processed_count is the records created or updated (300 inputs, 30 errors, 270 processed).
    expect(done.attributes).toMatchObject({ status: 'completed', errors_count: 3, processed_count: 17, inputs_size: 20 });
    expect(done.attributes.errors_log).toStrictEqual({ SKU0: { base: ['is invalid'] }, SKU1: { base: ['is invalid'] }, SKU2: { base: ['is invalid'] } });
  });

  test('exactly 10% invalid is not too many', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 5000 });
    const client = clientOf(simulator);
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(20, { invalid: 2 }) });
    await expect(client.waitFor(id, { intervalMs: 10 })).resolves.toMatchObject({ attributes: { status: 'completed', errors_count: 2 } });
  });

  test('a code already imported, by this import or an earlier one, updates that SKU; inputs without a code are keyed by index', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 5000 });
    const client = clientOf(simulator);
    const first = await client.create({ resource_type: 'skus', inputs: skus(3) });
    await client.waitFor(first.id, { intervalMs: 10 });
    const category = 'nBAvrhRZBl'; // the seed shipping category
    const again = await client.create({
      resource_type: 'skus',
      inputs: [...skus(2), { code: 'NEW', name: 'New', shipping_category_id: category }, { code: 'NEW', name: 'Again', shipping_category_id: category }, { name: 'No code' }],
      skip_errors: true,
    });
    const done = await client.waitFor(again.id, { intervalMs: 10 });
    expect(done.attributes.errors_log).toStrictEqual({ 4: { code: ["can't be blank"], shipping_category_id: ["can't be blank"] } });
    expect(done.attributes).toMatchObject({ errors_count: 1, processed_count: 4 });
    // SKU0, SKU1 updated; NEW created by its first input and updated by its second.
    expect(simulator.records('skus').map(({ code, name }) => [code, name])).toStrictEqual([['SKU0', 'Sku 0'], ['SKU1', 'Sku 1'], ['SKU2', 'Sku 2'], ['NEW', 'Again']]);
    // Prices need no code, only amount_cents, their SKU and a price list; having no code, they are logged by place.
    const prices = await client.create({ resource_type: 'prices', parent_resource_id: 'vLrWQSwXNk', inputs: [{ sku_code: 'SKU0', amount_cents: 100 }, { sku_code: 'SKU1' }], skip_errors: true });
    const priced = await client.waitFor(prices.id, { intervalMs: 10 });
    expect(priced.attributes.errors_log).toStrictEqual({ 1: { amount_cents: ["can't be blank"] } });
  });

  test('warn: true imports an input with a warning', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 5000 });
    const client = clientOf(simulator);
    const { id } = await client.create({ resource_type: 'skus', inputs: [{ ...skus(1)[0]!, warn: true }] });
    const done = await client.waitFor(id, { intervalMs: 10 });
    expect(done.attributes).toMatchObject({ status: 'completed', processed_count: 1, warnings_count: 1, warnings_log: { SKU0: ['was imported with a warning'] } });
  });
});

describe('interrupting and deleting', () => {
  test('_interrupt stops a running import where it is, and frees its slot for a pending one', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 200, maxRunning: 1 });
    const client = clientOf(simulator);
    const running = await client.create({ resource_type: 'skus', inputs: skus(1000) });
    const waiting = await client.create({ resource_type: 'skus', inputs: skus(10, { prefix: 'W' }) });
    await eventually(async () => ((await client.retrieve(running.id)).attributes.processed_count! > 0 ? true : undefined));
    const interrupted = await client.interrupt(running.id);
    expect(interrupted.attributes.status).toBe('interrupted');
    const frozen = interrupted.attributes.processed_count;
    await expect(client.waitFor(waiting.id, { intervalMs: 10 })).resolves.toMatchObject({ attributes: { status: 'completed' } });
    expect((await client.retrieve(running.id)).attributes).toMatchObject({ status: 'interrupted', processed_count: frozen });
    // A pending import (the one slot taken) can be interrupted too; a finished one stays as it is.
    const busy = await client.create({ resource_type: 'skus', inputs: skus(1000, { prefix: 'R' }) });
    const pendingOne = await client.create({ resource_type: 'skus', inputs: skus(1, { prefix: 'Q' }) });
    expect((await client.interrupt(pendingOne.id)).attributes).toMatchObject({ status: 'interrupted', started_at: null });
    await client.interrupt(busy.id);
    expect((await client.interrupt(waiting.id)).attributes.status).toBe('completed');
  });

  test('delete: 204, then 404; the records it imported stay, and importing them again updates them', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 5000 });
    const client = clientOf(simulator);
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(2) });
    await client.waitFor(id, { intervalMs: 10 });
    await expect(client.delete(id)).resolves.toBeUndefined();
    await expect(client.retrieve(id)).rejects.toMatchObject({ status: 404, code: 'RECORD_NOT_FOUND' });
    expect(simulator.records('skus')).toHaveLength(2);
    const again = await client.create({ resource_type: 'skus', inputs: skus(2) });
    await expect(client.waitFor(again.id, { intervalMs: 10 })).resolves.toMatchObject({ attributes: { errors_count: 0, processed_count: 2 } });
    expect(simulator.records('skus')).toHaveLength(2);
  });
});

describe('poll pacing, for deterministic tests', () => {
  test('each retrieval is a step: pending, in_progress, half, completed, and the 10-running cap holds', async () => {
    const simulator = await simulators.start({ pacing: { pollsToFinish: 2 }, maxRunning: 1 });
    const client = clientOf(simulator);
    const a = await client.create({ resource_type: 'skus', inputs: skus(10) });
    const b = await client.create({ resource_type: 'skus', inputs: skus(2, { prefix: 'B' }) });
    const steps = [];
    for (let i = 0; i < 4; i++) steps.push((await client.retrieve(a.id, { fields: ['status', 'processed_count'] })).attributes);
    expect(steps).toStrictEqual([
      { status: 'in_progress', processed_count: 0 },
      { status: 'in_progress', processed_count: 5 },
      { status: 'completed', processed_count: 10 },
      { status: 'completed', processed_count: 10 },
    ]);
    await pause(30);
    // Nothing moves with time: b moves only when retrieved.
    expect(byId(simulator, b.id).status).toBe('pending');
    expect((await client.retrieve(b.id)).attributes.status).toBe('in_progress');
  });
});
