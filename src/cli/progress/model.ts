import type { ImportAllProgress } from '../../index.js';

/** What a running load is drawn with. */
export interface Display {
  /** A line of its own (such as "resuming"), kept above the bars on a terminal. */
  message(text: string): void;
  progress(progress: ImportAllProgress): void;
  /** Draws the last frame and gives the terminal back; idempotent. */
  stop(): void;
}

export interface ChunkView {
  chunk: number;
  reference: string;
  id: string;
  status: string;
  processed: number;
  size: number | undefined;
  errors: number;
  resumed: boolean;
}

/** How far the rate looks back: long enough to smooth the polls' steps, short enough to follow changes. */
const RATE_WINDOW_MS = 20_000;

/** What the displays draw: the load's totals, its rate and the chunks still running; fed by importAll's onProgress. */
export class LoadProgress {
  readonly startedAt: number;
  recordsTotal: number;
  chunksTotal: number;
  processedTotal = 0;
  readonly chunks = new Map<number, ChunkView>();
  /** Records processed by this run (not those an earlier run finished), over time: the rate's samples. */
  private thisRun = 0;
  private samples: { at: number; done: number }[] = [];

  constructor(recordsTotal: number, chunksTotal: number, now = Date.now()) {
    this.startedAt = now;
    this.recordsTotal = recordsTotal;
    this.chunksTotal = chunksTotal;
    this.samples.push({ at: now, done: 0 });
  }

  /** Takes one report; says whether the chunk's status changed (or the chunk is new). */
  update(progress: ImportAllProgress, now = Date.now()): { chunk: ChunkView; statusChanged: boolean } {
    const known = this.chunks.get(progress.chunk);
    const handled = (progress.processed_count ?? 0) + (progress.errors_count ?? 0);
    const view: ChunkView = {
      chunk: progress.chunk,
      reference: progress.reference,
      id: progress.id,
      status: progress.status ?? 'pending',
      processed: progress.processed_count ?? 0,
      size: progress.inputs_size ?? undefined,
      errors: progress.errors_count ?? 0,
      resumed: progress.resumed,
    };
    // A chunk an earlier run finished adds to the total but not to this run's rate.
    const finishedEarlier = !known && progress.resumed && (view.status === 'completed' || view.status === 'interrupted');
    if (!finishedEarlier) this.thisRun += Math.max(0, handled - (known ? known.processed + known.errors : 0));
    this.chunks.set(progress.chunk, view);
    this.processedTotal = progress.processed_total;
    if (progress.records_total !== undefined) this.recordsTotal = progress.records_total;
    if (progress.chunks_total !== undefined) this.chunksTotal = progress.chunks_total;
    this.samples.push({ at: now, done: this.thisRun });
    while (this.samples.length > 2 && now - this.samples[1]!.at > RATE_WINDOW_MS) this.samples.shift();
    return { chunk: view, statusChanged: !known || known.status !== view.status };
  }

  /** Records a second over the last few seconds; undefined until there is something to measure. */
  rate(now = Date.now()): number | undefined {
    const first = this.samples[0]!;
    const elapsed = (now - first.at) / 1000;
    if (elapsed < 1 || this.thisRun === first.done) return undefined;
    return (this.thisRun - first.done) / elapsed;
  }

  /** Records a second over the whole run so far: what the last frame shows. */
  averageRate(now = Date.now()): number | undefined {
    const elapsed = (now - this.startedAt) / 1000;
    return elapsed > 0 && this.thisRun > 0 ? this.thisRun / elapsed : undefined;
  }

  /** Milliseconds left at the current rate. */
  remainingMs(now = Date.now()): number | undefined {
    const rate = this.rate(now);
    if (rate === undefined || rate <= 0) return undefined;
    return (Math.max(0, this.recordsTotal - this.processedTotal) / rate) * 1000;
  }

  /** The chunks whose imports are pending or in progress, in chunk order. */
  running(): ChunkView[] {
    return [...this.chunks.values()].filter((c) => c.status === 'pending' || c.status === 'in_progress').sort((a, b) => a.chunk - b.chunk);
  }
}
