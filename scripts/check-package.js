// Packs the package as `npm publish` would and checks the tarball itself, not the working tree:
// only what a user needs is in it, and publint and Are the Types Wrong report nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a user needs: the README, the licence, the manifest and the built dist/ (not the rendered docs). */
const SHIPPED = [/^README\.md$/, /^LICENSE$/, /^package\.json$/, /^dist\/(?!docs\/)/];
const REQUIRED = ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cjs/index.js',
  'dist/cjs/index.d.ts', 'dist/cjs/package.json', 'dist/openapi.json', 'dist/openapi.yaml'];

const failures = [];
const directory = mkdtempSync(join(tmpdir(), 'commercelayer-imports-pack-'));
try {
  const packed = run('npm', ['pack', '--json', '--pack-destination', directory], { capture: true });
  const [{ filename, size, unpackedSize, files }] = JSON.parse(packed.stdout);
  const tarball = join(directory, filename);
  const paths = files.map((file) => file.path).sort();
  console.log(`${filename}: ${paths.length} files, ${size} bytes packed, ${unpackedSize} unpacked`);
  for (const path of paths) console.log(`  ${path}`);

  const unexpected = paths.filter((path) => !SHIPPED.some((pattern) => pattern.test(path)));
  if (unexpected.length > 0) failures.push(`the tarball holds files a user does not need: ${unexpected.join(', ')}`);
  const missing = REQUIRED.filter((path) => !paths.includes(path));
  if (missing.length > 0) failures.push(`the tarball lacks ${missing.join(', ')} (run npm run build first)`);

  // --strict turns warnings into errors; suggestions do not change the exit code, hence the "All good!" check.
  const publint = run(binOf('publint'), ['run', tarball, '--strict'], { capture: true });
  process.stdout.write(publint.stdout + publint.stderr);
  if (publint.status !== 0 || !publint.stdout.includes('All good!')) failures.push('publint reported problems');

  // --no-definitely-typed: no look-up of @types packages on the registry.
  const attw = ['--no-definitely-typed', '--no-emoji', '--no-color', '--format', 'table-flipped'];
  // The module entry points under every resolution mode, node10 included.
  if (run(binOf('attw'), [tarball, ...attw, '--entrypoints', '.', './package.json']).status !== 0) {
    failures.push('attw reported problems with the module entry points');
  }
  // The subpath exports: the simulator (Node only) and openapi.json, data for people who mock the API
  // themselves. node10 resolution predates `exports` and so cannot reach any subpath export; the other
  // modes must. openapi.yaml is not a module at all, so TypeScript has nothing to resolve there.
  for (const entry of ['./simulator', './openapi.json']) {
    if (run(binOf('attw'), [tarball, ...attw, '--entrypoints', entry, '--profile', 'node16']).status !== 0) {
      failures.push(`attw reported problems with ${entry}`);
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`check-package: ${failure}`);
  process.exit(1);
}
console.log('check-package: the tarball is clean');

function run(command, args, { capture = false } = {}) {
  const script = command.endsWith('.js') || command.endsWith('.mjs');
  const result = spawnSync(script ? process.execPath : command, script ? [command, ...args] : args, {
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (result.error) throw result.error;
  if (capture && command === 'npm' && result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
  return result;
}

/** The script behind node_modules/.bin/<name>, to run with this very Node. */
function binOf(name) {
  return realpathSync(join('node_modules', '.bin', name));
}
