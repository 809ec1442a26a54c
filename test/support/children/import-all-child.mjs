// A user's script against a simulator, for tests that kill it or watch it exit: one importAll, or
// with MODE=waitFor one create and its waitFor. BASE_URL, GROUP, RECORDS, CHUNK_SIZE and
// CONCURRENCY come from the environment. It prints a line per chunk it sees first, and a last
// line; it never calls process.exit, so it ends only when nothing (timer, socket) is left.
import { createImportsClient } from '../../../dist/index.js';

const env = (name) => process.env[name] ?? '';
const client = createImportsClient({ baseUrl: env('BASE_URL'), accessToken: 'child-token' });
const records = Array.from({ length: Number(env('RECORDS')) }, (_, i) => ({ code: `SKU${i}`, name: `Product ${i}`, shipping_category_id: 'nBAvrhRZBl' }));

async function importAll() {
  const seen = new Set();
  const summary = await client.importAll('skus', records, {
    group: env('GROUP'),
    chunkSize: Number(env('CHUNK_SIZE')),
    concurrency: Number(env('CONCURRENCY')),
    intervalMs: 10,
    onProgress: ({ reference }) => {
      if (!seen.has(reference)) console.log(`created ${reference}`);
      seen.add(reference);
    },
  });
  console.log(`summary ${JSON.stringify({ imported: summary.imported_count, chunks: summary.chunks })}`);
}

async function waitFor() {
  const created = await client.create({ resource_type: 'skus', inputs: records });
  const done = await client.waitFor(created.id, { intervalMs: 10 });
  console.log(`waited ${done.attributes.status}`);
}

await (env('MODE') === 'waitFor' ? waitFor() : importAll());
