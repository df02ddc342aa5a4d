import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CLI } from './cli';

export const CHROMIUM = process.env.PIC_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface BrowserMode {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `pic serve` from the built bundle on a free port and waits for its URL. */
export async function startBrowserMode(dataDir: string): Promise<BrowserMode> {
  if (!fs.existsSync(path.join(path.dirname(CLI), '..', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` before the end-to-end tests');
  }
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--json'], {
    env: { ...process.env, PIC_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`pic serve exited with ${code}`)));
    setTimeout(() => reject(new Error('pic serve did not print its URL within 20 s')), 20_000);
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's Chromium with a fresh profile, driven by playwright-core (never a downloaded browser). */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1366, height: 800 },
    locale: 'it-IT',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', 'test-results');

export interface OpenApp {
  app: BrowserMode;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
  shot(name: string): Promise<unknown>;
  close(): Promise<void>;
}

/** A fresh data folder, `pic serve` on it, and Chromium on its URL, watching for console errors. */
export async function openApp(): Promise<OpenApp> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-e2e-'));
  const app = await startBrowserMode(dataDir);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.url);
  return {
    app,
    page,
    problems,
    shot: (name) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await browser.close();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
