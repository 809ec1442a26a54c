// What every operation checks before acting: the bearer token (401), the Accept header (406), the
// Content-Type of a body (415), the body itself (400 when it is no JSON:API document, 422 for its
// attributes), the id in a PATCH body (400); and what create and update return when all is well.
import { describe, expect, test } from 'vitest';
import { call, createBody, JSON_API, skus } from '../support/api-call.js';
import { useCheckedSimulators } from '../support/simulator.js';

const simulators = useCheckedSimulators();
const start = () => simulators.start({ pacing: { pollsToFinish: 1 } });

describe('the token', () => {
  test('any bearer token by default, but not a missing or malformed one', async () => {
    const simulator = await start();
    expect((await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: 'Bearer anything-goes' } })).status).toBe(200);
    for (const authorization of [null, 'Basic abc', 'Bearer ', 'Bearer two words']) {
      const answer = await call(simulator.url, 'GET', '/api/imports', { headers: { authorization } });
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.body.errors[0]).toMatchObject({ code: 'INVALID_TOKEN', status: '401' });
    }
  });

  test('with accessToken, that token only; the refusal does not repeat what was sent', async () => {
    const simulator = await simulators.start({ accessToken: 'the-one-token' });
    expect((await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: 'Bearer the-one-token' } })).status).toBe(200);
    const refused = await call(simulator.url, 'GET', '/api/imports', { headers: { authorization: 'Bearer the-one-tokem' } });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain('tokem');
  });
});

