import path from 'node:path';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store/store';
import { ImportEngine } from './engine';
import { FILE_ADAPTERS, listMappings, loadMapping, readHeaders, saveMapping } from './files';
import { millewinAdapter } from './millewin';
import { AdapterRegistry } from './registry';

export const PLUGINS_FOLDER = 'plugins';

/** The import layer as the app uses it: adapters (built in and plug-ins), engine, saved mappings. */
export class ImportService {
  readonly registry = new AdapterRegistry([millewinAdapter, ...FILE_ADAPTERS]);
  readonly engine: ImportEngine;
  private loaded: Promise<unknown> | null = null;

  constructor(
    store: Store,
    events: EventHub,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {
    this.engine = new ImportEngine(store, this.registry, events, clock, dataDir);
  }

  /** Loads the plug-ins of the data folder, once. */
  ready(): Promise<unknown> {
    this.loaded ??= this.registry.loadPlugins(path.join(this.dataDir, PLUGINS_FOLDER));
    return this.loaded;
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
