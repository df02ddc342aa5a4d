import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/** End-to-end: the built app in browser mode driven by Debian's Chromium, and Electron where present. */
export default defineConfig({
  root,
  test: {
    // Database keys of the tests' folders: never in the user's own config folder.
    env: { PIC_KEY_DIR: path.join(os.tmpdir(), 'pic-test-keys') },
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The UI waits on real work (card reads over vpcd, PDF rendering): poll longer than the 1 s default.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    globalSetup: ['test/support/pcscdSetup.ts'],
  },
});
