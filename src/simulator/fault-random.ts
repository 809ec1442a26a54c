// Fault schedules drawn from a seed: the same seed gives the same faults, so a schedule that breaks
// a client can be replayed from its seed alone. Which request meets each fault still depends on
// the order requests arrive in, which concurrency may vary from one run to the next.
import type { FaultAnswer, FaultSpec } from './faults.js';

export interface FaultScheduleOptions {
  /** The seed: any 32-bit integer. */
  seed: number;
  /** Faults in the schedule: from 1 to this many (default 6). */
  maxFaults?: number;
  /** Requests of a kind a fault may let through first: from 0 to this many (default 8). */
  maxSkip?: number;
  /** A `store-late` create is stored this many ms after its drop: [least, most] (default [1000, 2000]). */
  lateMs?: [number, number];
  /** A `delay` answer comes this many ms late: [least, most] (default [0, 1500]). */
  delayMs?: [number, number];
}

/** The request kinds faults are drawn for, and the answers each may meet. */
const KINDS: { method: string; path: string | RegExp; answers: FaultAnswer[] }[] = [
  { method: 'POST', path: '/api/imports', answers: [500, 503, 429, 'drop', 'drop-after-store', 'delay', 'store-late', 'store-late'] },
  // A poll: GET /api/imports/:id.
  { method: 'GET', path: /^\/api\/imports\/[^/?]+/, answers: [500, 503, 429, 'drop', 'delay'] },
  // A list, the group's or a create's look-up.
  { method: 'GET', path: '/api/imports', answers: [500, 503, 429, 'drop', 'delay'] },
  // An interrupt.
  { method: 'PATCH', path: /^\/api\/imports\/[^/?]+/, answers: [500, 503, 'drop', 'drop-after-store'] },
];

/** mulberry32: a small, fast 32-bit generator; enough for drawing test faults, not for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The faults of one seeded schedule, to pass to `simulator.fault` one by one. */
export function faultSchedule(options: FaultScheduleOptions): FaultSpec[] {
  const { seed, maxFaults = 6, maxSkip = 8, lateMs = [1000, 2000], delayMs = [0, 1500] } = options;
  if (!Number.isInteger(seed)) throw new TypeError('faultSchedule: seed must be an integer');
  for (const [name, range] of [['lateMs', lateMs], ['delayMs', delayMs]] as const) {
    if (!Array.isArray(range) || range.length !== 2 || !(range[0] >= 0 && range[1] >= range[0])) throw new RangeError(`faultSchedule: ${name} must be [least, most], 0 <= least <= most`);
  }
  const random = seededRandom(seed);
  const between = (least: number, most: number) => least + Math.floor(random() * (most - least + 1));
  const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)]!;
  return Array.from({ length: between(1, maxFaults) }, () => {
    const kind = pick(KINDS);
    const answer = pick(kind.answers);
    const spec: FaultSpec = { method: kind.method, path: kind.path, answer, skip: between(0, maxSkip), times: between(1, 2) };
    if (answer === 'store-late') spec.delayMs = between(...lateMs);
    if (answer === 'delay') spec.delayMs = between(...delayMs);
    // Asks for no wait, where the class's full window would ask for a minute.
    if (answer === 429) spec.headers = { 'retry-after': '0' };
    return spec;
  });
}
