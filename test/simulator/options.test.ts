// The simulator's options: checked when it starts, with messages that name the option (and never
// repeat a token or a secret); keepInputs: false for loads too large to keep in memory.
import { describe, expect, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { type SimulatorOptions, startSimulator } from '../../src/simulator/index.js';
import { skus } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();

describe('options', () => {
  test.each<[string, unknown, RegExp]>([
    ['a misspelt name', { inputPerSecond: 10 }, /Unknown simulator option inputPerSecond/],
    ['inputsPerSecond 0', { inputsPerSecond: 0 }, /inputsPerSecond must be a finite number above 0/],
    ['a fractional maxRunning', { maxRunning: 2.5 }, /maxRunning must be an integer/],
    ['a port out of range', { port: 70_000 }, /port must be an integer from 0 to 65535/],
    ['pollsPerStep 0', { pacing: { pollsPerStep: 0 } }, /pacing.pollsPerStep/],
    ['a rate limit of 0', { rateLimits: { writes: { perBurst: 0 } } }, /rateLimits.writes.perBurst/],
    ['a token with a space', { accessToken: 'two words' }, /accessToken must be/],
    ['a client without a secret', { clients: [{ clientId: 'a', clientSecret: '' }] }, /clients\[0\]/],
    ['keepInputs that is not a boolean', { keepInputs: 'no' }, /keepInputs must be a boolean/],
    ['records that is an array', { records: [] }, /records must be an object of record arrays/],
    ['records of a type that is not a name', { records: { 'Skus!': [] } }, /records: "Skus!" is not a resource type/],
    ['records of a type that are not an array', { records: { skus: { id: 'a' } } }, /records.skus must be an array/],
    ['a record without an id', { records: { skus: [{ code: 'A' }] } }, /records.skus\[0\] must have a non-empty string id/],
    ['a record that is not an object', { records: { tags: ['sale'] } }, /records.tags\[0\] must be an object/],
    ['two records with one id', { records: { tags: [{ id: 'a' }, { id: 'a' }] } }, /records.tags\[1\] has the id a of an earlier record/],
  ])('%s is refused at start', async (_, options, message) => {
    await expect(startSimulator(options as SimulatorOptions)).rejects.toThrow(message);
  });

  test('the refusal of a bad accessToken does not repeat it', async () => {
    const error = await startSimulator({ accessToken: 'secret token' }).catch((e: unknown) => e);
    expect(String(error)).not.toContain('secret token');
  });

  test('port: it listens on that port of 127.0.0.1, and refuses to start when the port is taken', async () => {
    const first = await simulators.start();
    const port = Number(new URL(first.url).port);
    await expect(startSimulator({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await first.close();
    const again = await simulators.start({ port });
    expect(again.url).toBe(`http://127.0.0.1:${port}`);
  });

  test('keepInputs: false drops the inputs of a finished import, and keeps its counts', async () => {
    const simulator = await simulators.start({ keepInputs: false, inputsPerSecond: 100_000 });
    const client = createImportsClient({ baseUrl: simulator.url, accessToken: 't' });
    const { id } = await client.create({ resource_type: 'skus', inputs: skus(50) });
    const done = await client.waitFor(id, { intervalMs: 5 });
    expect(done.attributes).toMatchObject({ status: 'completed', inputs: [], inputs_size: 50, processed_count: 50 });
  });
});
