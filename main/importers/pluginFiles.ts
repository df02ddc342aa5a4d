import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PLUGIN_EXTENSIONS = ['.js', '.mjs', '.cjs'];

/** One file of the plug-in folder as read once: what is hashed is what may be run. */
export interface PluginFile {
  file: string;
  bytes: Buffer;
  sha256: string;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A bare name of the folder with a plug-in extension: no path may reach outside it. */
export function isPluginFileName(file: string): boolean {
  return file === path.basename(file) && !file.includes('\0') && PLUGIN_EXTENSIONS.includes(path.extname(file));
}

/** The file `file` of `dir` with its hash, or null when there is no such regular file. */
export function readPluginFile(dir: string, file: string): PluginFile | null {
  if (!isPluginFileName(file)) return null;
  const full = path.join(dir, file);
  let bytes: Buffer;
  try {
    if (!fs.statSync(full).isFile()) return null;
    bytes = fs.readFileSync(full);
  } catch {
    return null;
  }
  return { file, bytes, sha256: sha256Of(bytes) };
}

/** Every plug-in file of `dir`, by name; none when the folder does not exist. */
export function readPluginFolder(dir: string): PluginFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter(isPluginFileName)
    .sort()
    .flatMap((file) => readPluginFile(dir, file) ?? []);
}
