// The progress display on a terminal: the command line run under a pseudo-terminal (`script`), as a
// user at a terminal sees it; the plain lines of a pipe are in import.test.ts.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { assertBuilt, cliEnv, MAIN, scratchDir, skuRows, toCsv } from './run-cli.js';

const TOKEN = 'cli-terminal-token-4be7d0';
const WIDTH = 60;
const scratch = scratchDir();
let sim: Simulator;

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ inputsPerSecond: 4000, rateLimits: false, accessToken: TOKEN });
});
afterAll(async () => {
  await sim?.close();
  scratch.remove();
});

/** Runs the command line under a pseudo-terminal WIDTH columns wide; resolves to all it drew. */
function underTerminal(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  const command = `stty cols ${WIDTH} rows 24; exec ${[process.execPath, MAIN, ...args].join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: scratch.dir, env: cliEnv({ TERM: 'xterm-256color', ...env }), stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen }));
  });
}

const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const SGR_COLOUR = /\u001b\[(3\d|1|2)m/;
/** The drawn lines: the output cut at line breaks, carriage returns and cursor moves, escape codes removed. */
const drawnLines = (screen: string) => screen.split(/\r|\n|\u001b\[\d*[ABGJK]/).map((piece) => piece.replace(CSI, ''));

describe('on a terminal', () => {
  test('draws one bar for the load and a line per running import, redrawn in place within the width, in colour', async () => {
    const path = join(scratch.dir, 'tty.csv');
    writeFileSync(path, toCsv(skuRows(3_000, 'TTY')));
    const { code, screen } = await underTerminal(['import', 'skus', path, '--chunk-size', '1000', '--base-url', sim.url, '--access-token', TOKEN]);
    expect(code).toBe(0);
    // Redrawn in place: the cursor moves up over the lines drawn before, hidden meanwhile.
    expect(screen).toMatch(/\u001b\[\d*A/);
    expect(screen).toContain('\u001b[?25l');
    expect(screen).toMatch(SGR_COLOUR);
    const lines = drawnLines(screen);
    const bars = lines.filter((line) => line.startsWith('skus █') || line.startsWith('skus ░'));
    expect(bars.length).toBeGreaterThan(1);
    expect(bars.at(-1)).toMatch(/^skus █+ {2}3,000\/3,000 {2}100% {2}[\d,]+ rec\/s {2}ETA 0 s$/);
    expect(lines.some((line) => /^ {2}chunk [123]\/3 {2}(pending|in_progress) +[\d,]+\/1,000 {2}\d+ errors?/.test(line))).toBe(true);
    // Every line drawn while the bars run fits the width (the summary after them wraps as any text does).
    const live = lines.slice(0, lines.lastIndexOf(bars.at(-1)!) + 1);
    for (const line of live) expect([...line].length, line).toBeLessThanOrEqual(WIDTH);
    expect(screen).toMatch(/Records imported\s+3,000/);
  });

  test('draws no colour with NO_COLOR set', async () => {
    const path = join(scratch.dir, 'no-color.csv');
    writeFileSync(path, toCsv(skuRows(1_500, 'NOC')));
    const { code, screen } = await underTerminal(['import', 'skus', path, '--chunk-size', '500', '--base-url', sim.url, '--access-token', TOKEN], { NO_COLOR: '1' });
    expect(code).toBe(0);
    expect(screen).toMatch(/\u001b\[\d*A/);
    expect(screen).not.toMatch(SGR_COLOUR);
    expect(drawnLines(screen).some((line) => line.startsWith('skus █'))).toBe(true);
  });
});
