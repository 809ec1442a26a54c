// The limit the API sets on a load: the makespan of an ideal client, computed by a small event
// simulation. The ideal client knows the instant each import ends (it never polls) and creates each
// chunk the moment a slot is free (`concurrency` imports of its own, at most `maxRunning` running per
// organization) and every write window lets one more request through. The windows are the simulator's
// (src/simulator/rate-limiter.ts): sliding, never reset, counting only the requests let through; a
// request at t is let through when fewer than `limit` were let through in (t - ms, t], so the one
// that waits on a full window goes exactly `ms` after the limit-th most recent. Each import takes
// its inputs / inputsPerSecond from the instant it is created. Times in milliseconds from the first create.

/**
 * @param {{ chunks: number[], concurrency: number, maxRunning: number, inputsPerSecond: number,
 *           writes: { perMinute: number, perBurst: number, burstSeconds: number } | false }} load
 * @returns {{ makespanMs: number, creates: number[], ends: number[] }}
 */
export function idealSchedule({ chunks, concurrency, maxRunning, inputsPerSecond, writes }) {
  const slots = Math.min(concurrency, maxRunning);
  const windows = writes === false ? [] : [
    { limit: writes.perMinute, ms: 60_000 },
    { limit: writes.perBurst, ms: writes.burstSeconds * 1000 },
  ];
  const creates = [];
  const ends = [];
  let running = []; // end times of the imports in progress
  let t = 0;
  for (const size of chunks) {
    // A slot: wait for the earliest end when all are taken.
    if (running.length >= slots) {
      t = Math.max(t, Math.min(...running));
      running = running.filter((end) => end > t);
      // Several may end at the same instant: any one frees the slot this chunk needs.
    }
    // Room in every window; waiting for one may make another full again, so loop until stable.
    for (let moved = true; moved; ) {
      moved = false;
      for (const { limit, ms } of windows) {
        const boundary = creates[creates.length - limit];
        if (boundary !== undefined && boundary > t - ms) {
          t = boundary + ms;
          moved = true;
        }
      }
    }
    running = running.filter((end) => end > t);
    const end = t + (size / inputsPerSecond) * 1000;
    creates.push(t);
    ends.push(end);
    running.push(end);
  }
  return { makespanMs: Math.max(0, ...ends), creates, ends };
}

/** The earliest instant the write windows let request `k` through, given the arrival times of those before it. */
export function windowOpensAt(arrivals, k, writes) {
  if (writes === false) return 0;
  let t = 0;
  const windows = [
    { limit: writes.perMinute, ms: 60_000 },
    { limit: writes.perBurst, ms: writes.burstSeconds * 1000 },
  ];
  for (const { limit, ms } of windows) {
    const boundary = arrivals[k - limit];
    if (boundary !== undefined) t = Math.max(t, boundary + ms);
  }
  return t;
}
