import type { ImportAllProgress } from '../../index.js';
import { count, counted, duration } from './format.js';
import type { ChunkView, Display, LoadProgress } from './model.js';

/** The most often a progress line is printed where output is a log, not a terminal. */
const PROGRESS_EVERY_MS = 5_000;

/**
 * The display for logs and pipes (CI, `| tee`): one plain line per change of a chunk's status, and
 * a progress line at most every 5 s, only when something moved. No escape codes, no carriage returns.
 */
export function plainDisplay(write: (line: string) => void, model: LoadProgress, now: () => number = Date.now): Display {
  let lastPrinted = -1;
  let stopped = false;
  const stamp = () => {
    const seconds = Math.floor((now() - model.startedAt) / 1000);
    return `[${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}]`;
  };
  const line = (text: string) => write(`${stamp()} ${text}\n`);
  const timer = setInterval(() => {
    if (stopped || model.processedTotal === lastPrinted) return;
    lastPrinted = model.processedTotal;
    line(progressLine(model, now()));
  }, PROGRESS_EVERY_MS);
  timer.unref();

  return {
    message: (text) => void (stopped || write(`${text}\n`)),
    progress(progress: ImportAllProgress) {
      if (stopped) return;
      const { chunk, statusChanged } = model.update(progress, now());
      if (statusChanged) line(statusLine(chunk, model.chunksTotal));
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

export function statusLine(chunk: ChunkView, chunksTotal: number): string {
  const name = `chunk ${chunk.chunk + 1}/${chunksTotal || '?'} ${chunk.reference} (${chunk.id})`;
  const finished = chunk.status === 'completed' || chunk.status === 'interrupted';
  if (!finished) return `${name}: ${chunk.status}${chunk.resumed ? ', from an earlier run' : ''}`;
  const earlier = chunk.resumed ? ' (by an earlier run)' : '';
  return `${name}: ${chunk.status}${earlier}, ${count(chunk.processed)} of ${chunk.size === undefined ? '?' : count(chunk.size)} processed, ${counted(chunk.errors, 'error')}`;
}

export function progressLine(model: LoadProgress, at: number): string {
  const percent = model.recordsTotal > 0 ? Math.floor((model.processedTotal / model.recordsTotal) * 100) : 0;
  const rate = model.rate(at);
  const left = model.remainingMs(at);
  return (
    `progress: ${count(model.processedTotal)} of ${count(model.recordsTotal)} records (${percent}%)` +
    `${rate === undefined ? '' : `, ${count(rate)} records/s`}${left === undefined ? '' : `, about ${duration(left)} left`}`
  );
}
