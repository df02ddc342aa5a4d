import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Folders of the built app. Entry points are bundled into dist/main/, so these resolve against
 * the bundle: dist/renderer beside it. import.meta.url is mapped to the bundle's own file.
 */
export function rendererDir(): string {
  return process.env.PIC_RENDERER_DIR ?? fileURLToPath(new URL('../renderer', import.meta.url));
}

/** The sync worker's bundle: beside the running bundle, or in dist/main when running from the sources (tests). */
export function syncWorkerFile(): string {
  const beside = fileURLToPath(new URL('./syncWorker.cjs', import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL('../dist/main/syncWorker.cjs', import.meta.url));
}
