// One load through one client, in a fresh process: `node load-child.js <client> <simulator url> <records> <concurrency> [live|test]`,
// client `ours` (client.importAll from dist/index.js) or `sdk-utils` (@commercelayer/sdk-utils's executeImport
// over @commercelayer/sdk). Both get the same records, made here before the clock starts. Prints one JSON
// line: when the call started and resolved (epoch ms), and what it resolved to, in brief.
import { makeRecords } from './records.js';

const [client, url, count, concurrency, environment = 'test'] = process.argv.slice(2);
// For a live load, a token shaped as Commerce Layer's, whose `test: false` claim says live (the
// simulator checks no signature); for a test load, one that says nothing, paced at test's limits.
const TOKEN = environment === 'live' ? liveToken() : 'bench-token';
const records = makeRecords(Number(count));

let run;
if (client === 'ours') {
  const { createImportsClient } = await import(`${process.env.BENCH_BULK_DIST ?? new URL('../../dist', import.meta.url).href}/index.js`);
  const imports = createImportsClient({ baseUrl: url, accessToken: TOKEN });
  run = async () => {
    const summary = await imports.importAll('skus', records, { concurrency: Number(concurrency), group: 'bench' });
    return { imported: summary.imported_count, failed: summary.failed_count, notProcessed: summary.not_processed_count, imports: summary.imports.length };
  };
} else if (client === 'sdk-utils') {
  const { default: CommerceLayer, imports: importsResource } = await import('@commercelayer/sdk');
  const { CommerceLayerUtils, executeImport } = await import('@commercelayer/sdk-utils');
  const sdk = CommerceLayer({ organization: 'bench', accessToken: TOKEN, fetch: toSimulator(url) });
  CommerceLayerUtils(sdk, [importsResource]);
  run = async () => {
    const results = await executeImport({ resource_type: 'skus', inputs: records }, { queueLength: Number(concurrency) });
    const sum = (name) => results.reduce((total, each) => total + (each[name] ?? 0), 0);
    return { imported: sum('processed_count'), failed: sum('errors_count'), imports: results.length };
  };
} else {
  throw new Error(`unknown client ${client}`);
}

const startedAt = Date.now();
let outcome;
try {
  outcome = { result: await run() };
} catch (error) {
  outcome = { error: `${error?.name}: ${error?.message}${error?.errors ? ` ${JSON.stringify(error.errors)}` : ''}` };
}
const endedAt = Date.now();
process.stdout.write(`${JSON.stringify({ startedAt, endedAt, ...outcome })}\n`);

/**
 * The SDK builds https://{organization}.commercelayer.io URLs; its `fetch` option sends them to the
 * simulator instead, as bench/run.js does. What it sends is sent as it is.
 */
function toSimulator(origin) {
  return (input, init = {}) => fetch(`${origin}${input.pathname}${input.search}`, init);
}

function liveToken() {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS512', typ: 'JWT' })}.${part({ organization: { slug: 'bench' }, application: { kind: 'integration' }, test: false })}.bench`;
}
