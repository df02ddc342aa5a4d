import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Runs in Node at build time (not part of the UI bundle): the renderer's import limits do not apply here.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs, so that the same build works from http:// (browser mode) and file:// (Electron).
  base: './',
  plugins: [react()],
  // No public/ folder: every asset is imported from the sources and bundled.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The strict CSP forbids data: scripts and inline code; small assets stay files as well.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'chrome120',
  },
  server: { port: 5173, strictPort: true },
});
