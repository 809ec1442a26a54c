import type { ImportAllProgress } from '../../index.js';
import { colorFor } from '../output.js';
import { LoadProgress, type Display } from './model.js';

export type { Display };
import { plainDisplay } from './plain.js';
import { ttyDisplay } from './tty.js';

export interface DisplayOptions {
  /** Where progress goes: stdout, or stderr when stdout holds JSON. */
  stream: NodeJS.WriteStream;
  /** Writes to `stream` through the redaction. */
  write: (text: string) => void;
  env: NodeJS.ProcessEnv;
  quiet: boolean;
  label: string;
  recordsTotal: number;
  chunksTotal: number;
}

/** Bars on a terminal, plain lines elsewhere, nothing with --quiet. */
export function createDisplay(options: DisplayOptions): { display: Display; model: LoadProgress } {
  const model = new LoadProgress(options.recordsTotal, options.chunksTotal);
  if (options.quiet) return { display: { message: () => {}, progress: (p) => void model.update(p), stop: () => {} }, model };
  if (options.stream.isTTY) return { display: ttyDisplay(options.stream, model, options.label, colorFor(options.stream, options.env)), model };
  return { display: plainDisplay(options.write, model), model };
}
