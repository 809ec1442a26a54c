// One importAll of tags (records with no key and no reference) against a simulator, for the fault
// campaign, which kills it with SIGKILL at a random moment. BASE_URL, GROUP, RECORDS, CHUNK_SIZE,
// CONCURRENCY and TIMEOUT_MS come from the environment; it prints "started" before its first request.
import { createImportsClient } from '../../../dist/index.js';

const env = (name) => process.env[name] ?? '';
const client = createImportsClient({
  baseUrl: env('BASE_URL'),
  accessToken: 'campaign-token',
  retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  timeoutMs: Number(env('TIMEOUT_MS')),
});
const records = Array.from({ length: Number(env('RECORDS')) }, (_, i) => ({ name: `Tag ${i}` }));
console.log('started');
const summary = await client.importAll('tags', records, {
  group: env('GROUP'),
  chunkSize: Number(env('CHUNK_SIZE')),
  concurrency: Number(env('CONCURRENCY')),
  intervalMs: 5,
});
console.log(`summary ${JSON.stringify({ imported: summary.imported_count })}`);
