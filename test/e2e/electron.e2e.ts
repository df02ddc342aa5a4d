import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The packaged shape of the desktop app (dist/ + package.json "main"), launched in real Electron.
 * Where Electron's binary is missing (and cannot be downloaded: a closed network) or there is no
 * display, the suite is skipped and says why; the wiring itself is covered by the unit test
 * main/electron/electron.test.ts against a stand-in electron module.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

function electronBinary(): { path: string } | { reason: string } {
  let binary: unknown;
  try {
    binary = requireFromRoot('electron');
  } catch (err) {
    return { reason: `Electron's binary is not installed (${(err as Error).message.split('\n')[0]})` };
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary)) return { reason: `Electron's binary is not installed (no file at ${String(binary)})` };
  return { path: binary };
}

function skipReason(): string | null {
  const electron = electronBinary();
  if ('reason' in electron) return electron.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset): run the end-to-end tests under xvfb-run';
  }
  return null;
}

const reason = skipReason();
if (reason) console.log(`[electron.e2e] skipped: ${reason}`);

/** better-sqlite3 must be built for Electron's ABI; true when it already loads inside Electron. */
function nativeModulesMatchElectron(electronPath: string): boolean {
  const probe = "const D = require('better-sqlite3'); new D(':memory:').close();";
  return spawnSync(electronPath, ['-e', probe], { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore', timeout: 60_000 }).status === 0;
}

describe.skipIf(reason !== null)('PiC Studio in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let rebuiltForElectron = false;
  const problems: string[] = [];

  beforeAll(async () => {
    for (const file of ['dist/main/electron.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html']) {
      if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` before the end-to-end tests`);
    }
    const electron = electronBinary() as { path: string };
    if (!nativeModulesMatchElectron(electron.path)) {
      // Same step as `npm start`; undone in afterAll so the Node-side tests keep working.
      execFileSync(process.execPath, [requireFromRoot.resolve('electron-builder/install-app-deps.js')], { cwd: root, stdio: 'inherit' });
      rebuiltForElectron = true;
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-electron-e2e-'));
    app = await _electron.launch({
      args: ['.', '--data-dir', dataDir],
      cwd: root,
      env: { ...process.env, PIC_LOG_LEVEL: 'warn' },
    });
    page = await app.firstWindow();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (rebuiltForElectron) execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  });

  it('opens one window titled PiC Studio, on app://pic', async () => {
    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(titles).toEqual(['PiC Studio']);
    expect(page.url()).toMatch(/^app:\/\/pic\//);
  });

  it('gives the page window.pic with exactly call and on, and no Node', async () => {
    const surface = await page.evaluate(() => ({
      pic: Object.keys((window as unknown as { pic: object }).pic ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ pic: ['call', 'on'], require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => (window as unknown as { pic: { call(n: string, i: unknown): Promise<unknown> } }).pic.call('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { name: 'PiC Studio', dataDir } });
  });

  it('loads the Pazienti page and searches through the bridge', async () => {
    await page.getByTestId('nav-pazienti').click();
    await expect.poll(() => page.getByTestId('page-pazienti').count()).toBe(1);
    // An empty database: a real search reaches the core through IPC and finds nobody.
    await page.getByTestId('patient-search').fill('Rossi');
    await expect.poll(() => page.getByTestId('no-results').count(), { timeout: 10_000 }).toBe(1);
    expect(problems).toEqual([]);
  });

  it('does not let the page navigate elsewhere', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });
});
