import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the document fonts (fonts/) and templates (templates/).
 *
 * From source (tests, tsx) import.meta.url is this file, so this is main/documents/assets. In the
 * CommonJS bundles import.meta.url names the bundle (dist/main/cli.cjs, electron.cjs), so the
 * build must copy main/documents/assets to dist/main/assets. PIC_DOCUMENT_ASSETS overrides both,
 * e.g. to print with a studio's customised templates.
 */
export function documentAssetsDir(): string {
  const override = process.env.PIC_DOCUMENT_ASSETS;
  if (override !== undefined && override.trim() !== '') return path.resolve(override);
  return fileURLToPath(new URL('./assets', import.meta.url));
}
