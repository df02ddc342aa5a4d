import { fileURLToPath } from 'node:url';

/**
 * Folders of the built app. Entry points are bundled into dist/main/, so these resolve against
 * the bundle: dist/renderer beside it. import.meta.url is mapped to the bundle's own file.
 */
export function rendererDir(): string {
  return process.env.PIC_RENDERER_DIR ?? fileURLToPath(new URL('../renderer', import.meta.url));
}
