// importAll's `validate` option: each record checked against its type's rules as it is read.
import { describe, expect, test } from 'vitest';
import { InputError, type InvalidRecord } from '../../../src/index.js';
import { simulatedOrg, skus } from '../../support/simulated-org.js';

/**
 * 25 SKUs where the 15th has no code and no name (no key: it can only be new, and a new SKU needs
 * both) and the 22nd a weight that is not a number.
 */
function withTwoInvalid() {
  const records: Record<string, unknown>[] = skus(25);
  records[14] = { ...records[14], code: '', name: '' };
  records[21] = { ...records[21], weight: 'heavy' };
  return records;
}

describe('importAll validate', () => {
  test('true: the first invalid record ends the load before its chunk is sent', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const run = client.importAll('skus', withTwoInvalid(), { chunkSize: 10, concurrency: 1, intervalMs: 5, validate: true });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow("Record 15 is invalid: code can't be blank; name can't be blank");
    expect(simulator.imports().map((i) => i.attributes.inputs_size)).toStrictEqual([10]);
  });

  test('a function: hears of each invalid record with its position, and the load goes on', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    const heard: InvalidRecord[] = [];
    await client.importAll('skus', withTwoInvalid(), { chunkSize: 10, intervalMs: 5, validate: (invalid) => heard.push(invalid) });
    expect(heard).toEqual([
      { position: 15, errors: { code: ["can't be blank"], name: ["can't be blank"] } },
      { position: 22, errors: { weight: ['is not a number'] } },
    ]);
    expect(simulator.imports().map((i) => i.attributes.inputs_size).sort()).toStrictEqual([10, 10, 5]);
  });

  test('true: a record that may update an existing one (its code alone) is sent, and the simulator updates it', async () => {
    const { simulator, client } = await simulatedOrg({ rateLimits: false });
    await client.importAll('skus', skus(3), { chunkSize: 10, intervalMs: 5, validate: true });
    const [first] = simulator.records('skus');
    const updates = [{ code: first!.code, name: 'Renamed' }];
    const summary = await client.importAll('skus', updates, { chunkSize: 10, intervalMs: 5, validate: true });
    expect([summary.imported_count, summary.failed_count]).toStrictEqual([1, 0]);
    expect(simulator.records('skus')).toHaveLength(3);
    expect(simulator.records('skus').find((each) => each.code === first!.code)?.name).toBe('Renamed');
  });

  test('the parent and the format count as validateRecord counts them', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    const heard: InvalidRecord[] = [];
    const prices = [{ sku_code: 'SKU0', amount_cents: '100' }, { sku_code: 'SKU1', amount_cents: '1.5' }];
    await client
      .importAll('prices', prices, { format: 'csv', attributes: { parent_resource_id: 'pl1' }, intervalMs: 5, validate: (invalid) => heard.push(invalid) })
      .catch(() => {}); // whatever the simulator makes of these prices; the check is what is tested here
    expect(heard).toEqual([{ position: 2, errors: { amount_cents: ['must be an integer'] } }]);
  });

  test('refuses a validate that is neither a boolean nor a function', async () => {
    const { client } = await simulatedOrg({ rateLimits: false });
    await expect(client.importAll('skus', skus(1), { validate: 'yes' as unknown as boolean })).rejects.toThrow('validate must be a boolean or a function');
  });
});
