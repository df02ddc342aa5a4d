import { parseArgs } from 'node:util';
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
}

const VALUE_OPTIONS = [
  'data-dir', 'patients', 'seed', 'limit', 'port', 'wait-ms', 'reader', 'slot', 'card', 'pull-after', 'control-port',
  'cf', 'type', 'date', 'phone', 'mobile', 'outcome', 'note', 'id', 'state', 'gestore', 'mmg', 'address',
  'surname', 'given-name', 'birth-date', 'sex',
  'path', 'url', 'host', 'database', 'user', 'doctor', 'mapping',
] as const;
const FLAG_OPTIONS = ['json', 'pin-stdin', 'patto', 'privacy', 'dry-run'] as const;

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(FLAG_OPTIONS.map((o) => [o, { type: 'boolean' as const }])),
        ...Object.fromEntries(VALUE_OPTIONS.map((o) => [o, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const options: Record<string, string | undefined> = {};
  for (const o of VALUE_OPTIONS) options[o] = values[o] as string | undefined;
  return {
    words: parsed.positionals,
    positionals: [],
    options,
    json: values.json === true,
    help: values.help === true,
    pinStdin: values['pin-stdin'] === true,
    flags: Object.fromEntries(FLAG_OPTIONS.map((o) => [o, values[o] === true])) as ParsedArgs['flags'],
    dataDir: resolveDataDir(options['data-dir']),
  };
}
