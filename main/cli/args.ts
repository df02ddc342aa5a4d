import { parseArgs } from 'node:util';
import { clockRequestFromEnv, type ClockRequest } from '../clock';
import { resolveDataDir } from '../dataDir';

/** Wrong use of the command line: exit code 2, with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  words: string[];
  positionals: string[];
  options: Record<string, string | undefined>;
  json: boolean;
  help: boolean;
  pinStdin: boolean;
  flags: Record<(typeof FLAG_OPTIONS)[number], boolean>;
  dataDir: string;
  /** The options given, by name (without the dashes), to check them against the command's usage. */
  given: string[];
  /** A demo clock: --now (and --frozen-clock), else PIC_NOW (and PIC_CLOCK); null for the real one. */
  clock: ClockRequest | null;
}

const VALUE_OPTIONS = [
  'data-dir', 'patients', 'seed', 'limit', 'port', 'wait-ms', 'reader', 'slot', 'card', 'pull-after', 'control-port',
  'cf', 'type', 'date', 'phone', 'mobile', 'outcome', 'note', 'id', 'state', 'gestore', 'mmg', 'address',
  'surname', 'given-name', 'birth-date', 'sex',
  'path', 'url', 'host', 'database', 'user', 'doctor', 'mapping', 'now', 'time', 'answers', 'role', 'name', 'sha256', 'to', 'backup',
  'templates', 'due-within', 'item', 'priority', 'prescription', 'prescribed-on', 'place', 'provider', 'reason', 'days', 'from',
  'first-regional-offer', 'first-district-offer',
] as const;
const FLAG_OPTIONS = ['json', 'pin-stdin', 'stdin', 'patto', 'privacy', 'dry-run', 'frozen-clock', 'all', 'yes'] as const;
/** Options every command takes, whatever its usage line says. */
export const GLOBAL_OPTIONS = ['data-dir', 'json', 'help', 'now', 'frozen-clock'] as const;

const isValueOption = (name: string) => (VALUE_OPTIONS as readonly string[]).includes(name);
const isFlagOption = (name: string) => name === 'help' || (FLAG_OPTIONS as readonly string[]).includes(name);

const OPTION_TYPES = {
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(FLAG_OPTIONS.map((o) => [o, { type: 'boolean' as const }])),
  ...Object.fromEntries(VALUE_OPTIONS.map((o) => [o, { type: 'string' as const }])),
} as const;

/**
 * A one-line reason for the first option that cannot be read, or null. Node's own messages
 * suggest `--` tricks and name no command; these name the option only.
 */
function badOption(argv: string[]): string | null {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: OPTION_TYPES });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const name = token.rawName;
    if (!isValueOption(token.name) && !isFlagOption(token.name)) return `unknown option ${name}`;
    if (isFlagOption(token.name) && token.value !== undefined) return `${name} takes no value`;
    if (isValueOption(token.name) && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      return `${name} needs a value`;
    }
  }
  return null;
}

/** The words before the first option: which command this is, even when an option is wrong. */
export function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  return words;
}

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const problem = badOption(argv);
  if (problem) throw new UsageError(problem);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: OPTION_TYPES,
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('. ')[0] as string);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const options: Record<string, string | undefined> = {};
  for (const o of VALUE_OPTIONS) options[o] = values[o] as string | undefined;
  const flags = Object.fromEntries(FLAG_OPTIONS.map((o) => [o, values[o] === true])) as ParsedArgs['flags'];
  return {
    words: parsed.positionals,
    positionals: [],
    options,
    json: values.json === true,
    help: values.help === true,
    pinStdin: values['pin-stdin'] === true,
    flags,
    dataDir: resolveDataDir(options['data-dir']),
    given: parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])),
    clock: options.now !== undefined ? { now: options.now, frozen: flags['frozen-clock'] } : clockRequestFromEnv(env),
  };
}

/** The options a usage line mentions ("pic cards [--wait-ms N] [--json]" -> wait-ms, json). */
export function optionsInUsage(usage: string): string[] {
  return [...usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string);
}

/** Refuses an option the command does not take, naming it: a typo must not be ignored. */
export function checkOptionsFor(args: ParsedArgs, usage: string, command: string): void {
  const allowed = new Set([...GLOBAL_OPTIONS, ...optionsInUsage(usage)]);
  const stray = args.given.find((name) => !allowed.has(name));
  if (stray) throw new UsageError(`--${stray} is not an option of "pic ${command}"`);
  if (args.flags['frozen-clock'] && args.options.now === undefined) throw new UsageError('--frozen-clock needs --now WHEN');
}
