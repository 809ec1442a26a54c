import type { ExitCode } from '../cli-error.js';
import type { OptionSpecs } from '../args.js';
import type { Output } from '../output.js';

export interface Context {
  output: Output;
  env: NodeJS.ProcessEnv;
  /** The arguments after the program, the command first, as given (for the command that resumes). */
  argv: string[];
}

/** One command of the command line: its help, and what it does. */
export interface Command {
  name: string;
  /** One line, for the list of commands. */
  summary: string;
  usage: string;
  description: string;
  options: OptionSpecs;
  positionals: { min: number; max: number; names: string };
  examples: string[];
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], context: Context): Promise<ExitCode>;
}