describe('media types', () => {
  test('406 unless Accept allows application/vnd.api+json', async () => {
    const simulator = await start();
    for (const accept of ['application/json', 'text/html, application/xml']) {
      const answer = await call(simulator.url, 'GET', '/api/imports', { headers: { accept } });
      expect(answer.status, accept).toBe(406);
      expect(answer.body.errors[0].code).toBe('NOT_ACCEPTABLE');
    }
    for (const accept of [null, '*/*', 'application/*', `text/html, ${JSON_API}`]) {
      expect((await call(simulator.url, 'GET', '/api/imports', { headers: { accept } })).status, String(accept)).toBe(200);
    }
  });

  test('415 for a body that is not application/vnd.api+json', async () => {
    const simulator = await start();
    const body = createBody({ resource_type: 'skus', inputs: skus(1) });
    for (const contentType of ['application/json', 'text/plain', null]) {
      const answer = await call(simulator.url, 'POST', '/api/imports', { body, headers: { 'content-type': contentType } });
      expect(answer.status, String(contentType)).toBe(415);
      expect(answer.body.errors[0].code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(simulator.imports()).toStrictEqual([]);
  });
});

describe('create', () => {
  test('201 with the whole new import, pending, and the attributes given', async () => {
    const simulator = await start();
    const attributes = { resource_type: 'prices', parent_resource_id: 'vLrWQSwXNk', inputs: [{ sku_code: 'A', amount_cents: 1 }], skip_errors: true, reference: 'r-1', reference_origin: 'erp', metadata: { batch: 42 } };
    const answer = await call(simulator.url, 'POST', '/api/imports', { body: createBody(attributes) });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toBe(JSON_API);
    const { id, type, links, attributes: returned, meta } = answer.body.data;
    expect({ type, meta }).toStrictEqual({ type: 'imports', meta: { mode: 'test' } });
    expect(links.self).toBe(`${simulator.url}/api/imports/${id}`);
    expect(returned).toMatchObject({ ...attributes, format: 'json', status: 'pending', inputs_size: 1, errors_log: {}, warnings_log: {} });
    expect(simulator.createsByReference('r-1')).toBe(1);
  });

  test.each<[string, unknown, number, string | RegExp]>([
    ['not JSON', '{"data":', 400, 'BAD_REQUEST'],
    ['no data', { type: 'imports' }, 400, 'PARAM_MISSING'],
    ['another type', { data: { type: 'skus', attributes: { resource_type: 'skus', inputs: skus(1) } } }, 422, '/data/type'],
    ['an unknown attribute', createBody({ resource_type: 'skus', inputs: skus(1), status: 'completed' }), 422, '/data/attributes/status'],
    ['no resource_type', createBody({ inputs: skus(1) }), 422, '/data/attributes/resource_type'],
    ['a resource_type outside the list', createBody({ resource_type: 'widgets', inputs: skus(1) }), 422, '/data/attributes/resource_type'],
    ['an unknown format', createBody({ resource_type: 'skus', format: 'xml', inputs: skus(1) }), 422, '/data/attributes/format'],
    ['no inputs', createBody({ resource_type: 'skus' }), 422, '/data/attributes/inputs'],
    ['empty inputs', createBody({ resource_type: 'skus', inputs: [] }), 422, '/data/attributes/inputs'],
    ['an input that is not an object', createBody({ resource_type: 'skus', inputs: [{ code: 'A' }, 'B'] }), 422, '/data/attributes/inputs/1'],
    ['10,001 inputs', createBody({ resource_type: 'skus', inputs: Array.from({ length: 10_001 }, (_, i) => ({ code: i })) }), 422, '/data/attributes/inputs'],
    ['a string skip_errors', createBody({ resource_type: 'skus', inputs: skus(1), skip_errors: 'yes' }), 422, '/data/attributes/skip_errors'],
    ['a numeric reference', createBody({ resource_type: 'skus', inputs: skus(1), reference: 42 }), 422, '/data/attributes/reference'],
    ['array metadata', createBody({ resource_type: 'skus', inputs: skus(1), metadata: [] }), 422, '/data/attributes/metadata'],
  ])('%s: %i', async (_, body, status, expected) => {
    const simulator = await start();
    const answer = await call(simulator.url, 'POST', '/api/imports', { body });
    expect(answer.status).toBe(status);
    const error = answer.body.errors[0];
    if (status === 422) expect(error).toMatchObject({ code: 'VALIDATION_ERROR', status: '422', source: { pointer: expected } });
    else expect(error.code).toBe(expected);
    expect(simulator.imports()).toStrictEqual([]);
  });

  test('fields[imports] on create: only those attributes', async () => {
    const simulator = await start();
    const answer = await call(simulator.url, 'POST', '/api/imports?fields[imports]=status,inputs_size', { body: createBody({ resource_type: 'skus', inputs: skus(3) }) });
    expect(answer.body.data.attributes).toStrictEqual({ status: 'pending', inputs_size: 3 });
  });
});

describe('update', () => {
  test('reference, reference_origin and metadata change; the answer is the whole import', async () => {
    const simulator = await start();
    const { id } = (await call(simulator.url, 'POST', '/api/imports', { body: createBody({ resource_type: 'skus', inputs: skus(1) }) })).body.data;
    const body = { data: { type: 'imports', id, attributes: { reference: 'ANY-EXTERNAL-REFEFERNCE', reference_origin: null, metadata: { foo: 'bar' } } } };
    const answer = await call(simulator.url, 'PATCH', `/api/imports/${id}`, { body });
    expect(answer.status).toBe(200);
    expect(answer.body.data.attributes).toMatchObject({ reference: 'ANY-EXTERNAL-REFEFERNCE', reference_origin: null, metadata: { foo: 'bar' }, status: 'pending' });
  });

  test('400 when data.id is not the id in the path; 422 for another attribute; 404 for no such import', async () => {
    const simulator = await start();
    const { id } = (await call(simulator.url, 'POST', '/api/imports', { body: createBody({ resource_type: 'skus', inputs: skus(1) }) })).body.data;
    const mismatch = await call(simulator.url, 'PATCH', `/api/imports/${id}`, { body: { data: { type: 'imports', id: 'abc123', attributes: { reference: 'x' } } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0]).toMatchObject({ code: 'KEY_NOT_INCLUDED_IN_URL', detail: 'The id in the body (abc123) does not match the id in the URL.' });
    const other = await call(simulator.url, 'PATCH', `/api/imports/${id}`, { body: { data: { type: 'imports', id, attributes: { status: 'completed' } } } });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].source).toStrictEqual({ pointer: '/data/attributes/status' });
    const missing = await call(simulator.url, 'PATCH', '/api/imports/nope', { body: { data: { type: 'imports', id: 'nope', attributes: { reference: 'x' } } } });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('RECORD_NOT_FOUND');
  });
});
