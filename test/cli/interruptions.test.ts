// A load cut short, then run again: after SIGKILL and after Ctrl-C, every record is imported exactly once.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, cliEnv, MAIN, runCli, scratchDir, skuRows, startCli, toCsv, waitForOutput, type CliResult } from './run-cli.js';

const TOKEN = 'cli-interruptions-token-83d1aa';
const scratch = scratchDir();
let sim: Simulator;

beforeAll(() => assertBuilt());
afterAll(() => scratch.remove());
afterEach(async () => {
  await sim?.close();
});

/** 600 records in 6 chunks of 100, two at a time, each import taking about half a second. */
async function slowLoad(name: string) {
  sim = await startSimulator({ inputsPerSecond: 200, rateLimits: false, accessToken: TOKEN });
  const rows = skuRows(600, name.toUpperCase());
  const path = join(scratch.dir, `${name}.csv`);
  writeFileSync(path, toCsv(rows));
  const args = ['import', 'skus', path, '--chunk-size', '100', '--concurrency', '2', '--base-url', sim.url];
  return { rows, path, args };
}

/** Every reference of the group created once, and every record in exactly one import. */
function expectExactlyOnce(group: string, rows: Record<string, string>[]) {
  const imports = sim.imports().filter((each) => each.attributes.reference?.startsWith(`${group}-`));
  const references = imports.map((each) => each.attributes.reference!).sort();
  expect(references).toStrictEqual(['0001', '0002', '0003', '0004', '0005', '0006'].map((n) => `${group}-${n}`));
  for (const reference of references) expect(sim.createsByReference(reference), reference).toBe(1);
  const codes = imports.flatMap((each) => (each.attributes.inputs as { code: string }[]).map((input) => input.code)).sort();
  expect(codes).toStrictEqual(rows.map((row) => row.code).sort());
  expect(imports.every((each) => each.attributes.status === 'completed' && each.attributes.errors_count === 0)).toBe(true);
}

describe('a load cut short', () => {
  test('killed with SIGKILL and run again, imports every record exactly once', async () => {
    const { rows, args } = await slowLoad('killed');
    const first = startCli([...args, '--access-token', TOKEN], { cwd: scratch.dir });
    // Killed while chunks run: at least one created, not all done.
    await waitForOutput(first.output, (text) => /chunk 3\/6 \S+ \(\S+\): (pending|in_progress)/.test(text));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const group = /group (skus-[0-9a-f]{12})/.exec(killed.stdout)![1]!;
    expect(sim.imports().length).toBeLessThan(6);

    const again = await runCli([...args, '--access-token', TOKEN], { cwd: scratch.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\d of 6 chunks already completed, resuming|following the \d still running/);
    expect(again.stdout).toMatch(/Records imported\s+600/);
    expectExactlyOnce(group, rows);
  });

  test('Ctrl-C stops creating chunks, prints the command that resumes and exits 130; that command finishes the load', async () => {
    const { rows, args } = await slowLoad('stopped');
    const first = startCli([...args, '--access-token', TOKEN], { cwd: scratch.dir });
    await waitForOutput(first.output, (text) => /chunk 1\/6 \S+ \(\S+\): (pending|in_progress)/.test(text));
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('Stopped by Ctrl-C: no further chunks will be created.');
    const command = /To resume, run:\n {2}(.+)\n/.exec(stopped.stderr)![1]!;
    const group = /group (skus-[0-9a-f]{12})/.exec(stopped.stdout)![1]!;
    expect(command).toBe(`node ${relative(scratch.dir, MAIN)} ${args.join(' ')} --group ${group}`);
    expect(stopped.stdout + stopped.stderr).not.toContain(TOKEN);
    const created = sim.imports().length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(6);

    // The printed command, as a user pastes it into a shell, the token in the environment this time.
    const resumed = await new Promise<CliResult>((resolve) => {
      const child = spawn('sh', ['-c', command], { cwd: scratch.dir, env: cliEnv({ CL_ACCESS_TOKEN: TOKEN }) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/\d of 6 chunks already completed, resuming|following the \d still running/);
    expect(resumed.stdout).toMatch(/Records imported\s+600/);
    expectExactlyOnce(group, rows);
  });
});
