import type { ParsedArgs } from './args';

/** What a command hands back: one JSON document, and the same for people. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Non-zero when the command ran but its answer is a failure (a wrong PIN). */
  exitCode?: number;
}

export interface Command {
  /** Words that select it: ['patients', 'find']. More specific commands come first. */
  words: string[];
  usage: string;
  summary: string;
  run(args: ParsedArgs): Promise<CommandOutput> | CommandOutput;
}
