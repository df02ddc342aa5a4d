import path from 'node:path';
import { z } from 'zod';
import type { PluginList, PluginView } from '../../shared/contract/plugins';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { Store } from '../store/store';
import { readPluginFile, readPluginFolder, type PluginFile } from './pluginFiles';
import { runPlugin } from './pluginLoader';
import type { AdapterRegistry } from './registry';

const log = createLogger('import-plugins');

export const PLUGINS_FOLDER = 'plugins';
export const ENABLED_PLUGINS_KEY = 'plugins.enabled';

const EnabledPlugins = z.array(
  z.object({
    file: z.string(),
    sha256: z.string(),
    enabledAt: z.string(),
    /** The operator's codice fiscale; null when nobody was logged in (CLI). */
    enabledBy: z.string().nullable(),
  }),
);
type EnabledPlugin = z.infer<typeof EnabledPlugins>[number];

export class PluginNotFoundError extends AppError {
  constructor(file: string) {
    super('plugin-not-found', `no plug-in file "${file}" in the plug-in folder`, `Il file «${file}» non è più nella cartella dei plug-in: aggiornare l'elenco.`);
  }
}

export class PluginChangedError extends AppError {
  constructor(file: string) {
    super(
      'plugin-changed',
      `plug-in "${file}" is not the content that was shown (its SHA-256 differs)`,
      `Il file «${file}» è cambiato da quando è stato mostrato: aggiornare l'elenco e controllare la nuova impronta prima di abilitarlo.`,
    );
  }
}

export class PluginNotEnabledError extends AppError {
  constructor(file: string) {
    super('plugin-not-enabled', `plug-in "${file}" is not enabled`, `Il plug-in «${file}» non è abilitato.`);
  }
}

/**
 * The plug-ins of `<data>/plugins`, opt-in by content: a file runs, inside the process that holds
 * the patient archive, only once the MMG has enabled its SHA-256 (kept in the settings, each
 * change audited). A file nobody enabled, or whose content changed since, is listed and never run.
 * Enabling loads the plug-in at once; disabling stops offering its adapter.
 */
export class PluginService {
  readonly folder: string;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly registry: AdapterRegistry,
    private readonly events: EventHub,
    private readonly clock: Clock,
    dataDir: string,
  ) {
    this.folder = path.join(dataDir, PLUGINS_FOLDER);
  }

  /** Loads, once, the plug-ins whose content is the one enabled. */
  ready(): Promise<void> {
    this.loaded ??= this.loadEnabled();
    return this.loaded;
  }

  async list(): Promise<PluginList> {
    await this.ready();
    const enabled = this.enabled();
    return { folder: this.folder, plugins: readPluginFolder(this.folder).map((p) => this.view(p, enabled.find((e) => e.file === p.file))) };
  }

  /** `sha256` is what the user saw: the file is read again, and refused unless it still matches. */
  async enable(file: string, sha256: string, operatorCf: string | null): Promise<PluginList> {
    await this.ready();
    const plugin = readPluginFile(this.folder, file);
    if (!plugin) throw new PluginNotFoundError(file);
    if (plugin.sha256 !== sha256) throw new PluginChangedError(file);
    const already = this.enabled().some((e) => e.file === file && e.sha256 === sha256);
    if (!already) {
      this.update('settings.plugins.enable', operatorCf, { file, sha256 }, (list) => [
        ...list.filter((e) => e.file !== file),
        { file, sha256, enabledAt: this.clock.now().toISOString(), enabledBy: operatorCf },
      ]);
    }
    // The bytes just hashed are the ones run; enabling again retries one that failed to load.
    const reload = this.registry.pluginOf(file)?.sha256 !== sha256;
    if (reload) await this.load(plugin);
    if (!already || reload) this.events.emit('plugins.changed', {});
    return this.list();
  }

  async disable(file: string, operatorCf: string | null): Promise<PluginList> {
    await this.ready();
    this.update('settings.plugins.disable', operatorCf, { file }, (list) => {
      if (!list.some((e) => e.file === file)) throw new PluginNotEnabledError(file);
      return list.filter((e) => e.file !== file);
    });
    this.registry.removePlugin(file);
    log.info('import plug-in disabled', { file });
    this.events.emit('plugins.changed', {});
    return this.list();
  }

  private enabled(): EnabledPlugin[] {
    return this.store.settings.get(ENABLED_PLUGINS_KEY, EnabledPlugins) ?? [];
  }

  /** Reads, changes and writes the list in one transaction with its audit entry (another process may share the folder). */
  private update(action: string, operatorCf: string | null, detail: object, change: (list: EnabledPlugin[]) => EnabledPlugin[]): void {
    this.store.transaction(() => {
      this.store.settings.set(ENABLED_PLUGINS_KEY, change(this.enabled()));
      this.store.audit.append({ operatorCf, action, entity: 'settings', entityId: ENABLED_PLUGINS_KEY, detail });
    });
  }

  private async loadEnabled(): Promise<void> {
    const enabled = this.enabled();
    for (const plugin of readPluginFolder(this.folder)) {
      const entry = enabled.find((e) => e.file === plugin.file);
      if (!entry) {
        log.info('import plug-in not enabled: not run', { file: plugin.file, sha256: plugin.sha256 });
      } else if (entry.sha256 !== plugin.sha256) {
        log.warn('import plug-in changed since it was enabled: not run', { file: plugin.file, enabled: entry.sha256, now: plugin.sha256 });
      } else {
        await this.load(plugin);
      }
    }
  }

  private async load(plugin: PluginFile): Promise<void> {
    this.registry.removePlugin(plugin.file);
    try {
      const adapter = this.registry.addPlugin(plugin.file, plugin.sha256, await runPlugin(plugin));
      log.info('import plug-in loaded', { file: plugin.file, sha256: plugin.sha256, id: adapter.id });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.registry.recordFailure(plugin.file, reason);
      log.warn('import plug-in not loaded', { file: plugin.file, reason });
    }
  }

  private view(plugin: PluginFile, entry: EnabledPlugin | undefined): PluginView {
    const state = !entry ? 'not-enabled' : entry.sha256 === plugin.sha256 ? 'enabled' : 'changed';
    const loaded = this.registry.pluginOf(plugin.file);
    return {
      file: plugin.file,
      sha256: plugin.sha256,
      size: plugin.bytes.length,
      state,
      enabledAt: entry?.enabledAt ?? null,
      adapter: loaded ? { id: loaded.adapter.id, name: loaded.adapter.name } : null,
      error: state === 'enabled' ? this.registry.failureOf(plugin.file) : null,
    };
  }
}
