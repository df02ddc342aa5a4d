import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Tests on the real smart-card stack: one pcscd with vpcd's two readers for the whole run, shared
 * by every file, so files run one after the other (and one of them restarts pcscd).
 */
export default defineConfig({
  root,
  test: {
    // Database keys of the tests' folders: never in the user's own config folder.
    env: { PIC_KEY_DIR: path.join(os.tmpdir(), 'pic-test-keys') },
    include: ['test/cardstack/**/*.test.ts'],
    globalSetup: ['test/support/buildMain.ts', 'test/support/pcscdSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
