// Regenerates src/generated/ and fails if it differs from what is committed
// (openapi-typescript's own --check is unreliable).
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status;

if (run(process.execPath, ['scripts/generate.js']) !== 0) process.exit(1);
const untracked = spawnSync('git', ['ls-files', '--others', '--exclude-standard', 'src/generated'], {
  encoding: 'utf8',
}).stdout.trim();
if (untracked) {
  console.error(`src/generated has files git does not track:\n${untracked}`);
  process.exit(1);
}
if (run('git', ['diff', '--exit-code', '--', 'src/generated']) !== 0) {
  console.error('src/generated differs from what `npm run generate` makes: commit the regenerated types.');
  process.exit(1);
}
console.log('src/generated matches the document.');
