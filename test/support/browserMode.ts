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
  /** Calls the app's API as the page does (with the launch token). */
  call(name: string, input?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export interface BrowserModeOptions {
  /**
   * A demo's folder (`pic demo start` with no patients: demo cards, seeding, the demo studio) or,
   * with false, a studio's archive as the first start makes it (`pic serve`).
   */
  demo?: boolean;
  /** A demo clock starting at this moment (`--now`), for a demo folder only. */
  now?: string;
}

/** Starts the app in browser mode from the built bundle on a free port and waits for its URL. */
export async function startBrowserMode(dataDir: string, options: BrowserModeOptions = {}): Promise<BrowserMode> {
  if (!fs.existsSync(path.join(path.dirname(CLI), '..', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` before the end-to-end tests');
  }
  const command = [...((options.demo ?? true) ? ['demo', 'start', '--patients', '0'] : ['serve']), ...(options.now ? ['--now', options.now] : [])];
  const child: ChildProcess = spawn(process.execPath, [CLI, ...command, '--data-dir', dataDir, '--json'], {
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
    child.once('exit', (code) => reject(new Error(`pic ${command[0]} exited with ${code}`)));
    setTimeout(() => reject(new Error(`pic ${command[0]} did not print its URL within 20 s`)), 20_000);
  });
  const base = url.split('#')[0]!.replace(/\/$/, '');
  const token = new URL(url).hash.replace(/^#token=/, '');
  return {
    url,
    dataDir,
    call: async (name, input = {}) => {
      const r = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      const body = (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
      return body.value;
    },
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
  /** The studio's day by the app's clock (YYYY-MM-DD): dates typed in a test are counted from it. */
  today(): Promise<string>;
  /** How many times the print dialog was asked for, by the page or a frame in it. */
  prints(): Promise<number>;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
  shot(name: string): Promise<unknown>;
  /**
   * The screenshots a UI change is checked by, at 1280x720 and 1366x768 (`scrollTo` first brings
   * that element into view). Each first checks the page fits the window: the app scrolls inside
   * its own areas, and nothing may stretch the page past them.
   */
  shots(name: string, scrollTo?: string): Promise<void>;
  close(): Promise<void>;
}

export const SCREEN_SIZES = [
  [1280, 720],
  [1366, 768],
] as const;

/** A fresh data folder, the app in browser mode on it, and Chromium on its URL, watching for console errors. */
export async function openApp(options: BrowserModeOptions = {}): Promise<OpenApp> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-e2e-'));
  const app = await startBrowserMode(dataDir, options);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // Every print() the page or its PDF frames ask for, counted on the top window. Headless
  // Chromium has no print dialog to show, and a print from its PDF frame crashes the renderer
  // now and then: the call is recorded, not passed on.
  await page.addInitScript(() => {
    window.print = () => {
      const top = window.top as unknown as { __picPrints?: string[] };
      (top.__picPrints ??= []).push(location.href);
    };
  });
  await page.goto(app.url);
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return {
    app,
    page,
    today: async () => ((await app.call('clock.get')) as { today: string }).today,
    prints: () => page.evaluate(() => (window as unknown as { __picPrints?: string[] }).__picPrints?.length ?? 0),
    problems,
    shot,
    shots: async (name, scrollTo) => {
      for (const [width, height] of SCREEN_SIZES) {
        await page.setViewportSize({ width, height });
        if (scrollTo) await page.getByTestId(scrollTo).scrollIntoViewIfNeeded();
        const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
        if (size.width > width || size.height > height) throw new Error(`${name}: the page is ${size.width}x${size.height}, past the ${width}x${height} window`);
        await shot(`${name}-${width}x${height}`);
      }
    },
    close: async () => {
      await browser.close();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
