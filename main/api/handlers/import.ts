import type { importCalls } from '../../../shared/contract/import';
import type { ImportService, OptionsFrom } from '../../importers/importService';
import { operatorCf, type CallContext } from '../context';
import type { HandlersOf } from './types';

export function importHandlers(s: { importer: ImportService }): HandlersOf<typeof importCalls> {
  return {
    'import.adapters': () => s.importer.adapters(),
    'import.preview': ({ adapter, options, limit }, ctx) => s.importer.preview(adapter, options, limit, optionsFrom(ctx)),
    'import.start': ({ adapter, options, dryRun }, ctx) => s.importer.start(adapter, options, { dryRun, operatorCf: operatorCf(ctx) }, optionsFrom(ctx)),
    'import.status': ({ job, waitMs }) => s.importer.jobs.status(job, waitMs),
    'import.cancel': ({ job }) => ({ cancelled: s.importer.jobs.cancel(job) }),
    'import.runs': () => ({ runs: s.importer.engine.runs() }),
    'import.rejects': ({ runId }) => ({ rejects: s.importer.engine.rejects(runId) }),
    'import.undo': ({ runId }, ctx) => s.importer.engine.undo(runId, operatorCf(ctx)),
    'import.fileHeaders': ({ file }) => s.importer.fileHeaders(file),
    'import.releaseFile': ({ file }) => ({ released: s.importer.files.release(file) }),
    'import.mappings': async () => ({ mappings: await s.importer.mappings() }),
    'import.saveMapping': ({ name, mapping }) => s.importer.saveMapping(name, mapping),
  };
}

/** Only the command line may name a file by its path; the page names the files chosen by their handles. */
const optionsFrom = (ctx: CallContext): OptionsFrom => (ctx.transport === 'cli' ? 'cli' : 'page');
