// The sandbox (`npm start`): builds the package and renders the docs, then serves the Prism mock on
// 127.0.0.1:4010, the simulated organization on 127.0.0.1:4011 and the docs on 127.0.0.1:8080 until
// it is stopped, leaving no process behind.
//
// Ports: SANDBOX_MOCK_PORT (default 4010), SANDBOX_SIMULATOR_PORT (default 4011), SANDBOX_DOCS_PORT
// (default 8080).
//
// However it is stopped, it stops everything it started and frees its ports:
// - SIGINT (Ctrl-C), SIGTERM or SIGHUP to this process: it stops its servers and build steps, then exits.
//   A second signal while stopping kills them at once.
// - The same signals to the npm process of `npm start`: npm forwards SIGINT and SIGTERM to its script's
//   process, which is this one, since the start script `exec`s node: a shell left in between would
//   swallow SIGINT (dash, the `sh` of Debian and Ubuntu, holds it until its child ends). On SIGHUP npm
//   itself dies, and so does any parent: this process watches its parent and stops when it is gone.
//   The start script is `exec node scripts/sandbox.js || node scripts/sandbox.js`: a POSIX shell
//   becomes node and never reads past `||`; Windows' cmd.exe, which has no `exec`, says so in one line
//   and runs the command after `||`.
// - SIGKILL to this process, which nothing can catch: the servers it started watch it through an
//   IPC channel (scripts/exit-with-parent.cjs) and end themselves when it closes.
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const host = '127.0.0.1';
const mockPort = portFromEnv('SANDBOX_MOCK_PORT', 4010);
const simulatorPort = portFromEnv('SANDBOX_SIMULATOR_PORT', 4011);
const docsPort = portFromEnv('SANDBOX_DOCS_PORT', 8080);
const docsRoot = resolve('dist/docs');
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
};

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');
const scripts = dirname(fileURLToPath(import.meta.url));
const exitWithParent = join(scripts, 'exit-with-parent.cjs');

/** Every child process still running: build steps and servers. */
const running = new Set();
let stopping = false;

// When the parent goes (npm killed, or ended by a signal it does not forward), this process is
// handed to another parent: stop then. process.ppid asks the operating system each time.
const parentPid = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid === parentPid || stopping) return;
  console.error('The sandbox\'s parent process is gone: stopping.');
  stop(0);
}, 200);

/**
 * Starts a child process in a process group of its own, so that stopping it stops whatever it
 * started in turn (the Redocly CLI under a build step). A server also gets an IPC channel and
 * scripts/exit-with-parent.cjs, so that it ends if this process is killed outright.
 */
function startChild(args, { server = false, stdio = 'inherit' } = {}) {
  const nodeArgs = server ? ['--require', exitWithParent, ...args] : args;
  const child = spawn(process.execPath, nodeArgs, {
    detached: true,
    stdio: server ? ['ignore', stdio, stdio, 'ipc'] : ['ignore', stdio, stdio],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Runs a build step to its end; a failure stops the sandbox. */
function build(script) {
  return new Promise((done) => {
    const child = startChild([join(scripts, script)]);
    child.once('error', (error) => {
      console.error(`${script} could not start: ${error.message}`);
      stop(1);
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (code === 0) return done();
      console.error(`${script} failed (${signal ?? `exit code ${code}`})`);
      stop(1);
    });
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal); // the child and whatever it started
  } catch {
    child.kill(signal); // the group is gone already, or this platform has no process groups
  }
}

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

/** Stops the docs server and every child (SIGTERM, then SIGKILL after 5 s), then exits with `code`. */
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  clearInterval(parentWatch);
  docsServer.closeAllConnections();
  docsServer.close();
  const children = [...running];
  if (children.length === 0) process.exit(code);
  const force = setTimeout(() => children.forEach((child) => signalGroup(child, 'SIGKILL')), 5_000);
  let left = children.length;
  for (const child of children) {
    const exited = () => {
      left -= 1;
      if (left > 0) return;
      clearTimeout(force);
      process.exit(code);
    };
    if (child.exitCode !== null || child.signalCode !== null) exited();
    else child.once('exit', exited);
    signalGroup(child, 'SIGTERM');
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!stopping) return stop(0);
    // Asked again while stopping: no more waiting.
    for (const child of running) signalGroup(child, 'SIGKILL');
    process.exit(1);
  });
}
// Last resort if this process ends some other way (an uncaught error, process.exit): never leave a child running.
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});
// A terminal or pipe that went away leaves nothing to report to.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') stop(0);
    else throw error;
  });
}

