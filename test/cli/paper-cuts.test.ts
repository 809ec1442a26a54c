// Small things a new user met: the resume command as the shell can run it, chunk labels by the
// import's own chunk_number, and "1 chunk" in the singular.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resumeMessage } from '../../src/cli/commands/import-run.js';
import { chunkOf } from '../../src/cli/commands/wait.js';
import { programName } from '../../src/cli/resume-command.js';
import { createImportsClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, runCli } from './run-cli.js';

describe('the program the resume command names', () => {
  const bin = '/home/me/project/node_modules/.bin/commercelayer-imports';
  test('npx (and npm exec, and an npm script) start it from a PATH of their own: npx commercelayer-imports', () => {
    expect(programName(bin, { npm_command: 'exec', PATH: '/usr/bin' })).toBe('npx commercelayer-imports');
    expect(programName(bin, { npm_command: 'run-script', PATH: '/home/me/project/node_modules/.bin:/usr/bin' })).toBe('npx commercelayer-imports');
  });

  test('the bare name only when the bin\'s folder is on PATH; else its path', () => {
    expect(programName(bin, { PATH: '/usr/bin:/home/me/project/node_modules/.bin' })).toBe('commercelayer-imports');
    expect(programName(bin, { PATH: '/usr/bin' })).toMatch(/node_modules\/\.bin\/commercelayer-imports$/);
    expect(programName('/repo/dist/cli/main.js', { npm_command: 'exec' })).toMatch(/^node \S*dist\/cli\/main\.js$/);
  });
});

describe('one chunk', () => {
  test('"The 1 chunk ... was", and "of 1 chunk"', () => {
    expect(resumeMessage({ group: 'g', completed: 1, running: 0, interrupted: 0, retrying: 0 }, 1)).toBe('The 1 chunk of group g was already completed: nothing to import.');
    expect(resumeMessage({ group: 'g', completed: 0, running: 0, interrupted: 1, retrying: 0 }, 1)).toBe('0 of 1 chunk already completed, resuming; 1 interrupted earlier and not sent again: their failed and unprocessed records go to the rejects file, or rerun with --retry-interrupted to create it again');
  });

  test('chunk_number "2/5" is chunk 2 of 5, "2" chunk 2 of an unknown count; anything else chunk 1 of 1', () => {
    expect(chunkOf({ chunk_number: '2/5' })).toStrictEqual({ chunk: 1, chunksTotal: 5 });
    expect(chunkOf({ chunk_number: '2' })).toStrictEqual({ chunk: 1, chunksTotal: 0 });
    for (const metadata of [null, undefined, {}, { chunk_number: 2 }, { chunk_number: '0/3' }, { chunk_number: 'x/y' }]) {
      expect(chunkOf(metadata), JSON.stringify(metadata)).toStrictEqual({ chunk: 0, chunksTotal: 1 });
    }
  });
});

describe('wait', () => {
  const TOKEN = 'cli-paper-cuts-token-90e1';
  let sim: Simulator;
  beforeAll(async () => {
    assertBuilt();
    sim = await startSimulator({ pacing: { pollsToFinish: 2 }, rateLimits: false, accessToken: TOKEN });
  });
  afterAll(() => sim?.close());

  test('labels an import by its own chunk_number: chunk 2/3, not 1/1', async () => {
    const client = createImportsClient({ baseUrl: sim.url, accessToken: TOKEN });
    const made = await client.create({ resource_type: 'skus', inputs: [{ code: 'W1', name: 'n', shipping_category_id: 'nBAvrhRZBl' }], reference: 'load-0002', metadata: { group_id: 'load', chunk_number: '2/3', chunk_items: '2-2' } });
    const waited = await runCli(['wait', made.id, '--interval', '100', '--base-url', sim.url, '--access-token', TOKEN]);
    expect(waited.code).toBe(0);
    expect(waited.stdout).toContain(`chunk 2/3 load-0002 (${made.id}): completed`);
    expect(waited.stdout).not.toContain('chunk 1/1');
  });
});
