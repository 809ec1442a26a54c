/**
 * When a load stops creating chunks because those that ended show the rest would fail the same way.
 * Without `maxErrors`: once 3 chunks have ended (the default concurrency's first wave, so that one bad
 * stretch of a file, a chunk interrupted among completed ones, does not stop a load), either every
 * one of them was interrupted (the API interrupts an import whose errors pass 10% of its inputs), or
 * more than half of the records they went through failed (which catches loads sent with skip_errors,
 * never interrupted). With `maxErrors`: once more than that many records have failed. Only the chunks
 * this run created or found running count: those an earlier run finished ran with its settings.
 */
const STOP_AFTER_CHUNKS = 3;
const STOP_FAILED_SHARE = 0.5;

export interface EndedChunk {
  status: string | undefined;
  processed: number;
  failed: number;
}

export interface EarlyStop {
  /** Counts a chunk whose import ended. */
  ended(chunk: EndedChunk): void;
  /** Why no further chunk is created, once that is so. */
  readonly reason: string | undefined;
}

export function earlyStop(maxErrors: number | undefined): EarlyStop {
  let chunks = 0;
  let interrupted = 0;
  let failed = 0;
  let wentThrough = 0;
  let reason: string | undefined;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return {
    ended({ status, processed, failed: failedHere }) {
      chunks++;
      if (status === 'interrupted') interrupted++;
      failed += failedHere;
      wentThrough += processed + failedHere;
      if (reason !== undefined) return;
      if (maxErrors !== undefined) {
        if (failed > maxErrors) reason = `${plural(failed, 'record')} failed, more than maxErrors (${maxErrors})`;
        return;
      }
      if (chunks < STOP_AFTER_CHUNKS) return;
      if (interrupted === chunks) reason = `the first ${chunks} chunks that ended were all interrupted for errors`;
      else if (failed > wentThrough * STOP_FAILED_SHARE) reason = `${plural(failed, 'record')} of the ${wentThrough} gone through failed, more than half`;
    },
    get reason() {
      return reason;
    },
  };
}
