import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log';
import type { ImportAdapter } from './adapter';

const log = createLogger('import-registry');
const PLUGIN_EXTENSIONS = ['.js', '.mjs', '.cjs'];

export class UnknownAdapterError extends AppError {
  constructor(id: string) {
    super('unknown-adapter', `no import adapter "${id}"`, `Tipo di importazione "${id}" sconosciuto.`);
  }
}

export interface PluginFailure {
  file: string;
  reason: string;
}

/** Why `candidate` is not an adapter, or null when it is one. */
export function adapterProblem(candidate: unknown): string | null {
  if (typeof candidate !== 'object' || candidate === null) return 'the module exports no adapter object (default export)';
  const a = candidate as Record<string, unknown>;
  for (const key of ['id', 'name', 'description']) if (typeof a[key] !== 'string' || !a[key]) return `"${key}" must be a non-empty string`;
  if (!['file', 'folder', 'database'].includes(a.source as string)) return '"source" must be file, folder or database';
  if (typeof (a.options as { safeParse?: unknown } | undefined)?.safeParse !== 'function') return '"options" must be a schema with safeParse (zod)';
  for (const fn of ['detect', 'preview', 'read']) if (typeof a[fn] !== 'function') return `"${fn}" must be a function`;
  if (!/^[a-z0-9][a-z0-9-]{1,40}$/.test(a.id as string)) return '"id" must be lower-case letters, digits and dashes';
  return null;
}

/**
 * The adapters the app knows: the built-in ones, then the plug-ins found in `<data>/plugins/`
 * (JavaScript modules whose default export follows the adapter interface). A plug-in that fails
 * to load is reported, never fatal; it cannot replace a built-in adapter.
 */
export class AdapterRegistry {
  private readonly adapters = new Map<string, { adapter: ImportAdapter; plugin: boolean }>();
  private failures: PluginFailure[] = [];

  constructor(builtins: readonly ImportAdapter<unknown>[]) {
    for (const a of builtins) this.adapters.set(a.id, { adapter: a as ImportAdapter, plugin: false });
  }

  async loadPlugins(dir: string): Promise<PluginFailure[]> {
    this.failures = [];
    if (!fs.existsSync(dir)) return this.failures;
    for (const file of fs.readdirSync(dir).filter((f) => PLUGIN_EXTENSIONS.includes(path.extname(f))).sort()) {
      const full = path.join(dir, file);
      try {
        const module = (await import(pathToFileURL(full).href)) as { default?: unknown };
        const candidate = (module.default as { default?: unknown } | undefined)?.default ?? module.default;
        const problem = adapterProblem(candidate);
        if (problem) throw new Error(problem);
        const adapter = candidate as ImportAdapter;
        const existing = this.adapters.get(adapter.id);
        if (existing && !existing.plugin) throw new Error(`id "${adapter.id}" belongs to a built-in adapter`);
        this.adapters.set(adapter.id, { adapter, plugin: true });
        log.info('import plug-in loaded', { file, id: adapter.id });
      } catch (err) {
        this.failures.push({ file, reason: (err as Error).message });
        log.warn('import plug-in not loaded', { file, reason: (err as Error).message });
      }
    }
    return this.failures;
  }

  get(id: string): ImportAdapter {
    const entry = this.adapters.get(id);
    if (!entry) throw new UnknownAdapterError(id);
    return entry.adapter;
  }

  list(): { adapter: ImportAdapter; plugin: boolean }[] {
    return [...this.adapters.values()];
  }

  pluginFailures(): PluginFailure[] {
    return this.failures;
  }
}
