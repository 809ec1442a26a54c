import { createInterface } from 'node:readline/promises';
import { UsageError } from './cli-error.js';

/**
 * Asks a yes/no question on the terminal before something that cannot be undone. Without a terminal
 * (a script, a pipe) nobody can answer: the command then needs `--yes`, and says so.
 */
export async function confirmed(command: string, question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(`${command} asks for confirmation, and there is no terminal to ask on: add --yes to go ahead`, command);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C (or the end of input) at the question is a no.
  const controller = new AbortController();
  prompt.on('SIGINT', () => controller.abort());
  prompt.on('close', () => controller.abort());
  try {
    const answer = await prompt.question(`${question} [y/N] `, { signal: controller.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    process.stderr.write('\n');
    return false;
  } finally {
    prompt.close();
  }
}
