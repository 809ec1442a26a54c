// The logs as the API sends them today (one object keyed by input), and the older array form some
// servers still send: every call hands back the object form, and importAll's summary keeps every
// entry of every chunk, the same key twice included.
import { createServer, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createImportsClient } from '../../../src/index.js';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';

const CURRENT = {
  errors_log: { ABC: { name: ['has already been taken'] }, DEF: { code: ["can't be blank"] } },
  warnings_log: { ABC: ['could not be deleted'] },
};
const OLD = {
  errors_log: [{ ABC: { name: ['has already been taken'] } }, { DEF: { code: ["can't be blank"] } }],
  warnings_log: [{ ABC: ['could not be deleted'] }],
};

let form: typeof CURRENT | typeof OLD = CURRENT;
let created = 0;
let origin = '';
const server = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  req.resume();
  if (req.method === 'GET' && url.pathname === '/api/imports') return send(res, 200, { data: [], meta: { record_count: 0, page_count: 0 }, links: {} });
  if (req.method === 'POST') return send(res, 201, importOf(`imp${++created}`, 'pending', {}));
  return send(res, 200, importOf(url.pathname.split('/').pop()!, 'completed', { ...form, processed_count: 1, errors_count: 2, warnings_count: 1, inputs_size: 3 }));
});
beforeAll(async () => {
  origin = await listenOnLoopback(server);
});
afterAll(() => closeServer(server));

function importOf(id: string, status: string, attributes: Record<string, unknown>) {
  return { data: { id, type: 'imports', attributes: { status, resource_type: 'skus', created_at: '2026-12-01T00:00:00Z', updated_at: '2026-12-01T00:00:00Z', ...attributes } } };
}
function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/vnd.api+json' }).end(JSON.stringify(body));
}
const client = () => createImportsClient({ baseUrl: origin, accessToken: 'logs-token' });

describe.each([
  ['the current object form', CURRENT],
  ['the old array form', OLD],
])('%s', (_name, sent) => {
  test('retrieve and waitFor hand back the object form', async () => {
    form = sent;
    const retrieved = await client().retrieve('imp1');
    expect(retrieved.attributes.errors_log).toStrictEqual(CURRENT.errors_log);
    expect(retrieved.attributes.warnings_log).toStrictEqual(CURRENT.warnings_log);
    const waited = await client().waitFor('imp1', { intervalMs: 1 });
    expect(waited.attributes.errors_log).toStrictEqual(CURRENT.errors_log);
  });

  test('importAll sums every chunk up, keeping the messages of a key two chunks both report', async () => {
    form = sent;
    const summary = await client().importAll('skus', [{ code: 'ABC' }, { code: 'DEF' }, { code: 'GHI' }], { chunkSize: 2, intervalMs: 1 });
    expect(summary.imports).toHaveLength(2);
    expect(summary.errors_log).toStrictEqual({
      ABC: { name: ['has already been taken', 'has already been taken'] },
      DEF: { code: ["can't be blank", "can't be blank"] },
    });
    expect(summary.warnings_log).toStrictEqual({ ABC: ['could not be deleted', 'could not be deleted'] });
    // Each import keeps its own log.
    expect(summary.imports[0]!.attributes.errors_log).toStrictEqual(CURRENT.errors_log);
  });
});

describe('input keys that name members of Object.prototype', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];
  const errors = Object.fromEntries(KEYS.map((key) => [key, { name: ['has already been taken'], code: ['is invalid'] }]));
  const warnings = Object.fromEntries(KEYS.map((key) => [key, ['could not be deleted']]));
  // JSON.parse makes `__proto__` an own key, as a real response body does.
  const parsed = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  test.each([
    ['the current form', () => parsed({ errors_log: errors, warnings_log: warnings })],
    ['the old array form', () => parsed({ errors_log: KEYS.map((key) => ({ [key]: errors[key] })), warnings_log: KEYS.map((key) => ({ [key]: warnings[key] })) })],
  ])('are data in %s, through retrieve and importAll, and change no prototype', async (_name, body) => {
    form = body() as unknown as typeof CURRENT;
    const retrieved = await client().retrieve('imp1');
    expect(Object.keys(retrieved.attributes.errors_log!).sort()).toStrictEqual([...KEYS].sort());
    const summary = await client().importAll('skus', [{ code: 'A' }, { code: 'B' }], { chunkSize: 1, intervalMs: 1 });
    for (const key of KEYS) {
      expect(Object.hasOwn(summary.errors_log, key)).toBe(true);
      expect(Object.getOwnPropertyDescriptor(summary.errors_log, key)!.value).toStrictEqual({ name: ['has already been taken', 'has already been taken'], code: ['is invalid', 'is invalid'] });
      expect(Object.getOwnPropertyDescriptor(summary.warnings_log, key)!.value).toStrictEqual(['could not be deleted', 'could not be deleted']);
    }
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'code')).toBe(false);
  });
});
