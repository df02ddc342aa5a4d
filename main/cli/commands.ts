import { formatItalianDate } from '../../shared/domain/dates';
import type { PatientSummary } from '../../shared/domain/patient';
import { clockForDataDir } from '../demoMode';
import { openCore } from '../openCore';
import { rendererDir } from '../paths';
import { openDatabase } from '../store/database';
import { startWebServer } from '../web/server';
import { UsageError } from './args';
import { CARD_COMMANDS } from './cardCommands';
import type { Command } from './commandTypes';
import { DEMO_COMMANDS, stopOnSignals } from './demoCommands';
import { ENROLLMENT_COMMANDS } from './enrollmentCommands';
import { IMPORT_COMMANDS } from './importCommands';
import { OPERATOR_COMMANDS } from './operatorCommands';
import { BACKUP_COMMANDS } from './backupCommands';
import { KEY_COMMANDS } from './keyCommands';
import { PAI_COMMANDS } from './paiCommands';
import { PLUGIN_COMMANDS } from './pluginCommands';
import { SYNC_COMMANDS } from './syncCommands';
import { withCore } from './withCore';

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} needs a positive whole number, got "${value}"`);
  return Number(value);
}

const patientLine = (p: PatientSummary) =>
  `${p.codiceFiscale}  ${`${p.surname} ${p.givenName}`.padEnd(34)} ${formatItalianDate(p.birthDate)}  ${p.sex}  ${p.chronicLevel ? `livello ${p.chronicLevel}` : ''}`;

export const COMMANDS: Command[] = [
  {
    words: ['db', 'migrate'],
    usage: 'pic db migrate [--data-dir DIR] [--json]',
    summary: 'create the database or bring it to the current schema (backup first)',
    run(args) {
      clockForDataDir(args.clock, args.dataDir, 'clinic');
      const opened = openDatabase(args.dataDir);
      opened.sqlite.close();
      const json = { dataDir: args.dataDir, file: opened.file, schemaVersion: opened.schemaVersion, backup: opened.backup };
      return {
        json,
        text: `Database ${opened.file} at schema version ${opened.schemaVersion}` + (opened.backup ? ` (backup: ${opened.backup})` : ''),
      };
    },
  },
  ...DEMO_COMMANDS,
  {
    words: ['patients', 'find'],
    usage: 'pic patients find <text> [--limit N] [--data-dir DIR] [--json]',
    summary: 'search by surname prefix, given name or codice fiscale',
    run(args) {
      const text = args.positionals.join(' ');
      if (!text) throw new UsageError('what to search is missing: pic patients find <text>');
      const limit = positiveInt(args.options.limit, '--limit');
      return withCore(args, async (call) => {
        const r = await call('patients.search', { text, limit });
        const lines = r.patients.map(patientLine);
        if (r.truncated) lines.push(`(more than ${r.patients.length} matches: type more to narrow the search)`);
        return { json: r, text: lines.length ? lines.join('\n') : 'No patient found.' };
      });
    },
  },
  {
    words: ['serve'],
    usage: 'pic serve [--port P] [--data-dir DIR] [--now WHEN [--frozen-clock]] [--json]',
    summary: 'browser mode: the app on http://127.0.0.1 with a per-launch token (Ctrl+C stops it)',
    async run(args) {
      const port = args.options.port === undefined ? 0 : Number(args.options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number, got "${args.options.port}"`);
      const core = openCore({ dataDir: args.dataDir, clock: args.clock });
      const server = await startWebServer({ core, staticDir: rendererDir(), port });
      core.start();
      stopOnSignals(() => server.close().then(() => core.close()));
      return {
        json: { url: server.url, port: server.port, dataDir: args.dataDir, mode: core.store.kind },
        text: `PiC Studio${core.demo ? ' DEMO' : ''} in browser mode: open ${server.url}\n(data: ${args.dataDir}; Ctrl+C to stop)`,
      };
    },
  },
  ...ENROLLMENT_COMMANDS,
  ...SYNC_COMMANDS,
  ...IMPORT_COMMANDS,
  ...OPERATOR_COMMANDS,
  ...BACKUP_COMMANDS,
  ...KEY_COMMANDS,
  ...PLUGIN_COMMANDS,
  ...PAI_COMMANDS,
  ...CARD_COMMANDS,
];
