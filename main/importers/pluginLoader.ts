import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginFile } from './pluginFiles';

/**
 * Runs a plug-in and returns its default export. It runs from a private copy of the very bytes
 * that were hashed, never from the folder: a file swapped between the check and the load is not
 * what runs, and a new content of the same file is a new module (Node caches modules by path).
 * The copy is alone in its folder, so a plug-in is one file: it may import Node's own modules,
 * not files beside it, which nobody enabled.
 */
export async function runPlugin(plugin: PluginFile): Promise<unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-plugin-'));
  const copy = path.join(dir, `${plugin.sha256}${path.extname(plugin.file)}`);
  try {
    fs.writeFileSync(copy, plugin.bytes, { mode: 0o600, flag: 'wx' });
    const module = (await import(pathToFileURL(copy).href)) as { default?: unknown };
    // A CommonJS module compiled from ES syntax exports { default: adapter }.
    return (module.default as { default?: unknown } | undefined)?.default ?? module.default;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
