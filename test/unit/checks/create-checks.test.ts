// create() checks its input before sending: each bad input is an InputError and no request leaves.
// Valid input reaches the simulator as one POST with the JSON:API body, and the simulator's answers
// are checked against the document.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createImportsClient, type ImportCreateAttributes, type ImportResourceType, InputError } from '../../../src/index.js';
import { type Simulator, startSimulator } from '../../../src/simulator/index.js';
import { openApiDocument } from '../../support/openapi-document.js';
import { useResponseChecks } from '../../support/simulator.js';

const checks = useResponseChecks();
let fake: Simulator;
beforeAll(async () => {
  // Paced by retrieval, so the imports created here stay pending; no rate limit, as many are created at once.
  fake = checks.watch(await startSimulator({ pacing: { pollsToFinish: 1 }, rateLimits: false }));
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearLog();
});

const requests = () => fake.requests.map((r) => `${r.method} ${r.path}`);
const stored = (id: string) => fake.imports().find((imp) => imp.id === id);
const client = () => createImportsClient({ baseUrl: fake.url, accessToken: 'create-checks-token', retry: false });
const skus = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `SKU${i}`, name: `Sku ${i}` }));
/** n CSV records, each name a quoted field holding a line break: twice as many lines as records. */
const csv = (n: number) => `code,name\n${Array.from({ length: n }, (_, i) => `SKU${i},"Sku\n${i}"`).join('\n')}\n`;

describe('refused before any request', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a resource_type outside the enum', { resource_type: 'widgets', inputs: skus(1) }, /resource_type widgets cannot be imported: use one of addresses, /],
    ['no resource_type', { inputs: skus(1) }, /resource_type undefined cannot be imported/],
    ['more than 10,000 inputs', { resource_type: 'skus', inputs: skus(10_001) }, /10001 records, more than the 10000 one import takes/],
    ['an empty inputs array', { resource_type: 'skus', inputs: [] }, /inputs is empty/],
    ['no inputs', { resource_type: 'skus' }, /inputs must be an array of objects/],
    ['a json input that is a string', { resource_type: 'skus', inputs: [{ code: 'A' }, 'B'] }, /inputs\[1\] must be a plain object/],
    ['a json input that is an array', { resource_type: 'skus', inputs: [['code', 'A']] }, /inputs\[0\] must be a plain object/],
    ['a json input that is null', { resource_type: 'skus', inputs: [null] }, /inputs\[0\] must be a plain object/],
    ['a json input that is a Date', { resource_type: 'skus', inputs: [new Date()] }, /inputs\[0\] must be a plain object/],
    ['a json input with no attribute', { resource_type: 'skus', inputs: [{}] }, /inputs\[0\] must be a plain object with at least one attribute/],
    ['json inputs given as a CSV string', { resource_type: 'skus', inputs: 'code\nA\n' }, /inputs must be an array of objects/],
    ['csv inputs that are an array', { resource_type: 'skus', format: 'csv', inputs: skus(1) }, /inputs must be a CSV string when format is csv/],
    ['csv inputs that are blank', { resource_type: 'skus', format: 'csv', inputs: ' \n' }, /inputs has no record/],
    ['csv inputs of 10,001 records', { resource_type: 'skus', format: 'csv', inputs: csv(10_001) }, /10001 CSV records, more than the 10000 one import takes/],
    ['a json input holding NaN', { resource_type: 'skus', inputs: [{ code: 'A', price: Number.NaN }] }, /inputs\[0\]\.price is NaN, which JSON cannot carry/],
    ['a json input holding a Date', { resource_type: 'skus', inputs: [{ code: 'A', at: new Date() }] }, /inputs\[0\]\.at is a Date/],
    ['a json input holding undefined', { resource_type: 'skus', inputs: [{ code: 'A', name: undefined }] }, /inputs\[0\]\.name is a undefined/],
    ['an unknown format', { resource_type: 'skus', format: 'xml', inputs: skus(1) }, /format must be "json" or "csv", not xml/],
    ['an unknown attribute', { resource_type: 'skus', inputs: skus(1), status: 'completed' }, /Unknown attribute "status"/],
    ['_interrupt, which only update takes', { resource_type: 'skus', inputs: skus(1), _interrupt: true }, /Unknown attribute "_interrupt"/],
    ['skip_errors that is not a boolean', { resource_type: 'skus', inputs: skus(1), skip_errors: 'yes' }, /skip_errors must be a boolean/],
    ['an empty parent_resource_id', { resource_type: 'prices', inputs: skus(1), parent_resource_id: '' }, /parent_resource_id must be/],
    ['a reference that is not a string', { resource_type: 'skus', inputs: skus(1), reference: 42 }, /reference must be a string or null/],
    ['metadata that is not a plain object', { resource_type: 'skus', inputs: skus(1), metadata: [] }, /metadata must be a plain object/],
    ['attributes that are not an object', 'skus', /attributes must be a plain object/],
  ];

  test.each(cases)('%s', async (_, attributes, message) => {
    const error = await client()
      .create(attributes as ImportCreateAttributes)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).attempts).toBe(0);
    expect(requests()).toStrictEqual([]);
  });
});

describe('accepted and sent once', () => {
  test('10,000 CSV records on 20,001 lines (quoted line breaks) are one import, not refused', async () => {
    const created = await client().create({ resource_type: 'skus', format: 'csv', inputs: csv(10_000) }, { fields: ['status', 'inputs_size'] });
    expect(created.attributes).toStrictEqual({ status: 'pending', inputs_size: 10_000 });
  });

  test('10,000 json inputs, the most one import takes, become one POST', async () => {
    const created = await client().create({ resource_type: 'skus', inputs: skus(10_000) }, { fields: ['status', 'inputs_size'] });
    expect(created.attributes).toStrictEqual({ status: 'pending', inputs_size: 10_000 });
    expect(requests()).toStrictEqual(['POST /api/imports?fields[imports]=status,inputs_size']);
    expect(stored(created.id)?.attributes.inputs).toHaveLength(10_000);
  });

  test('every optional attribute, null where the document allows it, passes the checks', async () => {
    const attributes: ImportCreateAttributes = {
      resource_type: 'prices',
      format: 'json',
      inputs: [{ sku_code: 'ABC', amount_cents: 1000 }],
      parent_resource_id: 'vLrWQSwXNk',
      skip_errors: true,
      reference: null,
      reference_origin: 'erp',
      metadata: { batch: 42 },
    };
    const created = await client().create(attributes);
    expect(created.attributes).toMatchObject({ ...attributes, status: 'pending' });
    expect(requests()).toHaveLength(1);
  });

  test('optional attributes left undefined are simply not sent', async () => {
    const created = await client().create({ resource_type: 'skus', inputs: skus(1), reference: undefined, metadata: undefined });
    expect(created.attributes.status).toBe('pending');
    expect(requests()).toHaveLength(1);
  });

  test('every resource type of the document is accepted', async () => {
    const types = (openApiDocument.components.schemas.ImportResourceType as { enum: ImportResourceType[] }).enum;
    expect(types).toHaveLength(24); // the official list, price_lists and stock_locations included (issue 9)
    for (const resource_type of types) await client().create({ resource_type, inputs: skus(1) }, { fields: ['resource_type'] });
    expect(requests()).toHaveLength(types.length);
    expect(fake.imports().slice(-types.length).map((i) => i.attributes.resource_type)).toStrictEqual(types);
  });
});
