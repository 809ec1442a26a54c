// The sandbox (`npm start`) stops however it is stopped: whichever of SIGTERM, SIGINT and SIGHUP
// reaches the npm process or the sandbox itself, and even SIGKILL to the sandbox, every process it
// started ends and its ports are free again. Each case starts the real `npm start` in the
// background, in a copy of this checkout (the sandbox rewrites dist/, which other tests read), on
// free loopback ports.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { npmEnv } from '../support/npm-env.js';
import { freePort } from '../support/prism.js';

const repository = resolve('.');
/** Not copied: installed or built here, or git's. The copy links node_modules. */
const notCopied = new Set(['node_modules', 'dist', '.git']);

interface ProcessInfo {
  pid: number;
  ppid: number;
  /** R, S, Z (zombie: ended, not yet reaped) and so on. */
  state: string;
  command: string;
}

/** Every process on the machine, from /proc where there is one, else from ps. */
function processTable(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // pid (comm) state ppid …; comm may hold spaces and parentheses, hence the last ')'.
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
        table.set(Number(entry), { pid: Number(entry), ppid: Number(ppid), state: state!, command });
      } catch {
        // It ended while being read.
      }
    }
    return table;
  }
  const ps = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,command='], { encoding: 'utf8' });
  for (const line of ps.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (match) table.set(Number(match[1]), { pid: Number(match[1]), ppid: Number(match[2]), state: match[3]![0]!, command: match[4]! });
  }
  return table;
}

/** The process and all its descendants, as they are now. */
function processTree(root: number): ProcessInfo[] {
  const table = processTable();
  const tree: ProcessInfo[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    const info = table.get(pid);
    if (!info) continue;
    tree.push(info);
    for (const child of table.values()) if (child.ppid === pid) queue.push(child.pid);
  }
  return tree;
}

/**
 * Those of `pids` still running. A zombie has ended (only its exit status is left for its parent to
 * collect), but on Linux a process whose main thread is a zombie may still have threads ending,
 * holding its files and sockets: it counts as running until every thread has ended.
 */
function stillRunning(pids: number[]): ProcessInfo[] {
  const table = processTable();
  return pids.map((pid) => table.get(pid)).filter((info): info is ProcessInfo => info !== undefined && !hasEnded(info));
}

