// The benchmark's server: answers the seed's PATCH /api/imports/xYZkjABcde with the seed's 200 response,
// taken from the bundled document's UpdatedImportResponse example, over keep-alive on 127.0.0.1.
// Run directly (or forked) it listens on an ephemeral port and reports it; `close` on stdin/IPC stops it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

export const IMPORT_ID = 'xYZkjABcde';
const PATH = `/api/imports/${IMPORT_ID}`;
const JSON_API = 'application/vnd.api+json';

export function seedResponseBody() {
  const document = JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8'));
  const example = document.components?.examples?.UpdatedImportResponse?.value;
  if (!example?.data) throw new Error('dist/openapi.json has no UpdatedImportResponse example: run `npm run build`');
  return Buffer.from(JSON.stringify(example));
}

const NOT_FOUND = Buffer.from(JSON.stringify({ errors: [{ title: 'not found', detail: 'The benchmark serves one import', code: 'RECORD_NOT_FOUND', status: '404' }] }));

/** Starts the server; resolves to its origin and a close function. */
export function startBenchServer() {
  const ok = seedResponseBody();
  const server = createServer({ keepAlive: true }, (request, response) => {
    // Read the request body whole, as a real server would, before answering.
    request.on('data', noop);
    request.on('end', () => {
      const found = request.method === 'PATCH' && request.url.startsWith(PATH) && request.headers.authorization?.startsWith('Bearer ');
      const body = found ? ok : NOT_FOUND;
      response.writeHead(found ? 200 : 404, { 'content-type': JSON_API, 'content-length': body.length });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function noop() {}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin, close } = await startBenchServer();
  const stop = () => close().then(() => process.exit(0));
  if (process.send) {
    process.send({ origin });
    process.on('message', (message) => message === 'close' && stop());
    process.on('disconnect', stop);
  } else {
    console.log(origin);
    process.on('SIGINT', stop);
  }
}
