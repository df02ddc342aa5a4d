import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  test: {
    // Database keys of the tests' folders: never in the user's own config folder.
    env: { PIC_KEY_DIR: path.join(os.tmpdir(), 'pic-test-keys') },
    include: [
      'shared/**/*.test.ts',
      'main/**/*.test.ts',
      'native/**/*.test.ts',
      'renderer/src/**/*.test.{ts,tsx}',
      'test/integration/**/*.test.ts',
      'test/reliability/**/*.test.ts',
      'test/peers/**/*.test.ts',
    ],
    globalSetup: ['test/support/buildMain.ts'],
    testTimeout: 20_000,
  },
});
