import { z } from 'zod';
import { MMG_ONLY } from '../domain/access';
import { NoInput } from './fields';

/**
 * Import plug-ins of the data folder. None runs until the MMG enables it by its content hash:
 * a file nobody enabled, or one changed since, is listed and never executed.
 */

/** A bare file name of the plug-in folder: no separators, a JavaScript extension. */
export const PluginFileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+\.(?:js|mjs|cjs)$/, 'Nome di file di plug-in non valido.');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Impronta SHA-256 non valida.');

/** enabled: its content is the one enabled; changed: enabled, but its content differs since. */
export const PluginState = z.enum(['enabled', 'not-enabled', 'changed']);
export type PluginState = z.infer<typeof PluginState>;

export const PluginView = z.object({
  file: z.string(),
  /** Of the file as it is now in the folder. */
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  state: PluginState,
  /** When it was enabled (ISO instant), for an enabled or changed plug-in. */
  enabledAt: z.string().nullable(),
  /** The adapter this process loaded from the file, if any. */
  adapter: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Why the enabled plug-in could not be loaded (English, from the plug-in's code). */
  error: z.string().nullable(),
});
export type PluginView = z.infer<typeof PluginView>;

export const PluginList = z.object({
  /** Where plug-ins are dropped: `<data folder>/plugins`. */
  folder: z.string(),
  plugins: z.array(PluginView),
});
export type PluginList = z.infer<typeof PluginList>;

export const pluginCalls = {
  'plugins.list': { access: MMG_ONLY, input: NoInput, output: PluginList },
  /** `sha256` is the hash the user was shown: refused when the file now differs. Loads it at once. */
  'plugins.enable': { access: MMG_ONLY, input: z.object({ file: PluginFileName, sha256: Sha256 }), output: PluginList },
  /** Its adapter is no longer offered; code it already ran stays in memory until the app restarts. */
  'plugins.disable': { access: MMG_ONLY, input: z.object({ file: PluginFileName }), output: PluginList },
} as const;

export const pluginEvents = {
  /** A plug-in was enabled or disabled: the list of import adapters changed. */
  'plugins.changed': z.object({}),
} as const;
