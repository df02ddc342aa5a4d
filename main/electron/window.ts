import { fileURLToPath } from 'node:url';
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { createLogger } from '../log';
import { APP_ENTRY_URL } from './channels';

const log = createLogger('electron.window');

export const WINDOW_TITLE = 'PiC Studio';

/** The preload bundle beside the main bundle (dist/main/preload.cjs); import.meta.url is the bundle. */
export function preloadPath(): string {
  return fileURLToPath(new URL('./preload.cjs', import.meta.url));
}

/** The renderer gets no Node, runs sandboxed and isolated, and talks only through window.pic. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Only for Chromium's built-in PDF viewer: the Patto di Cura is previewed and printed from it.
    plugins: true,
    preload,
  };
}

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preload),
  };
}

/**
 * Creates the main window and loads our page from app://pic. The window keeps its own title
 * (the page's <title> would otherwise replace it) and is shown once painted, to avoid a white flash.
 */
export function createMainWindow(preload: string = preloadPath()): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preload));
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-fail-load', (_event, code, description, url) => {
    log.error('page failed to load', { code, description, url });
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  win.webContents.on('preload-error', (_event, file, error) => {
    log.error('preload failed', { file, err: error });
  });
  void win.loadURL(APP_ENTRY_URL).catch((err: unknown) => log.error('loading the page failed', { err }));
  return win;
}
