// Preloaded (`node --require`) into the servers the sandbox starts, which it spawns with an IPC
// channel: when the sandbox goes, however it goes (SIGKILL included), the operating system closes
// that channel, and this ends the server instead of leaving it to hold its port.
'use strict';

if (process.channel) {
  // The channel only watches: it must not keep the server alive by itself.
  process.channel.unref();
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    // Should the server catch SIGTERM and linger, it still ends.
    setTimeout(() => process.exit(1), 2_000).unref();
  });
}
