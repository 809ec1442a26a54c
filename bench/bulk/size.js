// The bytes the library's main entry grew by, as the size guard counts them (scripts/size.js: the
// entry with openapi-fetch, esbuild-minified, gzip -9): now, and at the commit before the bulk work
// (BEFORE_COMMIT), built in a temporary git worktree that borrows this checkout's node_modules and
// measured by today's scripts/size.js. When that cannot be done, the figure recorded when the guard
// was set is used instead, and the result says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BEFORE_COMMIT = 'ff59630';
/** scripts/size.js: "a budget of 11,000 bytes (10,408 when it was set)", the figure at BEFORE_COMMIT. */
const RECORDED_BEFORE_BYTES = 10_408;

/** `root`: this checkout; `build`: a folder holding its package.json and dist/ as built for this run. */
export function entrySizes(root, build = root) {
  const sizeScript = join(root, 'scripts', 'size.js');
  const now = measure(sizeScript, build);
  if (now.bytes === undefined) throw new Error(`npm run size failed: ${now.output}`);
  let before;
  const dir = mkdtempSync(join(tmpdir(), 'bench-bulk-size-'));
  const tree = join(dir, 'before');
  try {
    git(root, ['worktree', 'add', '--detach', '--quiet', tree, BEFORE_COMMIT]);
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
    const build = spawnSync(process.execPath, ['scripts/build.js'], { cwd: tree, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`its build failed: ${(build.stderr || build.stdout).trim().split('\n').pop()}`);
    const measured = measure(sizeScript, tree);
    if (measured.bytes === undefined) throw new Error(`size.js failed there: ${measured.output}`);
    before = { bytes: measured.bytes, how: `measured: ${BEFORE_COMMIT} built in a temporary git worktree` };
  } catch (error) {
    // The reason, without this machine's paths.
    const reason = error.message.split('\n')[0].replaceAll(tree, '<worktree>').replaceAll(root, '<checkout>');
    before = { bytes: RECORDED_BEFORE_BYTES, how: `recorded in scripts/size.js (building ${BEFORE_COMMIT} failed: ${reason})` };
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: root });
    rmSync(dir, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: root });
  }
  return { beforeCommit: BEFORE_COMMIT, beforeBytes: before.bytes, beforeHow: before.how, nowBytes: now.bytes, grewBytes: now.bytes - before.bytes };
}

/** The guard's figure for the checkout at `cwd`; it exits 1 over its budget, which does not matter here. */
function measure(sizeScript, cwd) {
  const result = spawnSync(process.execPath, [sizeScript], { cwd, encoding: 'utf8' });
  const bytes = /(\d+) bytes gzipped/.exec(result.stdout)?.[1];
  return { bytes: bytes === undefined ? undefined : Number(bytes), output: `${result.stdout}${result.stderr}`.trim().split('\n')[0] };
}

function git(cwd, args) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${(result.stderr || result.stdout).trim()}`);
}
