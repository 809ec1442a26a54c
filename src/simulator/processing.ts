// How imports move on. With time pacing, state is a function of the clock: before any request is
// answered, `catchUp(now)` replays every input each running import went through since the last
// request, in time order across imports (so that a record one import creates is there for the inputs
// of another that come later), starting pending imports the moment a slot frees. No timer runs: a simulator with
// no requests does no work, and close() has nothing to stop. With poll pacing, an import moves
// one step per retrieval instead, as the old stateful fake did, for tests that count polls.
import { applyInput } from './input-checks.js';
import type { ResolvedOptions } from './options.js';
import { type ImportStore, isFinished, type StoredImport } from './store.js';

export class Processor {
  /** The instant up to which the state has been computed. */
  private clock = 0;
  /** The most imports in progress at the same time so far. */
  peakRunning = 0;
  private readonly msPerInput: number;

  constructor(
    private readonly store: ImportStore,
    private readonly options: Pick<ResolvedOptions, 'inputsPerSecond' | 'maxRunning' | 'pacing' | 'keepInputs'>,
  ) {
    this.msPerInput = 1000 / options.inputsPerSecond;
  }

  /** Time pacing: brings every import to its state at `now`. */
  catchUp(now: number): void {
    if (this.options.pacing !== 'time' || now < this.clock) return;
    let running = this.store.running();
    running = this.fill(running, this.clock);
    while (running.length > 0) {
      let next: StoredImport | undefined;
      let nextAt = Number.POSITIVE_INFINITY;
      for (const imp of running) {
        const at = imp.startedAt! + (imp.next + 1) * this.msPerInput;
        if (at < nextAt) [next, nextAt] = [imp, at];
      }
      if (next === undefined || nextAt > now) break;
      this.goThrough(next, Math.round(nextAt));
      if (isFinished(next)) running = this.fill(running.filter((imp) => imp !== next), nextAt);
    }
    this.clock = now;
  }

  /** Poll pacing: a retrieval of `imp`; every `pollsPerStep`-th one moves it a step. */
  retrieved(imp: StoredImport, now: number): void {
    const pacing = this.options.pacing;
    if (pacing === 'time' || ++imp.polls % pacing.pollsPerStep !== 0) return;
    if (imp.status === 'pending') {
      const running = this.store.running();
      if (running.length < this.options.maxRunning) this.start(imp, now, running.length + 1);
    } else if (imp.status === 'in_progress') {
      const end = Math.min(imp.inputsSize, imp.next + Math.ceil(imp.inputsSize / pacing.pollsToFinish));
      while (imp.next < end && !isFinished(imp)) this.goThrough(imp, now);
    }
  }

  /** `_interrupt: true`: a pending or in_progress import stops where it is. */
  interrupt(imp: StoredImport, now: number): void {
    if (isFinished(imp)) return;
    this.finish(imp, { status: 'interrupted', interruptedAt: now, updatedAt: now });
  }

  /** Starts pending imports, oldest first, while slots are free; `at` is when the slot freed. */
  private fill(running: StoredImport[], at: number): StoredImport[] {
    if (running.length >= this.options.maxRunning) return running;
    const filled = [...running];
    for (const imp of this.store.pending()) {
      if (filled.length >= this.options.maxRunning) break;
      filled.push(imp);
      this.start(imp, Math.max(Math.round(at), imp.createdAt), filled.length);
    }
    return filled;
  }

  private start(imp: StoredImport, at: number, runningNow: number): void {
    Object.assign(imp, { status: 'in_progress', startedAt: at, updatedAt: at });
    this.peakRunning = Math.max(this.peakRunning, runningNow);
  }

  /** The import goes through its next input: imported (maybe with a warning) or failed. */
  private goThrough(imp: StoredImport, at: number): void {
    const index = imp.next++;
    const verdict = applyInput(this.store.records, imp, imp.inputs[index]!, index);
    if (verdict.kind === 'failed') {
      imp.errorsCount++;
      // Two failed inputs with the same key share an entry: their messages are merged.
      const entry = (imp.errorsLog[verdict.key] ??= Object.create(null) as Record<string, string[]>);
      for (const [attribute, messages] of Object.entries(verdict.errors)) {
        entry[attribute] = [...new Set([...(entry[attribute] ?? []), ...messages])];
      }
    } else {
      imp.processedCount++;
      if (verdict.warnings) {
        imp.warningsCount++;
        imp.warningsLog[verdict.key] = [...(imp.warningsLog[verdict.key] ?? []), ...verdict.warnings];
      }
    }
    imp.updatedAt = at;
    // Commerce Layer interrupts an import whose errors pass 10% of its inputs, unless skip_errors.
    if (!imp.skipErrors && imp.errorsCount > imp.inputsSize / 10) {
      this.finish(imp, { status: 'interrupted', interruptedAt: at });
    } else if (imp.next === imp.inputsSize) {
      this.finish(imp, { status: 'completed', completedAt: at });
    }
  }

  private finish(imp: StoredImport, end: Pick<StoredImport, 'status'> & Partial<StoredImport>): void {
    Object.assign(imp, end);
    // For loads of millions of records: a finished import's inputs need not stay in memory.
    if (!this.options.keepInputs) imp.inputs = [];
  }
}
