// close() leaves nothing behind: a process that starts the simulator, runs an import to the end
// through the client (keep-alive connections and all), has a request half sent, and closes the
// simulator, exits on its own, at once.
// The script runs in a child process, bundled from the sources with esbuild.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';

const SCRIPT = `
import { connect } from 'node:net';
import { createImportsClient } from '../../src/index.js';
import { startSimulator } from '../../src/simulator/index.js';

const simulator = await startSimulator({ inputsPerSecond: 5000 });
const client = createImportsClient({ baseUrl: simulator.url, accessToken: 'close-token' });
const inputs = Array.from({ length: 50 }, (_, i) => ({ code: 'C' + i, name: 'n', shipping_category_id: 'nBAvrhRZBl' }));
const { id } = await client.create({ resource_type: 'skus', inputs });
const done = await client.waitFor(id, { intervalMs: 5 });
await client.list();
// A request still on its way (headers sent, body not): close() must end that connection too.
const { port } = new URL(simulator.url);
const socket = connect(Number(port), '127.0.0.1');
socket.on('error', () => {});
await new Promise((resolve) => socket.once('connect', resolve));
socket.write('POST /api/imports HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 100\\r\\n\\r\\n{');
await new Promise((resolve) => setTimeout(resolve, 50));
await simulator.close();
console.log(JSON.stringify({ status: done.attributes.status, closedAt: Date.now() }));
`;

let dir: string;
let script: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'simulator-close-'));
  script = join(dir, 'run.mjs');
  await build({
    stdin: { contents: SCRIPT, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(file: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; exitedAt: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, exitedAt: Date.now(), timedOut: signal === 'SIGKILL' });
    });
  });
}

describe('close()', () => {
  test('a process that used the simulator exits on its own right after close()', async () => {
    const result = await run(script, 15_000);
    expect(result.timedOut, 'the process was still alive after 15 s').toBe(false);
    expect(result.code).toBe(0);
    const { status, closedAt } = JSON.parse(result.stdout) as { status: string; closedAt: number };
    expect(status).toBe('completed');
    // No timer or socket keeps it: it ends within moments of close(), not after a keep-alive timeout.
    expect(result.exitedAt - closedAt).toBeLessThan(1500);
  });

  test('after close(), the port refuses connections, and close() resolves at once with a client connected', async () => {
    const simulator = await startSimulator();
    await fetch(`${simulator.url}/api/imports`, { headers: { authorization: 'Bearer t' } }).then((r) => r.arrayBuffer());
    const started = performance.now();
    await simulator.close();
    expect(performance.now() - started).toBeLessThan(500);
    await expect(fetch(`${simulator.url}/api/imports`)).rejects.toThrow();
  });
});
