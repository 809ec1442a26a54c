// CSV inputs, read by a real CSV parser: quoted fields keep their commas, doubled quotes and line
// breaks, and the rows are counted as records, not lines. What is not valid CSV is a 422.
import { describe, expect, test } from 'vitest';
import { call, createBody } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();

const csv = (attributes: Record<string, unknown>) => createBody({ resource_type: 'skus', format: 'csv', ...attributes });

describe('csv inputs', () => {
  test('quoted commas, quotes and line breaks arrive intact, and each record is one input', async () => {
    const simulator = await simulators.start({ inputsPerSecond: 10_000 });
    const text = [
      'code,name,shipping_category_id,description',
      'A1,"Shirt, blue",nBAvrhRZBl,"He said ""hi"""',
      'A2,Plain,nBAvrhRZBl,"two',
      'lines, and a comma"',
      '',
      'A3,"",nBAvrhRZBl,',
    ].join('\r\n');
    const created = await call(simulator.url, 'POST', '/api/imports', { body: csv({ inputs: text, skip_errors: true }) });
    expect(created.status).toBe(201);
    expect(created.body.data.attributes).toMatchObject({ format: 'csv', inputs_size: 3 });
    expect(created.body.data.attributes.inputs).toStrictEqual([
      { code: 'A1', name: 'Shirt, blue', shipping_category_id: 'nBAvrhRZBl', description: 'He said "hi"' },
      { code: 'A2', name: 'Plain', shipping_category_id: 'nBAvrhRZBl', description: 'two\r\nlines, and a comma' },
      { code: 'A3', name: '', shipping_category_id: 'nBAvrhRZBl', description: '' },
    ]);
    const id = created.body.data.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const done = await call(simulator.url, 'GET', `/api/imports/${id}`);
    // An empty field is blank: A3 has no name (skip_errors, since 1 in 3 is past 10%).
    expect(done.body.data.attributes).toMatchObject({ status: 'completed', processed_count: 2, errors_count: 1, errors_log: { A3: { name: ["can't be blank"] } } });
  });

  test('10,000 records are taken, counted as records even when a field spans lines; 10,001 are refused', async () => {
    const simulator = await simulators.start({ pacing: { pollsToFinish: 1 } });
    const rows = (n: number) => ['code,name', ...Array.from({ length: n }, (_, i) => `C${i},"line one\nline two"`)].join('\n');
    const ok = await call(simulator.url, 'POST', '/api/imports?fields[imports]=inputs_size', { body: csv({ inputs: rows(10_000) }) });
    expect(ok.status).toBe(201);
    expect(ok.body.data.attributes).toStrictEqual({ inputs_size: 10_000 });
    const tooMany = await call(simulator.url, 'POST', '/api/imports', { body: csv({ inputs: rows(10_001) }) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', source: { pointer: '/data/attributes/inputs' } });
    expect(tooMany.body.errors[0].detail).toMatch(/maximum is 10000 inputs, got 10001/);
  });

  test.each([
    ['a header only', 'code,name\n', /can't be blank/],
    ['an unclosed quote', 'code,name\nA,"open\n', /not valid CSV: Quote Not Closed/],
    ['a row with more fields than the header', 'code,name\nA,b,c\n', /not valid CSV: Invalid Record Length/],
    ['an array with format csv', [{ code: 'A' }], /must be a CSV string/],
  ])('%s is a 422', async (_, inputs, detail) => {
    const simulator = await simulators.start();
    const answer = await call(simulator.url, 'POST', '/api/imports', { body: csv({ inputs }) });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].detail).toMatch(detail);
    expect(simulator.imports()).toHaveLength(0);
  });
});
