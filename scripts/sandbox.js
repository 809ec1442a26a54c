// The sandbox (`npm start`): bundles the document, renders the docs, then serves the Prism mock on
// 127.0.0.1:4010 and the docs on 127.0.0.1:8080 until Ctrl-C, leaving no process behind.
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import './bundle.js';
import './docs.js';

const host = '127.0.0.1';
const mockPort = 4010;
const docsPort = 8080;
const docsRoot = resolve('dist/docs');
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
};

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');
const prism = spawn(
  process.execPath,
  [prismBin, 'mock', '--errors', '-h', host, '-p', String(mockPort), 'dist/openapi.yaml'],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let stopping = false;

// Prism's own log (one line per request, with any validation problem) is worth seeing.
prism.stdout.on('data', (chunk) => process.stdout.write(chunk));
prism.stderr.on('data', (chunk) => process.stderr.write(chunk));
prism.once('exit', (code, signal) => {
  if (stopping) return;
  // Ctrl-C reaches Prism too (same process group): its exit then is the expected one.
  if (signal === 'SIGINT' || code === 130) return stop(0);
  console.error(`Prism stopped unexpectedly (${signal ?? `exit code ${code}`}); is ${host}:${mockPort} already in use?`);
  stop(1);
});
// Last resort if this process dies some other way: never leave Prism running.
process.once('exit', () => prism.kill('SIGKILL'));

const docsServer = createServer((request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = fileFor(new URL(request.url ?? '/', `http://${host}`).pathname);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
});

/** The file under dist/docs that a URL path names (the page for `/`); Redoc routes by hash, so nothing else. */
function fileFor(pathname) {
  let path;
  try {
    path = resolve(docsRoot, `.${decodeURIComponent(pathname === '/' ? '/index.html' : pathname)}`);
  } catch {
    return undefined;
  }
  const inside = path.startsWith(docsRoot + sep);
  return inside && isFile(path) ? path : undefined;
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

docsServer.once('error', (error) => {
  console.error(`The docs server could not listen on ${host}:${docsPort}: ${error.message}`);
  stop(1);
});

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  docsServer.closeAllConnections();
  docsServer.close();
  if (prism.exitCode !== null || prism.signalCode !== null) process.exit(code);
  const force = setTimeout(() => prism.kill('SIGKILL'), 5_000);
  prism.once('exit', () => {
    clearTimeout(force);
    process.exit(code);
  });
  prism.kill('SIGTERM');
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => stop(0));

await new Promise((ready) => {
  let log = '';
  const onData = (chunk) => {
    log += chunk;
    if (log.includes('Prism is listening')) {
      prism.stdout.off('data', onData);
      prism.stderr.off('data', onData);
      ready();
    }
  };
  prism.stdout.on('data', onData);
  prism.stderr.on('data', onData);
});
await new Promise((listening) => docsServer.listen(docsPort, host, listening));

const mockUrl = `http://${host}:${mockPort}`;
const seedRequest = JSON.stringify({ data: { type: 'imports', id: 'xYZkjABcde', attributes: { reference: 'ANY-EXTERNAL-REFEFERNCE' } } });
console.log(`
Sandbox ready (Ctrl-C stops it):
  Mock API  ${mockUrl}  (Prism, answers from the document's examples)
  Docs      http://${host}:${docsPort}/

Send the documentation's example request to the mock:
curl -X PATCH ${mockUrl}/api/imports/xYZkjABcde -H 'Accept: application/vnd.api+json' -H 'Content-Type: application/vnd.api+json' -H 'Authorization: Bearer your-access-token' -d '${seedRequest}'
`);
