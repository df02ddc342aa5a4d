import { AppError } from '../../shared/errors';
import { WrongPinError } from '../../native/cards/errors';
import { configureLogging } from '../log';
import { checkOptionsFor, commandWords, parseCommandLine, UsageError } from './args';
import { COMMANDS } from './commands';
import type { Command } from './commandTypes';

const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

function helpText(): string {
  const lines = ['pic - PiC Studio from the command line', '', 'Usage:'];
  for (const c of COMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push(
    '',
    'Every command takes --data-dir DIR (default: PIC_DATA_DIR, else the app\'s user-data folder)',
    'and --json to print one JSON document instead of text.',
    'On a demo data folder only: --now WHEN [--frozen-clock] (or PIC_NOW, PIC_CLOCK=frozen) sets the clock,',
    'WHEN being YYYY-MM-DD, YYYY-MM-DDTHH:MM (Rome time) or an ISO instant with its offset.',
  );
  return lines.join('\n');
}

/** The most specific command whose words begin `words` (COMMANDS lists specific ones first). */
function findCommand(words: readonly string[]): Command | null {
  return COMMANDS.find((c) => c.words.every((w, i) => words[i] === w)) ?? null;
}

function usageError(message: string, command: Command | null): number {
  process.stderr.write(command ? `Error: ${message}\nUsage: ${command.usage}\n` : `Error: ${message}\nSee pic --help.\n`);
  return EXIT_USAGE;
}

export async function main(argv: string[]): Promise<number> {
  configureLogging({ level: 'warn' });
  let args;
  try {
    args = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return usageError(err.message, findCommand(commandWords(argv)));
  }
  if (args.words.length === 0 || args.words[0] === 'help') {
    process.stdout.write(helpText() + '\n');
    return args.words.length === 0 && !args.help ? EXIT_USAGE : 0;
  }
  const command = findCommand(args.words);
  if (!command) {
    process.stderr.write(`Error: unknown command "${args.words.join(' ')}"\n\n${helpText()}\n`);
    return EXIT_USAGE;
  }
  args.positionals = args.words.slice(command.words.length);
  if (args.help) {
    process.stdout.write(`${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  try {
    checkOptionsFor(args, command.usage, command.words.join(' '));
  } catch (err) {
    return usageError((err as Error).message, command);
  }
  try {
    const out = await command.run(args);
    process.stdout.write(args.json ? JSON.stringify(out.json) + '\n' : out.text + '\n');
    return out.exitCode ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`Error: ${err.message}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    const code = err instanceof AppError ? err.code : 'internal';
    const message = err instanceof Error ? err.message : String(err);
    const extra = err instanceof WrongPinError ? { triesLeft: err.triesLeft } : {};
    if (args.json) process.stdout.write(JSON.stringify({ error: code, message, ...extra }) + '\n');
    process.stderr.write(`Error: ${message}\n`);
    if (!(err instanceof AppError) && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    return EXIT_ERROR;
  }
}

void main(process.argv.slice(2)).then((code) => {
  // `serve` keeps running: only finished commands set the exit code here.
  process.exitCode = code;
});
