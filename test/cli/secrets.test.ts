// The token and the client secret never appear in anything the command line prints or writes,
// whatever the command, the flags and the outcome: every command is run with known secrets and all
// its output (stdout, stderr, --json, the log file) is searched for them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli, scratchDir, skuRows, startCli, toCsv, waitForOutput } from './run-cli.js';

const TOKEN = 'sekret-token-Q9vX2mK7pL4wZ8';
const CLIENT_ID = 'cli-client-id-3n5b';
const CLIENT_SECRET = 'sekret-client-secret-Jd83Hs02Lq';
const scratch = scratchDir();
let sim: Simulator;
let printed = '';
let importId = '';

async function run(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = await runCli(args, { env, cwd: scratch.dir, ...(input === undefined ? {} : { input }) });
  printed += `\n${result.stdout}${result.stderr}`;
  return result;
}

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 100_000, rateLimits: false, accessToken: TOKEN, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }] });
  importId = (await createImportsClient({ baseUrl: sim.url, accessToken: TOKEN }).create({ resource_type: 'skus', inputs: [{ code: 'SEC1', name: 'x', shipping_category_id: 'nBAvrhRZBl' }] })).id;
  writeFileSync(join(scratch.dir, 'skus.csv'), toCsv(skuRows(30, 'SEC').map((row, i) => (i < 2 ? { ...row, name: '' } : row))));
  writeFileSync(join(scratch.dir, 'bad.csv'), 'code,name\n"unclosed,x\n');
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

describe('secrets', () => {
  test('are never printed or written, by any command, with any flag, on success or failure', async () => {
    const url = sim.url;
    const viaFlag = ['--base-url', url, '--access-token', TOKEN];
    const viaEnv = { CL_ACCESS_TOKEN: TOKEN, CL_BASE_URL: url };
    const viaClient = { CL_CLIENT_ID: CLIENT_ID, CL_CLIENT_SECRET: CLIENT_SECRET, CL_BASE_URL: url };
    const commands: string[][] = [
      ['import', 'skus', 'skus.csv', '--skip-errors', '--errors', 'errors.json'],
      ['import', 'skus', 'skus.csv', '--skip-errors', '--json'],
      ['import', 'skus', 'skus.csv', '--group', 'secret-group', '--skip-errors', '--quiet'],
      ['import', 'skus', 'bad.csv'],
      ['import', 'skus', 'missing.csv', '--json'],
      ['list'], ['list', '--json'], ['list', '--status', 'nope'],
      ['show', importId], ['show', importId, '--logs', '--json'], ['show', 'NoSuchImport1'],
      ['wait', importId], ['wait', importId, '--json'],
      ['interrupt', importId, '--json'],
      ['delete', importId], ['delete', importId, '--json'],
      ['import', '--help'], ['--version'],
    ];
    for (const command of commands) {
      await run([...command, ...viaFlag]);
      await run(command, viaEnv);
      await run(command, viaClient);
    }
    // The import ran: the searches below look at real output.
    expect(printed).toMatch(/Records imported\s+28/);
    expect(printed).toContain('"imported_count":');
    expect(readFileSync(join(scratch.dir, 'errors.json'), 'utf8')).toContain("can't be blank");

    // Wrong values, misspelt flags, a secret given where it does not belong.
    await run(['list', '--base-url', url, '--acess-token', TOKEN]);
    await run(['list', `--acess-token=${TOKEN}`, '--base-url', url]);
    await run(['list', '--base-url', url, '--access-token', `${TOKEN}x`]);
    await run(['list', '--base-url', url, '--access-token', TOKEN, TOKEN]);
    await run(['list', '--json'], { ...viaClient, CL_CLIENT_SECRET: `${CLIENT_SECRET}-wrong` });
    await run(['list', '--json'], { CL_CLIENT_ID: CLIENT_ID, CL_CLIENT_SECRET: CLIENT_SECRET, CL_ORGANIZATION: 'bad slug!' });
    await run(['import', 'skus', '-', '--format', 'csv', '--json'], viaEnv, `code,${TOKEN}\n1,2\n`);
    const wrong = await run(['list'], { ...viaClient, CL_CLIENT_SECRET: `${CLIENT_SECRET}-wrong` });
    expect(wrong.code).toBe(2);

    // Ctrl-C, whose message prints a command line.
    const slow = await startSimulator({ inputsPerSecond: 20, rateLimits: false, accessToken: TOKEN });
    try {
      // --skip-errors: the file's two nameless records would have the check pass refuse it before any chunk.
      const stopped = startCli(['import', 'skus', 'skus.csv', '--chunk-size', '10', '--skip-errors', '--base-url', slow.url, '--access-token', TOKEN], { cwd: scratch.dir });
      await waitForOutput(stopped.output, (text) => text.includes(': pending') || text.includes(': in_progress'));
      stopped.child.kill('SIGINT');
      const result = await stopped.done;
      expect(result.code).toBe(130);
      printed += result.stdout + result.stderr;
    } finally {
      await slow.close();
    }

    const written = readdirSync(scratch.dir).filter((name) => name.endsWith('.json')).map((name) => readFileSync(join(scratch.dir, name), 'utf8'));
    expect(written.length).toBeGreaterThan(1);
    for (const secret of [TOKEN, CLIENT_SECRET]) {
      const at = printed.indexOf(secret);
      expect(at, printed.slice(Math.max(0, at - 300), at + 100)).toBe(-1);
      expect(written.some((text) => text.includes(secret)), secret).toBe(false);
    }
  }, 120_000);
});
