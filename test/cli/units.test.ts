// The command line's small parts alone: arguments, credentials, secrets, the resume command, the
// group, the displays' lines and model, the resource types.
import { describe, expect, test, vi } from 'vitest';
import { importResourceTypeValues } from '../../src/generated/openapi.js';
import { integerOption, parseCommandArgs } from '../../src/cli/args.js';
import { resumeMessage } from '../../src/cli/commands/import-run.js';
import { resolveConnection } from '../../src/cli/credentials.js';
import { derivedGroup } from '../../src/cli/group.js';
import { colorFor } from '../../src/cli/output.js';
import { renderLine } from '../../src/cli/progress/format.js';
import { LoadProgress } from '../../src/cli/progress/model.js';
import { plainDisplay } from '../../src/cli/progress/plain.js';
import { fold } from '../../src/cli/progress/tty.js';
import { RESOURCE_TYPES } from '../../src/cli/resource-types.js';
import { resumeCommand, shellQuote } from '../../src/cli/resume-command.js';
import { collectSecretArgs, Secrets } from '../../src/cli/secrets.js';
import { onCtrlC } from '../../src/cli/signals.js';
import type { ImportAllProgress } from '../../src/index.js';

const options = { token: { type: 'string' as const, description: '' }, n: { type: 'string' as const, description: '' }, on: { type: 'boolean' as const, description: '' }, help: { type: 'boolean' as const, description: '' } };
const parse = (argv: string[]) => parseCommandArgs('cmd', argv, options, { min: 1, max: 1, names: '<x>' });

describe('arguments', () => {
  test('usage errors name the flag, never a value', () => {
    expect(() => parse(['--tokn=s3cr3t-value', 'x'])).toThrow(/^unknown option --tokn$/);
    expect(() => parse(['x', '--token'])).toThrow('--token needs a value');
    expect(() => parse(['--on=yes', 'x'])).toThrow('--on takes no value');
    expect(() => parse([])).toThrow('cmd needs <x>');
    expect(() => parse(['x', 's3cr3t-value'])).toThrow(/^cmd takes <x>, but was given 2 arguments$/);
    for (const argv of [['--tokn=s3cr3t-value', 'x'], ['x', 's3cr3t-value']]) {
      expect(() => parse(argv)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.not.stringContaining('s3cr3t') }));
    }
    // --help needs no positional arguments.
    expect(parse(['--help']).values.help).toBe(true);
  });

  test('whole numbers within bounds', () => {
    expect(integerOption('c', { n: '10' }, 'n', 1, 10, 3)).toBe(10);
    expect(integerOption('c', {}, 'n', 1, 10, 3)).toBe(3);
    for (const bad of ['0', '11', '1.5', '1e3', '-1', '', 'ten']) expect(() => integerOption('c', { n: bad }, 'n', 1, 10, 3), bad).toThrow('--n must be a whole number from 1 to 10');
  });
});

describe('credentials', () => {
  const resolve = (values: Record<string, string>, env: Record<string, string> = {}) => resolveConnection('cmd', values, env, new Secrets());

  test('the token from the flag before the environment, the origin from a flag before the environment', () => {
    expect(resolve({ 'access-token': 'flag-token' }, { CL_ACCESS_TOKEN: 'env-token', CL_ORGANIZATION: 'yourdomain' }).client).toStrictEqual({ organization: 'yourdomain', accessToken: 'flag-token' });
    expect(resolve({ 'base-url': 'http://127.0.0.1:4011' }, { CL_ACCESS_TOKEN: 'env-token', CL_ORGANIZATION: 'yourdomain' }).client).toStrictEqual({ baseUrl: 'http://127.0.0.1:4011', accessToken: 'env-token' });
    expect(resolve({}, { CL_ACCESS_TOKEN: 'env-token', CL_BASE_URL: 'http://127.0.0.1:1' }).tokenOnCommandLine).toBe(false);
    expect(resolve({ 'access-token': 't', organization: 'o' }).tokenOnCommandLine).toBe(true);
  });

  test('client credentials give a token function; missing or half-given credentials are usage errors', () => {
    const connection = resolve({ organization: 'yourdomain' }, { CL_CLIENT_ID: 'id', CL_CLIENT_SECRET: 'secret' });
    expect([connection.kind, typeof connection.client.accessToken]).toStrictEqual(['client credentials', 'function']);
    expect(() => resolve({ organization: 'o' })).toThrow(/^no credentials: pass --access-token/);
    expect(() => resolve({ organization: 'o' }, { CL_CLIENT_ID: 'id' })).toThrow('CL_CLIENT_SECRET is not set');
    expect(() => resolve({ organization: 'o' }, { CL_CLIENT_SECRET: 'secret' })).toThrow('CL_CLIENT_ID is not set');
    expect(() => resolve({ 'access-token': 't' })).toThrow(/^no organization/);
    expect(() => resolve({ 'access-token': 't', organization: 'o', 'base-url': 'http://127.0.0.1:1' })).toThrow('not both');
    expect(() => resolve({ 'access-token': 't' }, { CL_ORGANIZATION: 'o', CL_BASE_URL: 'http://127.0.0.1:1' })).toThrow('both set');
  });

  test('every secret is registered before anything can print it', () => {
    const secrets = new Secrets();
    resolveConnection('cmd', { 'access-token': 'flag-token-123', organization: 'o' }, { CL_ACCESS_TOKEN: 'env-token-456', CL_CLIENT_SECRET: 'client-secret-789', CL_CLIENT_ID: 'id' }, secrets);
    expect(secrets.redact('flag-token-123 env-token-456 client-secret-789')).toBe('[REDACTED] [REDACTED] [REDACTED]');
  });
});

