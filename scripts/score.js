// Fails when `redocly score` rates the document's Agent Readiness under the floor.
import { redocly } from './redocly.js';

const floor = Number(process.argv[2] ?? 90);
const output = redocly(['score', 'openapi/openapi.yaml'], { capture: true });
const match = /Agent Readiness:\s+([\d.]+)\/100/.exec(output);
if (!match) {
  console.error(output);
  console.error('score: could not read the Agent Readiness from redocly score');
  process.exit(1);
}
const score = Number(match[1]);
console.log(`Agent Readiness ${score}/100 (floor ${floor})`);
if (score < floor) process.exit(1);
