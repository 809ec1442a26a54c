// The rejects check's measured process: `node rejects-child.js <cli main.js> <args...>` runs the
// command line in this process, as `commercelayer-imports <args...>` would, and once it exits appends
// one JSON line to stdout: its peak RSS (getrusage's maxrss) over the whole run (the check pass, the
// load, the rejects file and the log file written), its exit code and how long it took.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [main, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], main, ...args];
const started = performance.now();
process.on('exit', (code) => {
  const seconds = Math.round(performance.now() - started) / 1000;
  writeSync(1, `\n${JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024, exitCode: code, seconds })}\n`);
});
await import(pathToFileURL(main).href);
