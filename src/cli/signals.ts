import { EXIT } from './cli-error.js';

/**
 * Ctrl-C: the first calls `first` (stop creating, say how to resume); a second exits at once
 * with 130. Returns a function that gives SIGINT back to its default.
 */
export function onCtrlC(first: () => void, exit: (code: number) => void = exitNow): () => void {
  let seen = false;
  const handler = () => {
    if (seen) return exit(EXIT.INTERRUPTED);
    seen = true;
    first();
  };
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}

/** Exits at once, giving a terminal back its cursor and line wrapping, which the progress display turns off. */
function exitNow(code: number): void {
  if (process.stdout.isTTY) process.stdout.write('\u001b[?25h\u001b[?7h');
  process.exit(code);
}