function hasEnded(info: ProcessInfo): boolean {
  if (!/^[ZX]/.test(info.state)) return false;
  const tasks = `/proc/${info.pid}/task`;
  if (!existsSync(tasks)) return true;
  try {
    return readdirSync(tasks).every((task) => {
      try {
        const stat = readFileSync(`${tasks}/${task}/stat`, 'utf8');
        return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
      } catch {
        return true; // it ended while being read
      }
    });
  } catch {
    return true;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

interface Sandbox {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<void>;
  mockPort: number;
  docsPort: number;
  simulatorPort: number;
}

/** `npm start` in the copy, on free ports; resolves once the sandbox says it is ready. */
async function startSandbox(checkout: string): Promise<Sandbox> {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [mockPort, docsPort, simulatorPort] = [...ports] as [number, number, number];
  const npm = spawn('npm', ['start'], {
    cwd: checkout,
    env: npmEnv({
      SANDBOX_MOCK_PORT: String(mockPort),
      SANDBOX_DOCS_PORT: String(docsPort),
      // Not served yet; set so that a simulator added to the sandbox stays off its default port here too.
      SANDBOX_SIMULATOR_PORT: String(simulatorPort),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let output = '';
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => npm.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the sandbox was not ready within 60 s:\n${output}`)), 60_000);
    const onData = () => {
      if (!output.includes('Sandbox ready')) return;
      clearTimeout(timer);
      npm.stdout.off('data', onData);
      ready();
    };
    npm.stdout.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`npm start ended before the sandbox was ready:\n${output}`));
    });
  });
  return { npm, output: () => output, exited, mockPort, docsPort, simulatorPort };
}

let checkout: string;
const started: ChildProcess[] = [];
/** The processes of the case running now, as recorded while they ran. */
let leftovers: ProcessInfo[] = [];

beforeAll(() => {
  checkout = mkdtempSync(join(tmpdir(), 'commercelayer-imports-sandbox-'));
  for (const entry of readdirSync(repository)) {
    if (notCopied.has(entry) || entry.startsWith('.vitest-')) continue;
    cpSync(join(repository, entry), join(checkout, entry), { recursive: true });
  }
  symlinkSync(join(repository, 'node_modules'), join(checkout, 'node_modules'), 'dir');
});

afterEach(() => {
  // A failed case must not leave its processes behind: these are this test's own, by pid.
  const recorded = new Map(leftovers.map((info) => [info.pid, info.command]));
  for (const info of stillRunning([...recorded.keys()])) {
    if (info.command !== recorded.get(info.pid)) continue; // not ours any more: the pid was reused
    try {
      process.kill(info.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  leftovers = [];
  for (const npm of started.splice(0)) if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
});

afterAll(() => {
  if (checkout) rmSync(checkout, { recursive: true, force: true });
});

test('the start script has a form for a shell without `exec` (Windows\' cmd.exe), after `||`, which a POSIX shell never reaches', () => {
  const { scripts } = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(scripts.start).toBe('exec node scripts/sandbox.js || node scripts/sandbox.js');
  // A POSIX shell execs node: nothing after `||` runs, whatever node's exit code.
  const ran = spawnSync('sh', ['-c', `exec ${JSON.stringify(process.execPath)} -e "process.exit(3)" || echo fallback-ran; echo after`], { encoding: 'utf8' });
  expect([ran.status, ran.stdout]).toStrictEqual([3, '']);
});

describe('the sandbox (npm start) stops however it is stopped', () => {
  test.each([
    // npm forwards SIGTERM and SIGINT to the sandbox, the same signals to it as it would get directly.
    { signal: 'SIGTERM', to: 'npm' },
    { signal: 'SIGINT', to: 'npm' },
    // npm dies of SIGHUP: the sandbox sees its parent go.
    { signal: 'SIGHUP', to: 'npm' },
    { signal: 'SIGHUP', to: 'sandbox' },
    // Nothing catches SIGKILL: the servers the sandbox started notice it is gone and end themselves.
    { signal: 'SIGKILL', to: 'sandbox' },
  ] as const)('$signal to the $to process ends every process it started and frees the ports', async ({ signal, to }) => {
    const sandbox = await startSandbox(checkout);

    // The three servers are up, answering on their ports.
    const docs = await fetch(`http://127.0.0.1:${sandbox.docsPort}/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<title>Commerce Layer Imports API</title>');
    const mock = await fetch(`http://127.0.0.1:${sandbox.mockPort}/api/imports/xYZkjABcde`, {
      headers: { Accept: 'application/vnd.api+json', Authorization: 'Bearer sandbox-test' },
    });
    expect(mock.status).toBe(200);
    await mock.arrayBuffer();
    const simulated = await fetch(`http://127.0.0.1:${sandbox.simulatorPort}/api/imports`, {
      headers: { Accept: 'application/vnd.api+json', Authorization: 'Bearer sandbox-test' },
    });
    expect(simulated.status).toBe(200);
    expect(await simulated.json()).toMatchObject({ data: [], meta: { record_count: 0 } });

    const tree = processTree(sandbox.npm.pid!);
    leftovers = tree;
    const pids = tree.map((info) => info.pid);
    // node itself, not the shell npm runs the start script through (`sh -c node scripts/sandbox.js`).
    const sandboxProcess = tree.find((info) => /\bscripts\/sandbox\.js\b/.test(info.command) && !/^(\S*\/)?(sh|dash|bash)\s/.test(info.command));
    const prism = tree.find((info) => info.command.includes('prism-cli'));
    expect(sandboxProcess, JSON.stringify(tree)).toBeDefined();
    expect(prism, JSON.stringify(tree)).toBeDefined();
    expect(tree.find((info) => /\bscripts\/simulator\.js\b/.test(info.command)), JSON.stringify(tree)).toBeDefined();

    const sentAt = performance.now();
    process.kill(to === 'npm' ? sandbox.npm.pid! : sandboxProcess!.pid, signal);

    let running = stillRunning(pids);
    while (running.length > 0 && performance.now() - sentAt < 10_000) {
      await new Promise((wait) => setTimeout(wait, 25));
      running = stillRunning(pids);
    }
    const stoppedAfter = Math.round(performance.now() - sentAt);
    expect(running, `still running ${stoppedAfter} ms after ${signal} to ${to}:\n${sandbox.output()}`).toEqual([]);
    await sandbox.exited;
    expect(await canListen(sandbox.mockPort), 'the mock port is free').toBe(true);
    expect(await canListen(sandbox.docsPort), 'the docs port is free').toBe(true);
    expect(await canListen(sandbox.simulatorPort), 'the simulator port is free').toBe(true);
    console.log(`${signal} to ${to}: ${tree.length} processes ended within ${stoppedAfter} ms`);
  }, 90_000);
});
