import type { ImportReport } from '../../shared/contract/import';
import type { ImportAdapter } from '../importers/adapter';
import { UsageError, type ParsedArgs } from './args';
import { intOption } from './cardCommands';
import type { Command, CommandOutput } from './commandTypes';
import { withCore } from './withCore';

/** The command-line option behind each adapter option, for messages. */
const OPTION_FLAG: Record<string, string> = {
  path: '--path FILE',
  url: '--url postgres://...',
  host: '--host H',
  port: '--port P',
  database: '--database D',
  user: '--user U',
  doctor: '--doctor USERID',
  mappingName: '--mapping NAME',
};

/**
 * Adapter options from the command line; the password only ever from PGPASSWORD. A file
 * adapter takes its file as `--path FILE` or as the argument after the adapter's name.
 */
function adapterOptions(args: ParsedArgs, adapter: ImportAdapter): Record<string, unknown> {
  const o = args.options;
  const [file, ...extra] = args.positionals.slice(1);
  if (extra.length > 0 || (file !== undefined && adapter.source !== 'file')) throw new UsageError(`unexpected argument "${extra[0] ?? file}"`);
  if (file !== undefined && o.path !== undefined) throw new UsageError('give the file once: either FILE or --path FILE');
  const options: Record<string, unknown> = {
    path: o.path ?? file,
    url: o.url,
    host: o.host,
    port: o.port === undefined ? undefined : intOption(args, 'port'),
    database: o.database,
    user: o.user,
    doctor: o.doctor,
    mappingName: o.mapping,
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  checkAdapterOptions(adapter, given);
  return given;
}

/** The adapter's own schema, with its complaints turned into the option to give. */
function checkAdapterOptions(adapter: ImportAdapter, options: Record<string, unknown>): void {
  const parsed = adapter.options.safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const flag = OPTION_FLAG[key];
  if (!flag) throw new UsageError(`the ${adapter.id} adapter refuses these options: ${issue.message}`);
  if (options[key] === undefined) throw new UsageError(`missing ${flag} for the ${adapter.id} adapter`);
  throw new UsageError(`${flag.split(' ')[0]} is not valid for the ${adapter.id} adapter: ${issue.message}`);
}

function reportOutput(r: ImportReport): CommandOutput {
  const json = { adapter: r.adapter, runId: r.runId, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected.map(({ row, reason }) => ({ row, reason })) };
  if (r.status !== 'done') {
    return { json: { ...json, error: r.error?.code ?? r.status, message: r.error?.message ?? r.status }, text: `Import ${r.status}: ${r.error?.message ?? ''}`, exitCode: 1 };
  }
  const lines = [
    `${r.dryRun ? 'Dry run (nothing saved)' : `Import run #${r.runId}`}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected.`,
    ...r.rejected.slice(0, 20).map((x) => `  row ${x.row}: ${x.reason}`),
  ];
  return { json, text: lines.join('\n') };
}

export const IMPORT_COMMANDS: Command[] = [
  {
    words: ['import', 'list-adapters'],
    usage: 'pic import list-adapters [--json]',
    summary: 'the import adapters: built in, and the enabled plug-ins of <data>/plugins (with load failures)',
    run(args) {
      return withCore(args, async (call) => {
        const { adapters, failures } = await call('import.adapters', {});
        const text = [...adapters.map((a) => `${a.id.padEnd(14)} ${a.name}${a.plugin ? ' (plug-in)' : ''}`), ...failures.map((f) => `plug-in ${f.file} not loaded: ${f.reason}`)].join('\n');
        return { json: { adapters, failures }, text };
      });
    },
  },
  {
    words: ['import', 'runs'],
    usage: 'pic import runs [--json]',
    summary: 'past import runs with their counts and status',
    run(args) {
      return withCore(args, async (call) => {
        const { runs } = await call('import.runs', {});
        return {
          json: { runs },
          text: runs.map((r) => `#${r.id} ${r.startedAt} ${r.adapter} ${r.status}: +${r.created} ~${r.updated} =${r.unchanged} x${r.rejected}  ${r.source}`).join('\n') || 'No import yet.',
        };
      });
    },
  },
  {
    words: ['import', 'undo'],
    usage: 'pic import undo <runId> [--json]',
    summary: 'revert a whole import run (patients enrolled meanwhile are kept)',
    run(args) {
      const runId = Number(args.positionals[0]);
      if (!Number.isInteger(runId) || runId < 1) throw new UsageError('which run? pic import undo <runId>');
      return withCore(args, async (call) => {
        const r = await call('import.undo', { runId });
        return { json: r, text: `Run #${runId} undone: ${r.removed} patients removed, ${r.restored} restored, ${r.kept.length} kept (enrolled meanwhile).` };
      });
    },
  },
  {
    words: ['import'],
    usage: 'pic import <adapter> [FILE | --path FILE] [--mapping NAME] [--url postgres://... | --host H --port P --database D --user U] [--doctor USERID] [--dry-run] [--json]',
    summary: 'import patients; PGPASSWORD holds the database password; --dry-run saves nothing',
    run(args) {
      const adapter = args.positionals[0];
      if (!adapter) throw new UsageError('which adapter? pic import list-adapters shows them');
      return withCore(args, async (call, core) => {
        await core.importer.ready();
        // The adapter's own schema, checked here to name the command-line option that is wrong.
        const options = adapterOptions(args, core.importer.registry.get(adapter));
        const stopProgress = process.stderr.isTTY
          ? core.events.on('import.progress', (p) => process.stderr.write(`\r${p.done} rows, ${p.rowsPerSecond} rows/s${p.etaSeconds !== null ? `, ~${p.etaSeconds} s left` : ''}   `))
          : () => undefined;
        try {
          let job = await call('import.start', { adapter, options, dryRun: args.flags['dry-run'] });
          while (job.report === null) job = await call('import.status', { job: job.job, waitMs: 30_000 });
          return reportOutput(job.report);
        } finally {
          stopProgress();
          if (process.stderr.isTTY) process.stderr.write('\n');
        }
      });
    },
  },
];
