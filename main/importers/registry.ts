import { AppError } from '../../shared/errors';
import type { ImportAdapter } from './adapter';

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
 * The adapters the app knows: the built-in ones, then the plug-ins PluginService loaded (only
 * those enabled by their content hash, see pluginService.ts). A plug-in that fails to load is
 * reported, never fatal; it cannot replace a built-in adapter or another plug-in's.
 */
export class AdapterRegistry {
  private readonly adapters = new Map<string, { adapter: ImportAdapter; plugin: boolean }>();
  /** The plug-ins loaded, by file: which adapter each gave, from which content. */
  private readonly plugins = new Map<string, { id: string; sha256: string }>();
  private readonly failures = new Map<string, string>();

  constructor(builtins: readonly ImportAdapter<unknown>[]) {
    for (const a of builtins) this.adapters.set(a.id, { adapter: a as ImportAdapter, plugin: false });
  }

  /**
   * Adds the adapter a plug-in file exports (`candidate`, its default export; `sha256`: of the
   * content it came from). Throws, with the reason in English, when it is none.
   */
  addPlugin(file: string, sha256: string, candidate: unknown): ImportAdapter {
    const problem = adapterProblem(candidate);
    if (problem) throw new Error(problem);
    const adapter = candidate as ImportAdapter;
    const existing = this.adapters.get(adapter.id);
    if (existing && !existing.plugin) throw new Error(`id "${adapter.id}" belongs to a built-in adapter`);
    if (existing) throw new Error(`id "${adapter.id}" belongs to the plug-in ${this.fileOf(adapter.id)}`);
    this.adapters.set(adapter.id, { adapter, plugin: true });
    this.plugins.set(file, { id: adapter.id, sha256 });
    return adapter;
  }

  /** Stops offering what `file` gave (its code, once run, stays in memory until the app restarts). */
  removePlugin(file: string): void {
    const loaded = this.plugins.get(file);
    if (loaded) this.adapters.delete(loaded.id);
    this.plugins.delete(file);
    this.failures.delete(file);
  }

  recordFailure(file: string, reason: string): void {
    this.failures.set(file, reason);
  }

  failureOf(file: string): string | null {
    return this.failures.get(file) ?? null;
  }

  /** The adapter loaded from `file`, with the hash of the content it came from; null when none is. */
  pluginOf(file: string): { adapter: ImportAdapter; sha256: string } | null {
    const loaded = this.plugins.get(file);
    const entry = loaded && this.adapters.get(loaded.id);
    return loaded && entry ? { adapter: entry.adapter, sha256: loaded.sha256 } : null;
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
    return [...this.failures].map(([file, reason]) => ({ file, reason })).sort((a, b) => a.file.localeCompare(b.file));
  }

  private fileOf(id: string): string {
    return [...this.plugins].find(([, p]) => p.id === id)?.[0] ?? '?';
  }
}
