// Preloaded (`node --require`) into each measured process: writes its peak RSS (bytes) and the CPU
// time it used (milliseconds, user and system, every thread) as JSON to the file named by
// BENCH_USAGE_FILE when it exits, however it exits. CPU time is the steadier figure on a busy machine.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ rss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
