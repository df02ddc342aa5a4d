import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store/store';
import type { AdapterInfo, ImportJobView } from '../../shared/contract/import';
import { ChosenFiles, FileNotChosenError, PathNotAllowedError, type FileLease } from './chosenFiles';
import { ImportEngine, ImportOptionsError } from './engine';
import { ImportJobs } from './importJobs';
import { FILE_ADAPTERS, listMappings, loadMapping, readHeaders, saveMapping } from './files';
import { millewinAdapter } from './millewin';
import { PluginService } from './pluginService';
import { AdapterRegistry, type PluginFailure } from './registry';

/** Who gave the options: the page (either transport) or the command line. */
export type OptionsFrom = 'page' | 'cli';

/** The import layer as the app uses it: adapters (built in and plug-ins), engine, the files chosen, saved mappings. */
export class ImportService {
  readonly registry = new AdapterRegistry([millewinAdapter, ...FILE_ADAPTERS]);
  readonly engine: ImportEngine;
  readonly jobs: ImportJobs;
  readonly plugins: PluginService;
  readonly files: ChosenFiles;

  constructor(
    store: Store,
    events: EventHub,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {
    this.engine = new ImportEngine(store, this.registry, events, clock, dataDir);
    this.jobs = new ImportJobs(this.engine, events);
    this.plugins = new PluginService(store, this.registry, events, clock, dataDir);
    this.files = new ChosenFiles(dataDir);
  }

  /** The archive is closing: the chosen files go, the jobs stop following progress. */
  close(): void {
    this.files.close();
    this.jobs.close();
  }

  /** Loads the enabled plug-ins of the data folder, once. */
  ready(): Promise<void> {
    return this.plugins.ready();
  }

  /** The adapters (built in, then plug-ins) and the plug-ins that could not be loaded. */
  async adapters(): Promise<{ adapters: AdapterInfo[]; failures: PluginFailure[] }> {
    await this.ready();
    return {
      adapters: this.registry.list().map(({ adapter, plugin }) => ({ id: adapter.id, name: adapter.name, description: adapter.description, source: adapter.source, plugin })),
      failures: this.registry.pluginFailures(),
    };
  }

  /** `from`: the page (Electron or browser mode) names files only by handle; the command line by path. */
  async preview(adapter: string, options: unknown, limit: number, from: OptionsFrom) {
    await this.ready();
    const source = this.withChosenFile(options, from);
    try {
      return await this.engine.preview(adapter, source.options, limit);
    } finally {
      source.lease?.done();
    }
  }

  /**
   * Starts an import job (see ImportJobs) once the plug-ins are loaded. A chosen file is spent by
   * the import that ends reading it (an upload's copy removed); a dry run leaves it for the import.
   */
  async start(adapter: string, options: unknown, run: { dryRun: boolean; operatorCf: string | null }, from: OptionsFrom): Promise<ImportJobView> {
    await this.ready();
    const { options: resolved, lease } = this.withChosenFile(options, from);
    const ended = () => {
      lease?.done();
      if (lease && !run.dryRun) this.files.release(lease.file);
    };
    try {
      return this.jobs.start(adapter, resolved, { ...run, source: lease?.source }, ended);
    } catch (err) {
      lease?.done();
      throw err;
    }
  }

  /** The headers and first rows of a chosen file, for the mapping form. */
  async fileHeaders(file: string): Promise<{ headers: string[]; sample: string[][] }> {
    const lease = this.files.open(file);
    try {
      return await readHeaders(lease.path);
    } finally {
      lease.done();
    }
  }

  /**
   * Options as the adapters take them: a chosen file named by its handle (`file`) gets its path,
   * held while it is read. A path itself only from the command line: the page could name any
   * file the app can read with one.
   */
  private withChosenFile(options: unknown, from: OptionsFrom): { options: unknown; lease: FileLease | null } {
    if (typeof options !== 'object' || options === null) return { options, lease: null };
    const { file, ...rest } = options as Record<string, unknown>;
    if (from === 'page' && rest.path !== undefined) throw new PathNotAllowedError();
    if (file === undefined) return { options, lease: null };
    if (rest.path !== undefined) throw new ImportOptionsError('indicare il file scelto oppure il percorso, non entrambi');
    if (typeof file !== 'string') throw new FileNotChosenError();
    const lease = this.files.open(file);
    return { options: { ...rest, path: lease.path }, lease };
  }

  async mappings(): Promise<{ name: string; mapping: Record<string, string> }[]> {
    const names = await listMappings(this.dataDir);
    const saved = await Promise.all(names.map((n) => loadMapping(this.dataDir, n)));
    return saved.flatMap((m) => (m ? [{ name: m.name, mapping: m.mapping as Record<string, string> }] : []));
  }

  async saveMapping(name: string, mapping: Record<string, string>): Promise<{ name: string }> {
    await saveMapping(this.dataDir, name, mapping, { savedAt: this.clock.now() });
    return { name };
  }
}
