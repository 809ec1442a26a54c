// Fails when `redocly score` rates the document's Agent Readiness under the floor.
// `node scripts/score.js [floor] [--details]`: with --details, or when the score is under the floor,
// it also prints Redocly's report: the subscores, the per-operation metrics and the hotspots.
// How Redocly 2.77 computes it: each operation gets a weighted sum of its subscores, and the
// document 0.9 x the median of those plus 0.1 x discoverability (99.5 for five operations); so the
// floor of 90 needs the middle operation at 88.9 or more. `redocly score --format json` gives all
// the figures.
import { redocly } from './redocly.js';

const args = process.argv.slice(2);
const details = args.includes('--details');
const floor = Number(args.find((arg) => !arg.startsWith('--')) ?? 90);
const output = redocly(['score', 'openapi/openapi.yaml', '--operation-details'], { capture: true });
const match = /Agent Readiness:\s+([\d.]+)\/100/.exec(output);
if (!match) {
  console.error(output);
  console.error('score: could not read the Agent Readiness from redocly score');
  process.exit(1);
}
const score = Number(match[1]);
// Redocly's report without its boxed notices (such as the Node.js deprecation banner).
const report = output
  .split('\n')
  .filter((line) => !/^\s*[║╔╚]/.test(line))
  .join('\n')
  .replace(/\n{3,}/g, '\n\n');
if (details || score < floor) console.log(report.trimEnd());
console.log(`Agent Readiness ${score}/100 (floor ${floor})`);
if (score < floor) process.exit(1);
