// What both benchmarks need to run a step: a command to its end, its output, or an error saying what failed.
import { spawnSync } from 'node:child_process';

export function run(command, args, cwd) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd, maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
