// One importAll of prices (records with no natural key) against a simulator, for the fault
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
const records = Array.from({ length: Number(env('RECORDS')) }, (_, i) => ({ amount_cents: 100 + i, price_list_id: 'pLiStId', sku_code: `P${i}` }));
console.log('started');
const summary = await client.importAll('prices', records, {
  group: env('GROUP'),
  chunkSize: Number(env('CHUNK_SIZE')),
  concurrency: Number(env('CONCURRENCY')),
  intervalMs: 5,
});
console.log(`summary ${JSON.stringify({ imported: summary.imported_count })}`);
