// Runs the pinned Redocly CLI with telemetry, update checks and notifications off:
// nothing in this project's build may reach the network.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cliPackage = require.resolve('@redocly/cli/package.json');
const cliBin = join(dirname(cliPackage), require(cliPackage).bin.redocly ?? require(cliPackage).bin);

export const quietEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
};

/** Runs `redocly <args>`; returns its output, or exits with its status when it fails. */
export function redocly(args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    env: quietEnv,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (result.status !== 0) {
    if (capture) process.stderr.write(result.stdout + result.stderr);
    process.exit(result.status ?? 1);
  }
  return capture ? result.stdout + result.stderr : '';
}

if (import.meta.url === `file://${process.argv[1]}`) redocly(process.argv.slice(2));
