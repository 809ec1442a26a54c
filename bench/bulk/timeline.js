// What one load did, read off the simulator's log and its imports: makespan, requests, bytes, 429s,
// and where the time went past the ideal client's schedule: how late each import's end was seen
// (the first poll that found it ended), and how long each create came after the moment it could have
// been sent (a slot free and the write windows open).
import { windowOpensAt } from './ideal.js';

const IMPORT_PATH = /^\/api\/imports\/([^/?]+)/;

/**
 * @param {{ startedAt: number, endedAt: number }} run the client's own clock around the call
 * @param {{ log: any[], imports: any[], counts: any, peakRunning: number, duplicates: number }} seen the simulator's report
 * @param {{ slots: number, writes: object | false, idealMs: number }} load
 */
export function analyse(run, seen, load) {
  const { log, counts } = seen;
  const imports = [...seen.imports].sort((a, b) => a.created - b.created);
  const makespanMs = run.endedAt - run.startedAt;
  const byId = new Map(imports.map((each) => [each.id, { ...each, gets: [], detected: null }]));
  let lists = 0;
  let creates = 0;
  let gets = 0;
  for (const entry of log) {
    if (entry.method === 'POST' && entry.path.startsWith('/api/imports')) creates++;
    else if (entry.method === 'GET' && entry.path.startsWith('/api/imports?')) lists++;
    const match = entry.method === 'GET' && IMPORT_PATH.exec(entry.path);
    const imp = match && byId.get(decodeURIComponent(match[1]));
    if (!imp) continue;
    gets++;
    imp.gets.push(entry);
    if (imp.detected === null && (entry.importStatus === 'completed' || entry.importStatus === 'interrupted')) imp.detected = entry.t;
  }
  const responseBytes = log.reduce((sum, entry) => sum + entry.bytes, 0);
  const getBytes = [...byId.values()].flatMap((imp) => imp.gets).reduce((sum, entry) => sum + entry.bytes, 0);

  // Each create after the first `slots` can use the slot freed by an earlier end (in end order).
  const ends = imports.map((each) => each.ended).filter((end) => end !== null).sort((a, b) => a - b);
  const arrivals = imports.map((each) => each.created);
  const late = [];
  let windowBound = 0;
  let windowWaitMs = 0;
  for (let k = load.slots; k < imports.length; k++) {
    const free = ends[k - load.slots];
    const open = windowOpensAt(arrivals, k, load.writes);
    if (open > free) {
      windowBound++;
      windowWaitMs += open - free;
    }
    late.push(arrivals[k] - Math.max(free, open));
  }
  const detection = [...byId.values()].filter((imp) => imp.ended !== null && imp.detected !== null).map((imp) => imp.detected - imp.ended);
  const first = arrivals[0];
  const lastEnd = Math.max(...ends);

  return {
    makespanMs,
    ratio: round(makespanMs / load.idealMs, 3),
    serverSpanMs: lastEnd - first,
    beforeFirstCreateMs: first - run.startedAt,
    afterLastEndMs: run.endedAt - lastEnd,
    imports: imports.length,
    requests: counts.requests,
    requestsPerImport: round(counts.requests / imports.length, 1),
    byKind: { lists, creates, importGets: gets, other: counts.requests - lists - creates - gets },
    getsPerImport: round(gets / imports.length, 1),
    throttled429: counts.throttled,
    responseBytes,
    responseBytesPerImportGet: gets ? Math.round(getBytes / gets) : 0,
    peakRunning: seen.peakRunning,
    duplicateCreates: seen.duplicates,
    endSeenLateMs: stats(detection),
    createLateMs: stats(late),
    createsHeldByWriteWindow: windowBound,
    writeWindowWaitMs: windowWaitMs,
    // Per import, in creation order, ms from the call's start: created, started, ended, end seen, GETs.
    schedule: [...byId.values()].sort((a, b) => a.created - b.created).map((imp) => ({
      reference: imp.reference,
      created: imp.created - run.startedAt,
      started: imp.started === null ? null : imp.started - run.startedAt,
      ended: imp.ended === null ? null : imp.ended - run.startedAt,
      seen: imp.detected === null ? null : imp.detected - run.startedAt,
      gets: imp.gets.map((entry) => entry.t - run.startedAt),
    })),
  };
}

function stats(values) {
  if (values.length === 0) return { mean: null, p50: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean: Math.round(values.reduce((a, b) => a + b, 0) / values.length),
    p50: Math.round(sorted[Math.floor(sorted.length / 2)]),
    max: Math.round(sorted[sorted.length - 1]),
  };
}

export function round(value, digits) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
