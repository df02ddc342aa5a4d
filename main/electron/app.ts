import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import type { PcscWatcher } from '../../native/pcsc/watcher';
import { clockRequestFromEnv } from '../clock';
import type { Core } from '../core';
import { prepareDemo } from '../demoSetup';
import { openCore } from '../openCore';
import { safeSecretStore } from './secretStore';
import { safeKeyStore } from './keyStore';
import { configureLogging, createLogger } from '../log';
import { rendererDir } from '../paths';
import { registerFileDialog } from './fileDialog';
import { registerKeyDialog } from './keyDialog';
import { forwardEvents, registerIpc } from './ipc';
import { italianMenuTemplate } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { checkNativeDatabase, chooseDataDir, prepareLogFile, startupFailureMessage, STARTUP_FAILURE_TITLE } from './startup';
import { createMainWindow, preloadPath } from './window';

const log = createLogger('electron');

export const APP_ID = 'it.pic-studio.app';
export const DEMO_FLAG = '--demo';

export interface AppOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The built renderer (dist/renderer). */
  rendererRoot?: string;
  /** The preload bundle (dist/main/preload.cjs). */
  preload?: string;
  /** Card readers to watch instead of the real PC/SC service (tests). */
  watcher?: PcscWatcher;
  /** Fake patients a new demo folder starts with (tests ask for none). */
  demoPatients?: number;
}

export interface RunningApp {
  core: Core;
  dataDir: string;
  logFile: string | null;
  window(): BrowserWindow | null;
}

/**
 * The desktop app's lifecycle. Everything that must happen before 'ready' (data dir, scheme
 * registration, single-instance lock) runs synchronously; the rest once Electron is ready.
 * Resolves to the running app, or null when it did not start (second instance, startup failure).
 */
export async function runApp(options: AppOptions = {}): Promise<RunningApp | null> {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  // --demo: a demo's folder (fake patients, virtual cards), never the studio's archive.
  const demo = argv.includes(DEMO_FLAG);
  const { dir: dataDir, overridden } = chooseDataDir(argv, env, () => app.getPath('userData'), demo);
  // With an explicit data dir, Chromium's own files and the single-instance lock live there too:
  // two launches on the same data dir are one app, two different data dirs are two apps.
  if (overridden) app.setPath('userData', dataDir);
  app.commandLine.appendSwitch('lang', 'it-IT');
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    // Another PiC Studio has this data dir open; it will come to the front (second-instance).
    app.quit();
    return null;
  }

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  await app.whenReady();

  const logFile = prepareLogFile(dataDir);
  configureLogging({ level: 'info', file: logFile });
  log.info('starting', { dataDir, version: app.getVersion(), electron: process.versions.electron });

  let core: Core;
  try {
    checkNativeDatabase();
    core = openCore({ dataDir, clock: clockRequestFromEnv(env), demo, watcher: options.watcher, keys: safeKeyStore(safeStorage), secrets: safeSecretStore(safeStorage) });
    if (demo) prepareDemo(core, { patients: options.demoPatients });
  } catch (err) {
    failStartup(err, logFile);
    return null;
  }

  try {
    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, options.rendererRoot ?? rendererDir());
    Menu.setApplicationMenu(Menu.buildFromTemplate(italianMenuTemplate({ isMac: platform === 'darwin', devTools: !app.isPackaged })));
  } catch (err) {
    void core.close();
    failStartup(err, logFile);
    return null;
  }

  const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const stopIpc = registerIpc(ipcMain, core, getWindow);
  // The archive's chosen files at the time of the pick: a restored backup brings its own.
  const files = { pick: (file: string) => core.importer.files.pick(file) };
  const stopFileDialog = registerFileDialog(ipcMain, dialog, { files, operator: () => core.operator() }, getWindow);
  const stopKeyDialog = registerKeyDialog(ipcMain, dialog, { recoveryKey: () => core.services.recoveryKey, operator: () => core.operator() }, getWindow);
  const stopEvents = forwardEvents(core.events, getWindow);

  const openWindow = () => {
    const win = createMainWindow(options.preload ?? preloadPath());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
  };
  openWindow();
  core.start();
  app.on('activate', () => {
    if (!getWindow()) openWindow();
  });

  let closed = false;
  app.on('will-quit', () => {
    if (closed) return;
    closed = true;
    stopEvents();
    stopIpc();
    stopFileDialog();
    stopKeyDialog();
    void core.close();
    log.info('stopped');
  });

  return { core, dataDir, logFile, window: getWindow };
}

/** Startup failed: the Italian message in a dialog (never a stack trace), details in the log. */
function failStartup(err: unknown, logFile: string | null): void {
  log.error('startup failed', { err });
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, startupFailureMessage(err, logFile));
  app.exit(1);
}

/**
 * Electron shows uncaught main-process errors in a dialog with the stack trace; this logs them
 * and shows an Italian message instead. Called by the entry point only (not by tests).
 */
export function installCrashHandlers(): void {
  const report = (err: unknown) => {
    log.error('uncaught error in the main process', { err });
    try {
      dialog.showErrorBox('PiC Studio', "Si è verificato un errore imprevisto. Il problema è stato registrato nel registro dell'applicazione.");
    } catch {
      // Before 'ready' a dialog may be impossible; the log line is already written.
    }
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}