describe('secrets', () => {
  test('are redacted as written, JSON-escaped and URL-encoded; values too short to be secrets are left alone', () => {
    const secrets = new Secrets();
    secrets.add('to"ken/with+odd');
    secrets.add('any');
    expect(secrets.redact(`a to"ken/with+odd b ${JSON.stringify('to"ken/with+odd')} c ${encodeURIComponent('to"ken/with+odd')} many`)).toBe('a [REDACTED] b "[REDACTED]" c [REDACTED] many');
  });

  test('values of flags that look secret are collected, misspelt or not', () => {
    const secrets = new Secrets();
    collectSecretArgs(['list', '--acess-token', 'value-one', '--client-secret=value-two', '--group', 'visible-group'], secrets);
    expect(secrets.redact('value-one value-two visible-group')).toBe('[REDACTED] [REDACTED] visible-group');
  });
});

describe('the command that resumes', () => {
  test('repeats the arguments, names the group, drops the token and quotes for a shell', () => {
    const argv = ['import', 'skus', 'my file.csv', '--access-token', 'secret-1', '--group', 'old', '--parent', "O'Brien", '--access-token=secret-2'];
    const bin = '/usr/lib/node_modules/commercelayer-imports/dist/cli/commercelayer-imports';
    expect(resumeCommand(argv, 'skus-abc', bin, { PATH: '/usr/lib/node_modules/commercelayer-imports/dist/cli' })).toBe(
      "commercelayer-imports import skus 'my file.csv' --parent 'O'\\''Brien' --group skus-abc",
    );
    expect(shellQuote('a;b')).toBe("'a;b'");
    expect(shellQuote('--chunk-size=10')).toBe('--chunk-size=10');
  });

  test('says how much was done before', () => {
    expect(resumeMessage({ group: 'g', completed: 0, running: 0, interrupted: 0, retrying: 0 }, 3)).toBeUndefined();
    expect(resumeMessage({ group: 'g', completed: 3, running: 0, interrupted: 2, retrying: 0 }, 12)).toBe(
      '3 of 12 chunks already completed, resuming; 2 interrupted earlier and not sent again: their failed and unprocessed records go to the rejects file, or rerun with --retry-interrupted to create them again',
    );
    expect(resumeMessage({ group: 'g', completed: 3, running: 0, interrupted: 2, retrying: 2 }, 12)).toBe('3 of 12 chunks already completed, resuming; creating again the 2 interrupted earlier (--retry-interrupted)');
    expect(resumeMessage({ group: 'g', completed: 3, running: 2, interrupted: 0, retrying: 0 }, 12)).toBe('3 of 12 chunks already completed, resuming; following the 2 still running');
    expect(resumeMessage({ group: 'g', completed: 12, running: 0, interrupted: 0, retrying: 0 }, 12)).toBe('All 12 chunks of group g were already completed: nothing to import.');
  });
});