// build.js bundles the document (which Prism serves) and compiles dist/, whose simulator runs below.
await Promise.all([build('build.js'), build('docs.js')]);

const prism = startChild([prismBin, 'mock', '--errors', '-h', host, '-p', String(mockPort), 'dist/openapi.yaml'], {
  server: true,
  stdio: 'pipe',
});
// Prism's own log (one line per request, with any validation problem) is worth seeing.
prism.stdout.on('data', (chunk) => process.stdout.write(chunk));
prism.stderr.on('data', (chunk) => process.stderr.write(chunk));
prism.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`Prism stopped unexpectedly (${signal ?? `exit code ${code}`}); is ${host}:${mockPort} already in use?`);
  stop(1);
});

const simulator = startChild([join(scripts, 'simulator.js'), String(simulatorPort)], { server: true, stdio: 'pipe' });
simulator.stderr.on('data', (chunk) => process.stderr.write(chunk));
simulator.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`The simulator stopped unexpectedly (${signal ?? `exit code ${code}`}); is ${host}:${simulatorPort} already in use?`);
  stop(1);
});

/** Resolves once a server's output says it listens. */
function listening(child, line) {
  return new Promise((ready) => {
    let log = '';
    const onData = (chunk) => {
      log += chunk;
      if (!log.includes(line)) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      ready();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

await Promise.all([
  listening(prism, 'Prism is listening'),
  listening(simulator, 'Simulator is listening'),
  new Promise((ready) => docsServer.listen(docsPort, host, ready)),
]);

const mockUrl = `http://${host}:${mockPort}`;
// The records a new simulated organization holds, by the ids the examples use (built into dist/ above).
const { SEED_IDS } = await import(new URL('../dist/simulator/index.js', import.meta.url).href);
const seedRequest = JSON.stringify({ data: { type: 'imports', id: 'xYZkjABcde', attributes: { reference: 'ANY-EXTERNAL-REFEFERNCE' } } });
console.log(`
Sandbox ready (Ctrl-C stops it):
  Mock API   ${mockUrl}  (Prism: answers every call from the document's examples, for contract tests)
  Simulator  http://${host}:${simulatorPort}  (a simulated organization: imports run to the end, for waitFor,
             importAll and the command line; it also answers POST /oauth/token)
             It holds a shipping category ${SEED_IDS.shippingCategory}, a price list ${SEED_IDS.priceList},
             a stock location ${SEED_IDS.stockLocation}, a market ${SEED_IDS.market}, a promotion rule
             ${SEED_IDS.promotionRule} and a tax calculator ${SEED_IDS.taxCalculator}: examples/ uses them.
  Docs       http://${host}:${docsPort}/

Send the documentation's example request to the mock:
curl -X PATCH ${mockUrl}/api/imports/xYZkjABcde -H 'Accept: application/vnd.api+json' -H 'Content-Type: application/vnd.api+json' -H 'Authorization: Bearer your-access-token' -d '${seedRequest}'
`);

/** A TCP port from the environment, or the default; anything else stops the sandbox before it starts. */
function portFromEnv(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535 || !/^\d+$/.test(value)) {
    console.error(`${name} must be a TCP port (1 to 65535), not ${JSON.stringify(value)}`);
    process.exit(1);
  }
  return port;
}
