// 500 concurrent updates all succeed, and leave no socket, timer or listener behind.
import { spawn } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, onTestFinished, test } from 'vitest';
import { createImportsClient } from '../../../src/index.js';
import { importResponse, startFaultServer } from '../../support/fault-server.js';
import { expectNoUnhandledRejections } from '../../support/no-unhandled-rejections.js';

const CONCURRENT = 500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
expectNoUnhandledRejections();

/** What keeps the event loop alive, counted by kind (TCPSocketWrap, Timeout, ...). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds of resource of which more are active now than in `before`, with how many more. */
function leftSince(before: Record<string, number>): Record<string, number> {
  const left: Record<string, number> = {};
  for (const [kind, count] of Object.entries(activeResources())) if (count > (before[kind] ?? 0)) left[kind] = count - (before[kind] ?? 0);
  return left;
}

test(`${CONCURRENT} concurrent updates all succeed; afterwards no socket, timer or listener is left`, async () => {
  const before = activeResources();
  // 500 calls share one signal: the client must not pile a listener per call on it (Node warns past 10).
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning);
  process.on('warning', onWarning);
  onTestFinished(() => void process.off('warning', onWarning));
  const server = await startFaultServer();
  server.fallback = importResponse();
  try {
    const client = createImportsClient({ baseUrl: server.url, accessToken: 'load-test-token', timeoutMs: 20_000 });
    const { signal } = new AbortController();
    const ids = Array.from({ length: CONCURRENT }, (_, i) => `imp-${i}`);
    const results = await Promise.all(ids.map((id, i) => client.update(id, { metadata: { i } }, { signal })));

    expect(results.map((imported) => imported.id)).toEqual(ids);
    expect(results.map((imported) => imported.attributes.metadata)).toEqual(ids.map((_, i) => ({ i })));
    // One request each: nothing had to be retried.
    expect(server.requests).toHaveLength(CONCURRENT);
    expect(new Set(server.requests.map((request) => request.url)).size).toBe(CONCURRENT);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // The client's per-attempt timers are gone already, while keep-alive sockets are still open.
    expect(activeResources().Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  } finally {
    await server.close();
  }
  expect(await server.connections()).toBe(0);
  // fetch's keep-alive sockets close once the server has closed its side. (Polled by hand: vi.waitFor's own timers would count.)
  for (let waited = 0; waited < 5_000 && Object.keys(leftSince(before)).length > 0; waited += 20) await pause(20);
  expect(leftSince(before)).toEqual({});
  expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
});

test(`a process that sends ${CONCURRENT} concurrent updates exits on its own`, async () => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const bundle = await build({
    stdin: { contents: CHILD_SCRIPT, resolveDir: here, loader: 'ts', sourcefile: 'load-child.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const child = spawn(process.execPath, ['--input-type=module', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(bundle.outputFiles[0]!.text);
  let stdout = '';
  let stderr = '';
  let doneAt = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (doneAt === 0 && stdout.includes('\n')) doneAt = performance.now();
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const deadline = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(deadline);
  const exitedAfterMs = performance.now() - doneAt;

  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ succeeded: CONCURRENT, requests: CONCURRENT });
  // Nothing kept it alive once the work was done: no timer of up to timeoutMs (15 s), no socket.
  expect(exitedAfterMs).toBeLessThan(5_000);
}, 30_000);

// Runs in a fresh Node process, bundled by esbuild; it must end without process.exit().
const CHILD_SCRIPT = `
import { createImportsClient } from '../../../src/index.ts';
import { importResponse, startFaultServer } from '../../support/fault-server.ts';

const server = await startFaultServer();
server.fallback = importResponse();
const client = createImportsClient({ baseUrl: server.url, accessToken: 'load-test-token' });
const results = await Promise.all(Array.from({ length: ${CONCURRENT} }, (_, i) => client.update('imp-' + i, { metadata: { i } })));
const succeeded = results.filter((imported, i) => imported.id === 'imp-' + i).length;
await server.close();
process.stdout.write(JSON.stringify({ succeeded, requests: server.requests.length }) + '\\n');
`;
