// Property-based: whatever id and metadata a caller passes, the request names exactly that import and
// carries exactly that metadata, or the client refuses it with InputError and sends nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createImportsClient, type ImportsClient, InputError } from '../../../src/index.js';
import { type FaultServer, importResponse, type RecordedRequest, startFaultServer } from '../../support/fault-server.js';
import { expectNoUnhandledRejections } from '../../support/no-unhandled-rejections.js';

const RUNS = 1_000;
let server: FaultServer;
let client: ImportsClient;

beforeAll(async () => {
  server = await startFaultServer();
  server.fallback = importResponse();
  client = createImportsClient({ baseUrl: server.url, accessToken: 'property-test-token', retry: false });
});
afterAll(() => server.close());
expectNoUnhandledRejections();

/** Characters that URLs, path serializers and string replacement treat specially, and lone surrogates. */
const awkward = fc.constantFrom('/', '.', '..', '%', '%2e', '%2E', '%2F', '%25', '?', '#', '\\', ' ', '+', '&', '=', ';', ':', '@', '$&', "$'", '{importId}', '\0', '\r', '\n', '\t', '\x7f', '\u0085', '\u2028', '\ufeff', '\uffff');
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const unit = fc.oneof(awkward, loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('a', 'Z', '0', '-', '_'));
const anyId = fc.oneof({ weight: 1, arbitrary: fc.constantFrom('', '.', '..') }, { weight: 30, arbitrary: fc.string({ unit, maxLength: 12 }) });
const key = fc.oneof({ weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toJSON', 'prototype', '') }, { weight: 8, arbitrary: fc.string({ unit, maxLength: 8 }) });
const jsonMetadata = fc.dictionary(key, fc.jsonValue({ maxDepth: 3, stringUnit: unit }), { maxKeys: 6 });
/** Values JSON cannot carry as they are: the client must refuse them rather than send something else. */
const anyMetadata = fc.dictionary(
  key,
  fc.anything({ maxDepth: 3, key, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true, withNullPrototype: true }),
  { maxKeys: 4 },
);

/** What the id check promises to refuse: ids that cannot name exactly one path segment. */
const sendable = (id: string) => id !== '' && id !== '.' && id !== '..' && id.isWellFormed();

/** Runs an update; either it was refused before sending, or exactly one request went out. */
async function send(id: string, metadata: unknown): Promise<{ refused: InputError } | { request: RecordedRequest; resultId: string }> {
  const before = server.requests.length;
  try {
    const imported = await client.update(id, { metadata: metadata as Record<string, unknown> });
    expect(server.requests).toHaveLength(before + 1);
    return { request: server.requests.at(-1)!, resultId: imported.id };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.attempts).toBe(0);
    expect(server.requests).toHaveLength(before);
    return { refused: error };
  }
}

/** JSON equality: same keys (own, __proto__ included) and values, numbers by ===, since JSON has no -0. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (b === null || typeof b !== 'object' || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson((a as never)[k], (b as never)[k]));
}

function receivedMetadata(request: RecordedRequest): unknown {
  return (JSON.parse(request.body) as { data: { attributes: { metadata: unknown } } }).data.attributes.metadata;
}

test(`ids: exactly /api/imports/<one segment> decoding to the id, or InputError and nothing sent (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(anyId, async (id) => {
      const outcome = await send(id, { n: 1 });
      expect('refused' in outcome).toBe(!sendable(id));
      if ('refused' in outcome) return;
      const segment = /^\/api\/imports\/([^/?#]+)$/.exec(outcome.request.url)?.[1];
      expect(segment, outcome.request.url).toBeDefined();
      expect(decodeURIComponent(segment!)).toBe(id);
      expect(JSON.parse(outcome.request.body).data.id).toBe(id);
      expect(outcome.resultId).toBe(id);
    }),
    { numRuns: RUNS },
  );
});

test(`JSON metadata arrives deep-equal (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(jsonMetadata, async (metadata) => {
      const outcome = await send('imp0rt', metadata);
      expect('request' in outcome).toBe(true);
      if ('request' in outcome) expect(sameJson(receivedMetadata(outcome.request), metadata)).toBe(true);
    }),
    { numRuns: RUNS },
  );
});

test(`any metadata arrives deep-equal, or is refused with InputError and nothing sent (${RUNS} runs)`, async () => {
  let refusals = 0;
  await fc.assert(
    fc.asyncProperty(anyMetadata, async (metadata) => {
      const outcome = await send('imp0rt', metadata);
      if ('refused' in outcome) refusals++;
      else expect(sameJson(receivedMetadata(outcome.request), metadata)).toBe(true);
    }),
    { numRuns: RUNS },
  );
  // Both branches were exercised.
  expect(refusals).toBeGreaterThan(0);
  expect(refusals).toBeLessThan(RUNS);
});