describe('the derived group', () => {
  const load = { sha256: 'a'.repeat(64), resourceType: 'skus', parent: undefined, chunkSize: 10_000, format: 'csv', delimiter: ',' };
  test('the same load gives the same group; a change in the file, type, parent, chunk size or parsing gives another', () => {
    const group = derivedGroup(load);
    expect(group).toMatch(/^skus-[0-9a-f]{12}$/);
    expect(derivedGroup({ ...load })).toBe(group);
    const others = [{ sha256: 'b'.repeat(64) }, { resourceType: 'prices' }, { parent: 'xYZ' }, { chunkSize: 5_000 }, { format: 'json' }, { delimiter: ';' }].map((change) => derivedGroup({ ...load, ...change }));
    expect(new Set([group, ...others]).size).toBe(7);
  });
});

const report = (chunk: number, status: ImportAllProgress['status'], processed: number, extra: Partial<ImportAllProgress> = {}): ImportAllProgress => ({
  group: 'g', chunk, reference: `g-000${chunk + 1}`, id: `id${chunk}`, resumed: false, status, processed_count: processed, inputs_size: 100, errors_count: 0,
  processed_total: processed, records_read: 300, records_total: 300, chunks_total: 3, ...extra,
});

describe('the progress model', () => {
  test('rate and time left from this run only, not from chunks an earlier run finished', () => {
    const model = new LoadProgress(300, 3, 0);
    model.update(report(0, 'completed', 100, { resumed: true, processed_total: 100 }), 0);
    expect(model.rate(5_000)).toBeUndefined();
    model.update(report(1, 'in_progress', 50, { processed_total: 150 }), 5_000);
    expect(model.rate(5_000)).toBe(10);
    expect(model.remainingMs(5_000)).toBe(15_000);
    expect(model.running().map((chunk) => chunk.chunk)).toStrictEqual([1]);
  });
});

describe('lines', () => {
  test('cut to the width on the visible text; colour codes around whole pieces', () => {
    const plain = renderLine([{ text: 'skus ' }, { text: '████░░░░', style: 'cyan' }, { text: '  1,000/2,000' }], 12, false);
    expect(plain).toBe('skus ████░░…');
    const coloured = renderLine([{ text: 'ab', style: 'red' }, { text: 'cdef' }], 4, true);
    expect(coloured).toBe('\u001b[31mab\u001b[39mc…');
    expect(fold('one two three four', 9)).toStrictEqual(['one two', 'three', 'four']);
    expect(fold('abcdefghij', 4)).toStrictEqual(['abcd', 'efgh', 'ij']);
  });

  test('colour on a terminal only, and never with NO_COLOR', () => {
    expect(colorFor({ isTTY: true }, {})).toBe(true);
    expect(colorFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorFor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorFor({ isTTY: false }, {})).toBe(false);
  });

  test('plain display: a line per change of status, and a progress line at most every 5 s', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const model = new LoadProgress(300, 3, Date.now());
      const display = plainDisplay((line) => lines.push(line), model);
      display.progress(report(0, 'pending', 0));
      display.progress(report(0, 'in_progress', 10, { processed_total: 10 }));
      display.progress(report(0, 'in_progress', 20, { processed_total: 20 }));
      expect(lines).toStrictEqual(['[0:00] chunk 1/3 g-0001 (id0): pending\n', '[0:00] chunk 1/3 g-0001 (id0): in_progress\n']);
      vi.advanceTimersByTime(4_999);
      expect(lines).toHaveLength(2);
      vi.advanceTimersByTime(1);
      expect(lines[2]).toMatch(/^\[0:05\] progress: 20 of 300 records \(6%\)/);
      vi.advanceTimersByTime(5_000);
      expect(lines).toHaveLength(3); // nothing moved: no line
      display.progress(report(0, 'completed', 100, { processed_total: 100 }));
      expect(lines[3]).toBe('[0:10] chunk 1/3 g-0001 (id0): completed, 100 of 100 processed, 0 errors\n');
      display.stop();
      vi.advanceTimersByTime(20_000);
      expect(lines).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Ctrl-C', () => {
  test('the first stops the load, a second exits at once with 130', () => {
    const first = vi.fn();
    const exit = vi.fn();
    const release = onCtrlC(first, exit);
    try {
      process.emit('SIGINT', 'SIGINT');
      expect([first.mock.calls.length, exit.mock.calls]).toStrictEqual([1, []]);
      process.emit('SIGINT', 'SIGINT');
      expect([first.mock.calls.length, exit.mock.calls]).toStrictEqual([1, [[130]]]);
    } finally {
      release();
    }
  });
});

test('the resource types the command line takes are the document\'s', () => {
  expect([...RESOURCE_TYPES].sort()).toStrictEqual([...importResourceTypeValues].sort());
});
