import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store/store';
import type { AdapterInfo, ImportJobView } from '../../shared/contract/import';
import { ImportEngine } from './engine';
import { ImportJobs } from './importJobs';
import { FILE_ADAPTERS, listMappings, loadMapping, readHeaders, saveMapping } from './files';
import { millewinAdapter } from './millewin';
import { PluginService } from './pluginService';
import { AdapterRegistry, type PluginFailure } from './registry';

/** The import layer as the app uses it: adapters (built in and plug-ins), engine, saved mappings. */
export class ImportService {
  readonly registry = new AdapterRegistry([millewinAdapter, ...FILE_ADAPTERS]);
  readonly engine: ImportEngine;
  readonly jobs: ImportJobs;
  readonly plugins: PluginService;

  constructor(
    store: Store,
    events: EventHub,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {
    this.engine = new ImportEngine(store, this.registry, events, clock, dataDir);
    this.jobs = new ImportJobs(this.engine, events);
    this.plugins = new PluginService(store, this.registry, events, clock, dataDir);
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

  async preview(adapter: string, options: unknown, limit: number) {
    await this.ready();
    return this.engine.preview(adapter, options, limit);
  }

  /** Starts an import job (see ImportJobs) once the plug-ins are loaded. */
  async start(adapter: string, options: unknown, run: { dryRun: boolean; operatorCf: string | null }): Promise<ImportJobView> {
    await this.ready();
    return this.jobs.start(adapter, options, run);
  }

  fileHeaders(file: string): Promise<{ headers: string[]; sample: string[][] }> {
    return readHeaders(file);
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
