import { PcscWatcher } from '../../native/pcsc/watcher';
import { execFileSync, spawn } from 'node:child_process';
import { isBuiltin } from 'node:module';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as nodeUrl from 'node:url';
import * as timers from 'node:timers';
import vm from 'node:vm';
import { Database } from '../store/sqlite';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES, type ApiResult, type DesktopBridge, type PicBridge } from '../../shared/api';
import { dispatch } from '../api/dispatch';
import { DATABASE_FILE, openDatabase } from '../store/database';
import { configureLogging } from '../log';
import { runApp, type RunningApp } from './app';
import { checkNativeDatabase, NativeModuleError, startupFailureMessage } from './startup';
import { APP_ENTRY_URL, CALL_CHANNEL, CHOOSE_FILE_CHANNEL, EVENT_CHANNEL, SAVE_RECOVERY_KEY_CHANNEL } from './channels';
import * as fake from '../../test/doubles/fakeElectron';
import { loggedIn } from '../../test/doubles/operator';
import { VALID_INPUT } from '../../test/support/validInputs';
import { contentSecurityPolicy } from './security';

vi.mock('electron', () => import('../../test/doubles/fakeElectron'));

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * The bundles of main/build.mjs. The unit config's globalSetup builds them before any test file
 * runs; rebuilding here would delete dist/main under test files running in parallel, so this only
 * builds when they are missing (e.g. `npx vitest run main/electron` on a fresh checkout).
 */
function ensureBuilt(): void {
  const needed = ['cli.cjs', 'electron.cjs', 'preload.cjs'].map((f) => path.join(repoRoot, 'dist', 'main', f));
  if (needed.every((f) => fs.existsSync(f))) return;
  execFileSync(process.execPath, [path.join(repoRoot, 'main', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
}
const made: string[] = [];
function tempDir(prefix = 'pic-electron-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A built renderer stand-in: the page, one script, and a secret beside (not inside) the folder. */
function fakeRenderer(): string {
  const parent = tempDir('pic-renderer-');
  const root = path.join(parent, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>PiC Studio</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'not for the page');
  return root;
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<ApiResult<unknown>>;

function callHandler(): Handler {
  const handler = fake.ipcMain.handlers.get(CALL_CHANNEL);
  if (!handler) throw new Error(`no handler on ${CALL_CHANNEL}`);
  return handler as Handler;
}

function chooseFileHandler(): Handler {
  const handler = fake.ipcMain.handlers.get(CHOOSE_FILE_CHANNEL);
  if (!handler) throw new Error(`no handler on ${CHOOSE_FILE_CHANNEL}`);
  return handler as Handler;
}

function saveKeyHandler(): Handler {
  const handler = fake.ipcMain.handlers.get(SAVE_RECOVERY_KEY_CHANNEL);
  if (!handler) throw new Error(`no handler on ${SAVE_RECOVERY_KEY_CHANNEL}`);
  return handler as Handler;
}

function onlyWindow(): fake.FakeBrowserWindow {
  expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  return fake.FakeBrowserWindow.instances[0] as fake.FakeBrowserWindow;
}

/** What Electron hands the handler for a call from our window's page. */
function trustedEvent(win: fake.FakeBrowserWindow) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

function preventable(url: string) {
  return { url, preventDefault: vi.fn() };
}

// Quiet test output: the app asks for 'info' on stderr; PIC_LOG_LEVEL wins over that. The log
// file in the data dir still receives every line, and the tests read it.
configureLogging({ level: 'error' });
const savedLogLevel = process.env.PIC_LOG_LEVEL;
beforeAll(() => {
  process.env.PIC_LOG_LEVEL = 'error';
});
afterAll(() => {
  if (savedLogLevel === undefined) delete process.env.PIC_LOG_LEVEL;
  else process.env.PIC_LOG_LEVEL = savedLogLevel;
});

let running: RunningApp | null = null;
let dataDir = '';
let rendererRoot = '';

async function start(extra: { argv?: string[]; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {}): Promise<RunningApp | null> {
  running = await runApp({
    argv: extra.argv ?? ['electron', '.', '--data-dir', dataDir],
    env: extra.env ?? {},
    platform: extra.platform ?? 'linux',
    rendererRoot,
    // A demo folder starts empty here: the tests seed what they count.
    demoPatients: 0,
    // No PC/SC in unit tests: the readers report the service as unavailable, deterministically.
    watcher: new PcscWatcher({ factory: () => { throw new Error('no PC/SC service in unit tests'); } }),
  });
  return running;
}

/** The app on a demo folder (--demo), where demo calls are allowed. */
const startDemo = () => start({ argv: ['electron', '.', '--demo', '--data-dir', dataDir] });

beforeEach(() => {
  fake.resetFakes();
  dataDir = path.join(tempDir(), 'data');
  rendererRoot = fakeRenderer();
});

afterEach(() => {
  fake.app.emit('will-quit');
  running = null;
  configureLogging({ file: null });
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('opens one window with the secure webPreferences, on our own page, in Italian', async () => {
    const app = await start();
    expect(app).not.toBeNull();
    const win = onlyWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: true,
      preload: expect.any(String),
    });
    expect(path.basename(prefs.preload as string)).toBe('preload.cjs');
    expect(path.isAbsolute(prefs.preload as string)).toBe(true);
    expect(win.options.title).toBe('PiC Studio');
    expect(win.options.width).toBeGreaterThanOrEqual(1024);
    expect(win.webContents.getURL()).toBe(APP_ENTRY_URL);
    // Chromium's locale and the menu are Italian.
    expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'it-IT');
    const menu = JSON.stringify(fake.Menu.applied);
    expect(menu).toContain('Modifica');
    expect(menu).toContain('Copia');
    // The window appears once painted, and keeps its own title.
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    const titleEvent = { preventDefault: vi.fn() };
    win.emit('page-title-updated', titleEvent, 'Altro titolo');
    expect(titleEvent.preventDefault).toHaveBeenCalled();
  });

  it('uses --data-dir as the data dir and as Chromium userData, and writes the log there', async () => {
    const app = await start();
    expect(app?.dataDir).toBe(path.resolve(dataDir));
    expect(fake.app.getPath('userData')).toBe(path.resolve(dataDir));
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    expect(app?.logFile).toBe(path.join(path.resolve(dataDir), 'pic-studio.log'));
    expect(fs.readFileSync(app?.logFile as string, 'utf8')).toContain('"msg":"starting"');
  });

  it('takes PIC_DATA_DIR when there is no flag, and Electron userData when there is neither', async () => {
    const app = await start({ argv: ['electron', '.'], env: { PIC_DATA_DIR: dataDir } });
    expect(app?.dataDir).toBe(path.resolve(dataDir));
    fake.app.emit('will-quit');
    fake.resetFakes();

    const userData = path.join(tempDir(), 'PiC Studio');
    fake.app.setPath('userData', userData);
    const second = await start({ argv: ['electron', '.'], env: {} });
    expect(second?.dataDir).toBe(userData);
    expect(fs.existsSync(path.join(userData, DATABASE_FILE))).toBe(true);
  });

  it('registers app:// as a standard, secure scheme without opening it to other origins', async () => {
    await start();
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });

  it('quits when another instance holds the lock, without opening the database or a window', async () => {
    fake.app.lockGranted = false;
    const app = await start();
    expect(app).toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('brings the window to the front when a second launch is attempted', async () => {
    await start();
    fake.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(onlyWindow().focused).toBe(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('quits when the last window closes, except on macOS where it reopens on activate', async () => {
    await start({ platform: 'linux' });
    onlyWindow().close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    fake.app.emit('will-quit');

    fake.resetFakes();
    await start({ platform: 'darwin' });
    onlyWindow().close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).not.toHaveBeenCalled();
    fake.app.emit('activate');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('closes the store on quit', async () => {
    const app = await start();
    expect(app?.core.store.database.sqlite.open).toBe(true);
    fake.app.emit('will-quit');
    expect(app?.core.store.database.sqlite.open).toBe(false);
    expect(fake.ipcMain.handlers.has(CALL_CHANNEL)).toBe(false);
  });
});

describe('startup failures', () => {
  // The app logs each failure (with its stack) to stderr and the log file; keep it off the test output.
  beforeEach(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function expectItalianDialog(fragment: string) {
    expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('PiC Studio non può avviarsi');
    expect(message).toContain(fragment);
    // Never a stack trace or the English log text.
    expect(message).not.toMatch(/\n\s+at |Error:|SQLITE|not a readable/);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  }

  it("--demo on a studio's archive: Italian message, then exit, the archive untouched", async () => {
    openDatabase(dataDir).sqlite.close();
    const before = fs.readFileSync(path.join(dataDir, DATABASE_FILE));
    expect(await start({ argv: ['electron', '.', '--demo', '--data-dir', dataDir] })).toBeNull();
    expectItalianDialog('solo in modalità dimostrativa');
    expect(fs.readFileSync(path.join(dataDir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('a demo clock (PIC_NOW) on a new folder without --demo: Italian message, nothing created', async () => {
    expect(await start({ env: { PIC_NOW: '2027-03-01T09:00:00+01:00' } })).toBeNull();
    expectItalianDialog("L'orologio dimostrativo");
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('a PIC_NOW that is not a moment: Italian message, then exit', async () => {
    expect(await start({ argv: ['electron', '.', '--demo', '--data-dir', dataDir], env: { PIC_NOW: 'domani' } })).toBeNull();
    expectItalianDialog('non è una data e ora valida');
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('a corrupt database: Italian message, then exit', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'questo non è un database '.repeat(200));
    expect(await start()).toBeNull();
    expectItalianDialog('è danneggiato');
  });

  it('a database written by a newer version: Italian message, then exit', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.pragma('user_version = 999');
    db.close();
    expect(await start()).toBeNull();
    expectItalianDialog('versione più recente');
  });

  it('a data dir that cannot be created: Italian message, then exit', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    dataDir = path.join(blocker, 'data');
    expect(await start()).toBeNull();
    expectItalianDialog('non è scrivibile');
  });
});

describe('native module check', () => {
  it('passes with the better-sqlite3 this process can load', () => {
    expect(() => checkNativeDatabase()).not.toThrow();
  });

  it('turns an ABI mismatch into an Italian message that does not call the database corrupt', () => {
    const abi = () => {
      throw new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.');
    };
    let caught: unknown;
    try {
      checkNativeDatabase(abi);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(NativeModuleError);
    const message = startupFailureMessage(caught, '/tmp/pic-studio.log');
    expect(message).toMatch(/non è compatibile/);
    expect(message).not.toMatch(/danneggiat|NODE_MODULE_VERSION/);
  });

  it('an unexpected error gets a generic Italian text pointing at the log, never the stack', () => {
    const message = startupFailureMessage(new TypeError('x is undefined'), '/data/pic-studio.log');
    expect(message).toBe("Si è verificato un errore imprevisto durante l'avvio. I dettagli sono nel registro: /data/pic-studio.log");
  });
});


describe('IPC: the contract through pic:call', () => {
  it('covers exactly the contract', () => {
    expect(Object.keys(VALID_INPUT).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('answers every call with what dispatch() returns from the real core', async () => {
    const app = (await start()) as RunningApp;
    const win = onlyWindow();
    const handler = callHandler();
    for (const name of CALL_NAMES) {
      // demo.seed changes the data, so compare it on a fresh core state: run it only through IPC
      // and check its effect, and compare every read-only call with a direct dispatch().
      if (name === 'demo.seed') continue;
      const viaIpc = await handler(trustedEvent(win), name, VALID_INPUT[name]);
      const direct = await dispatch(app.core, name, VALID_INPUT[name], 'electron');
      expect(viaIpc, name).toEqual(direct);
    }
    // The first start made a studio's archive: no demo patients can enter it.
    const refused = await handler(trustedEvent(win), 'demo.seed', VALID_INPUT['demo.seed']);
    expect(refused).toMatchObject({ ok: false, error: { code: 'demo-only' } });
    const info = await handler(trustedEvent(win), 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'PiC Studio', mode: 'clinic', dataDir: path.resolve(dataDir), patientCount: 0 } });
  });

  it('with --demo, on a demo folder, seeds demo patients through IPC', async () => {
    const app = (await startDemo()) as RunningApp;
    const handler = callHandler();
    const win = onlyWindow();
    const seeded = await handler(trustedEvent(win), 'demo.seed', VALID_INPUT['demo.seed']);
    expect(seeded).toEqual({ ok: true, value: { created: 3, skipped: 0 } });
    const info = await handler(trustedEvent(win), 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'demo', dataDir: path.resolve(dataDir), patientCount: 3 } });
    // Ready to show: the demo studio's data is there for the documents, for whoever logs in.
    expect(app.core.services.enrollment.studio()).toMatchObject({ mmg: 'Dott.ssa Giulia Bianchi' });
    expect(await handler(trustedEvent(win), 'patients.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
  });

  it('returns the Italian error of the service (search too short)', async () => {
    loggedIn(((await start()) as RunningApp).core);
    const result = await callHandler()(trustedEvent(onlyWindow()), 'patients.search', { text: 'x' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'search-too-short', message: 'Scrivere almeno 2 lettere del cognome, del nome o del codice fiscale.' },
    });
  });

  it('refuses a payload of the wrong type with invalid-input, in Italian', async () => {
    loggedIn(((await start()) as RunningApp).core);
    const handler = callHandler();
    const event = trustedEvent(onlyWindow());
    const wrongId = await handler(event, 'patients.get', { id: 'uno' });
    expect(wrongId).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((wrongId as { error: { message: string } }).error.message).toMatch(/^Dati non validi: id: /);
    const notAnObject = await handler(event, 'patients.search', 'Rossi');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses names that are not in the contract', async () => {
    await start();
    const handler = callHandler();
    const event = trustedEvent(onlyWindow());
    for (const name of ['fs.readFile', 'constructor', '__proto__', 'app.info ', 42, null, { toString: () => 'app.info' }]) {
      expect(await handler(event, name, {})).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Operazione sconosciuta.' } });
    }
  });

  it('refuses, with forbidden, calls from anything but the main frame of our window on our page', async () => {
    // A demo folder, so that the call used to probe (seeding) would change something.
    const app = (await startDemo()) as RunningApp;
    const win = onlyWindow();
    const handler = callHandler();
    const forbidden = { ok: false, error: { code: 'forbidden', message: expect.stringContaining('rifiutata') } };

    const subframe = new fake.FakeWebFrame(APP_ENTRY_URL, win.webContents.mainFrame);
    expect(await handler({ sender: win.webContents, senderFrame: subframe }, 'demo.seed', { patients: 1 })).toEqual(forbidden);

    expect(await handler({ sender: win.webContents, senderFrame: null }, 'demo.seed', { patients: 1 })).toEqual(forbidden);

    const otherWindow = new fake.FakeBrowserWindow({});
    await otherWindow.loadURL(APP_ENTRY_URL);
    expect(await handler(trustedEvent(otherWindow), 'demo.seed', { patients: 1 })).toEqual(forbidden);

    // Our window's frame object, but another host of the app scheme, or a file:// page.
    for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'https://evil.example/']) {
      win.webContents.mainFrame.url = url;
      expect(await handler(trustedEvent(win), 'demo.seed', { patients: 1 }), url).toEqual(forbidden);
    }

    // None of them reached the core.
    expect(app.core.services.patients.count()).toBe(0);
    // And each refusal was logged.
    expect(fs.readFileSync(app.logFile as string, 'utf8')).toContain('call from an untrusted sender refused');

    // Back on our page, the same call goes through.
    win.webContents.mainFrame.url = APP_ENTRY_URL;
    expect(await handler(trustedEvent(win), 'demo.seed', { patients: 1 })).toMatchObject({ ok: true });
  });

  it('refuses calls once the window is closed', async () => {
    await start();
    const win = onlyWindow();
    const event = trustedEvent(win);
    win.close();
    expect(await callHandler()(event, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('choosing a file to import: the native dialog through pic:chooseFile', () => {
  const listFile = path.join(repoRoot, 'test', 'fixtures', 'imports', 'ats-list-1252.csv');

  it('shows the open dialog on our window and answers with a handle that imports that file', async () => {
    const app = (await start()) as RunningApp;
    loggedIn(app.core, 'segretaria');
    const win = onlyWindow();
    fake.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [listFile] });
    const chosen = await chooseFileHandler()(trustedEvent(win), { adapter: 'ats-list' });
    expect(chosen).toEqual({ ok: true, value: { file: expect.stringMatching(/^file_[0-9a-f]{32}$/), name: 'ats-list-1252.csv', size: fs.statSync(listFile).size } });
    expect(JSON.stringify(chosen)).not.toContain(path.dirname(listFile));
    const [parent, options] = fake.dialog.showOpenDialog.mock.calls[0]!;
    expect(parent).toBe(win);
    expect(options).toMatchObject({ title: 'Scegli il file da importare', properties: ['openFile'], filters: [{ name: 'Elenchi CSV o Excel', extensions: expect.arrayContaining(['csv', 'xlsx']) }, { name: 'Tutti i file', extensions: ['*'] }] });

    const file = (chosen as { value: { file: string } }).value.file;
    const preview = await callHandler()(trustedEvent(win), 'import.preview', { adapter: 'ats-list', options: { file } });
    expect(preview).toMatchObject({ ok: true, value: { match: true } });
    const headers = await callHandler()(trustedEvent(win), 'import.fileHeaders', { file });
    expect(headers).toMatchObject({ ok: true, value: { headers: expect.arrayContaining(['Codice Fiscale']) } });
    // The user's file is read where it is, never copied into the data folder.
    expect(fs.existsSync(path.join(dataDir, 'uploads'))).toBe(false);
    // Only so: the same file named by its path is refused.
    const byPath = await callHandler()(trustedEvent(win), 'import.preview', { adapter: 'ats-list', options: { path: listFile } });
    expect(byPath).toMatchObject({ ok: false, error: { code: 'path-not-allowed' } });
  });

  it('answers null when the user closes the dialog without choosing', async () => {
    loggedIn(((await start()) as RunningApp).core, 'segretaria');
    expect(await chooseFileHandler()(trustedEvent(onlyWindow()), { adapter: 'fhir-bundle' })).toEqual({ ok: true, value: null });
    expect(fake.dialog.showOpenDialog.mock.calls[0]![1]).toMatchObject({ filters: [{ name: 'Bundle FHIR (JSON)', extensions: ['json'] }, { name: 'Tutti i file', extensions: ['*'] }] });
  });

  it('asked for a recovery key, shows the dialog for key files', async () => {
    loggedIn(((await start()) as RunningApp).core, 'mmg');
    expect(await chooseFileHandler()(trustedEvent(onlyWindow()), { adapter: 'recovery-key' })).toEqual({ ok: true, value: null });
    expect(fake.dialog.showOpenDialog.mock.calls[0]![1]).toMatchObject({ title: 'Scegli la chiave di ripristino', filters: [{ name: 'Chiave di ripristino', extensions: ['key'] }, { name: 'Tutti i file', extensions: ['*'] }] });
  });

  it('shows no dialog to anyone who may not import, nor to a sender that is not our page', async () => {
    const app = (await start()) as RunningApp;
    const win = onlyWindow();
    const handler = chooseFileHandler();
    fake.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [listFile] });
    expect(await handler(trustedEvent(win), { adapter: 'ats-list' })).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
    loggedIn(app.core, 'case_manager');
    expect(await handler(trustedEvent(win), { adapter: 'ats-list' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/riservata/) } });
    loggedIn(app.core, 'segretaria');
    const subframe = new fake.FakeWebFrame(APP_ENTRY_URL, win.webContents.mainFrame);
    expect(await handler({ sender: win.webContents, senderFrame: subframe }, { adapter: 'ats-list' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await handler(trustedEvent(win), { adapter: 'ats-list' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('from the preload: only the adapter crosses, and the answer comes back to the page', async () => {
    loggedIn(((await start()) as RunningApp).core, 'segretaria');
    const win = onlyWindow();
    fake.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [listFile] });
    fake.ipcRenderer.invoke.mockImplementation((channel, ...args) => {
      expect(channel).toBe(CHOOSE_FILE_CHANNEL);
      return chooseFileHandler()(trustedEvent(win), ...args);
    });
    vi.resetModules();
    await import('./preload');
    const pic = fake.contextBridge.exposed.pic as DesktopBridge;
    const chooseFile = pic.chooseFile as (request: unknown) => ReturnType<DesktopBridge['chooseFile']>;
    expect(await chooseFile({ adapter: 'ats-list', path: '/etc/passwd' })).toMatchObject({ ok: true, value: { name: 'ats-list-1252.csv' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(CHOOSE_FILE_CHANNEL, { adapter: 'ats-list' });
    fake.ipcRenderer.invoke.mockRejectedValue(new Error("Error invoking remote method 'pic:chooseFile'"));
    expect(await chooseFile({ adapter: 'ats-list' })).toMatchObject({ ok: false, error: { code: 'ipc-failed' } });
  });
});

describe('saving the recovery key: the native save dialog through pic:saveRecoveryKey', () => {
  const keyIdOf = () => fs.readFileSync(path.join(dataDir, 'pic.keyid'), 'utf8').trim();

  it('shows the save dialog on our window, writes the key file there (0600) and records it; the key never reaches the page', async () => {
    const app = (await start()) as RunningApp;
    loggedIn(app.core, 'mmg');
    const win = onlyWindow();
    const keyId = keyIdOf();
    const file = path.join(tempDir('pic-key-stick-'), `${keyId}.key`);
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: file });
    const saved = await saveKeyHandler()(trustedEvent(win));
    expect(saved).toEqual({ ok: true, value: { keyId, path: file } });
    const [parent, options] = fake.dialog.showSaveDialog.mock.calls[0]!;
    expect(parent).toBe(win);
    expect(options).toMatchObject({ title: 'Salva la chiave di ripristino', defaultPath: `${keyId}.key`, filters: [{ name: 'Chiave di ripristino', extensions: ['key'] }] });
    const key = app.core.store.database.key.toString('hex');
    expect(fs.readFileSync(file, 'utf8')).toBe(`${key}\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(saved)).not.toContain(key);
    expect(app.core.store.database.sqlite.prepare("SELECT operator_cf FROM audit_log WHERE action = 'key.export'").pluck().all()).toEqual(['BNCGLI75A41F205I']);

    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: true });
    expect(await saveKeyHandler()(trustedEvent(win))).toEqual({ ok: true, value: null });
  });

  it('shows no dialog to anyone but the MMG, nor to a sender that is not our page', async () => {
    const app = (await start()) as RunningApp;
    const win = onlyWindow();
    const handler = saveKeyHandler();
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(tempDir(), 'chiave.key') });
    expect(await handler(trustedEvent(win))).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
    loggedIn(app.core, 'segretaria');
    expect(await handler(trustedEvent(win))).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Operazione riservata a: Medico di medicina generale.' } });
    loggedIn(app.core, 'mmg');
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await handler(trustedEvent(win))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('from the preload: nothing crosses but the answer', async () => {
    loggedIn(((await start()) as RunningApp).core, 'mmg');
    const win = onlyWindow();
    const file = path.join(tempDir('pic-key-stick-'), 'studio.key');
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: file });
    fake.ipcRenderer.invoke.mockImplementation((channel, ...args) => {
      expect(channel).toBe(SAVE_RECOVERY_KEY_CHANNEL);
      expect(args).toEqual([]);
      return saveKeyHandler()(trustedEvent(win), ...args);
    });
    vi.resetModules();
    await import('./preload');
    const pic = fake.contextBridge.exposed.pic as DesktopBridge;
    expect(await pic.saveRecoveryKey()).toEqual({ ok: true, value: { keyId: keyIdOf(), path: file } });
  });
});

describe('events reach the page', () => {
  it('forwards core events to our window as (name, payload) on pic:event', async () => {
    const app = (await startDemo()) as RunningApp;
    const win = onlyWindow();
    app.core.events.emit('patients.changed', { count: 12 });
    expect(win.webContents.sent).toContainEqual([EVENT_CHANNEL, 'patients.changed', { count: 12 }]);

    // A real call that emits progress: seeding through IPC.
    await callHandler()(trustedEvent(win), 'demo.seed', { patients: 2, seed: 1 });
    const progress = win.webContents.sent.filter((m) => m[1] === 'task.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.[2]).toMatchObject({ finished: true });
    expect(win.webContents.sent.every((m) => m[0] === EVENT_CHANNEL && EVENT_NAMES.includes(m[1] as never))).toBe(true);
  });

  it('sends nothing to a page that is not ours, or to a closed window', async () => {
    const app = (await start()) as RunningApp;
    const win = onlyWindow();
    // Startup may already have told our page about the card readers; only what follows counts.
    win.webContents.sent.length = 0;
    win.webContents.mainFrame.url = 'https://evil.example/';
    app.core.events.emit('patients.changed', { count: 1 });
    expect(win.webContents.sent).toHaveLength(0);
    win.close();
    expect(() => app.core.events.emit('patients.changed', { count: 2 })).not.toThrow();
  });
});

describe('navigation, windows, webviews, permissions', () => {
  it('prevents navigation away from our page, and allows our own page', async () => {
    await start();
    const contents = onlyWindow().webContents;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,x']) {
      for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
        const event = preventable(url);
        contents.emit(eventName, event, url);
        expect(event.preventDefault, `${eventName} ${url}`).toHaveBeenCalled();
      }
    }
    const own = preventable('app://pic/index.html');
    contents.emit('will-navigate', own, own.url);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open and blocks <webview>', async () => {
    await start();
    const contents = onlyWindow().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('hardens every webContents the app creates, not only the main window', async () => {
    await start();
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    const event = preventable('https://evil.example/');
    other.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', async () => {
    await start();
    const ses = fake.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(onlyWindow().webContents, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.(onlyWindow().webContents, permission, 'app://pic', {})).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://pic' })).toBe(false);
  });

  it('cancels page requests to the outside, leaves our scheme and main-process requests alone', async () => {
    await start();
    const before = fake.session.defaultSession.webRequest.beforeRequest as (d: unknown, cb: (r: { cancel: boolean }) => void) => void;
    const decide = (details: Record<string, unknown>) => {
      let answer: { cancel: boolean } | null = null;
      before(details, (r) => (answer = r));
      return answer;
    };
    const wcId = onlyWindow().webContents.id;
    expect(decide({ url: 'https://evil.example/x.js', webContentsId: wcId })).toEqual({ cancel: true });
    expect(decide({ url: 'ws://127.0.0.1:9/', webContentsId: wcId })).toEqual({ cancel: true });
    expect(decide({ url: 'file:///etc/passwd', webContentsId: wcId })).toEqual({ cancel: true });
    expect(decide({ url: 'app://pic/assets/app.js', webContentsId: wcId })).toEqual({ cancel: false });
    expect(decide({ url: 'https://example.org/sync' })).toEqual({ cancel: false });
  });
});

describe('the app:// protocol and the CSP', () => {
  async function get(url: string, method = 'GET'): Promise<Response> {
    const handler = fake.protocol.handlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    return handler(new Request(url, { method }));
  }

  it('serves the page with the strict CSP', async () => {
    await start();
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>PiC Studio</title>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(contentSecurityPolicy());
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(csp).not.toMatch(/https?:|ws:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets, routes client-side paths to the page, refuses everything else', async () => {
    await start();
    const js = await get('app://pic/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await (await get('app://pic/pazienti')).text()).toContain('<title>PiC Studio</title>');
    expect((await get('app://pic/')).status).toBe(200);
    expect((await get('app://pic/assets/missing.js')).status).toBe(404);
    for (const escape of ['app://pic/%2e%2e/secret.txt', 'app://pic/..%2fsecret.txt', 'app://pic/assets/..%2f..%2fsecret.txt', 'app://pic/%2e%2e%5csecret.txt']) {
      const res = await get(escape);
      expect(await res.text(), escape).not.toContain('not for the page');
    }
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
  });

  it('answers in Italian when the renderer is not built', async () => {
    rendererRoot = path.join(tempDir(), 'empty');
    await start();
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Interfaccia non compilata');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
  });

  it('puts the same CSP on any other response of the session, replacing a looser one', async () => {
    await start();
    const onHeaders = fake.session.defaultSession.webRequest.headersReceived as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    let headers: Record<string, string[]> = {};
    const wcId = onlyWindow().webContents.id;
    onHeaders({ webContentsId: wcId, responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy()], 'Content-Type': ['text/html'] });
    // Responses to the main process's own requests are left as they are.
    let untouched: unknown = null;
    onHeaders({ responseHeaders: { 'Content-Type': ['application/json'] } }, (r) => (untouched = r));
    expect(untouched).toEqual({});
  });
});

describe('preload: window.pic', () => {
  async function loadPreload(): Promise<PicBridge> {
    vi.resetModules();
    await import('./preload');
    return fake.contextBridge.exposed.pic as PicBridge;
  }

  it('exposes exactly call, on, chooseFile and saveRecoveryKey under pic, and nothing of Electron', async () => {
    const pic = await loadPreload();
    expect(Object.keys(fake.contextBridge.exposed)).toEqual(['pic']);
    expect(Object.keys(pic).sort()).toEqual(['call', 'chooseFile', 'on', 'saveRecoveryKey']);
    expect(Object.values(pic).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(pic)).not.toContain(fake.ipcRenderer);
  });

  it('never sends an unknown name over IPC', async () => {
    const pic = await loadPreload();
    const call = pic.call as (name: unknown, input: unknown) => Promise<ApiResult<unknown>>;
    for (const name of ['fs.readFile', 'constructor', '__proto__', 7, undefined]) {
      expect(await call(name, {})).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Operazione sconosciuta.' } });
    }
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('round-trips a call through the main-process handler to the real core', async () => {
    loggedIn(((await start()) as RunningApp).core);
    const win = onlyWindow();
    const handler = callHandler();
    // Electron's invoke: the main side sees our window's main frame as the sender.
    fake.ipcRenderer.invoke.mockImplementation((channel, ...args) => {
      expect(channel).toBe(CALL_CHANNEL);
      return handler(trustedEvent(win), ...args);
    });
    const pic = await loadPreload();
    expect(await pic.call('app.info', {})).toMatchObject({ ok: true, value: { name: 'PiC Studio', patientCount: 0 } });
    expect(await pic.call('patients.search', { text: 'x' })).toMatchObject({ ok: false, error: { code: 'search-too-short' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'app.info', {});
  });

  it('turns a failed invoke into an error result instead of a rejection', async () => {
    fake.ipcRenderer.invoke.mockRejectedValue(new Error("Error invoking remote method 'pic:call'"));
    const pic = await loadPreload();
    expect(await pic.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'ipc-failed' } });
  });

  it('delivers events by name with the payload only, and unsubscribes', async () => {
    const pic = await loadPreload();
    const seen: unknown[][] = [];
    const stop = pic.on('patients.changed', (...args: unknown[]) => seen.push(args));
    const electronEvent = { sender: fake.ipcRenderer, senderId: 0 };
    fake.ipcRenderer.emit(EVENT_CHANNEL, electronEvent, 'patients.changed', { count: 4 });
    fake.ipcRenderer.emit(EVENT_CHANNEL, electronEvent, 'task.progress', { task: 't', label: 'l', done: 1, total: 2, finished: false });
    fake.ipcRenderer.emit(EVENT_CHANNEL, electronEvent, 'not.an.event', { count: 5 });
    expect(seen).toEqual([[{ count: 4 }]]);
    stop();
    stop();
    fake.ipcRenderer.emit(EVENT_CHANNEL, electronEvent, 'patients.changed', { count: 6 });
    expect(seen).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('refuses to listen to names that are not events', async () => {
    const pic = await loadPreload();
    const on = pic.on as (name: unknown, listener: unknown) => () => void;
    expect(() => on('ipc.anything', () => undefined)).toThrow(TypeError);
    expect(() => on('patients.changed', 'not a function')).toThrow(TypeError);
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('one listener failing does not stop the others', async () => {
    const pic = await loadPreload();
    const second = vi.fn();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    pic.on('patients.changed', () => {
      throw new Error('boom');
    });
    pic.on('patients.changed', second);
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'patients.changed', { count: 1 });
    expect(second).toHaveBeenCalledWith({ count: 1 });
    quiet.mockRestore();
  });
});

/**
 * A sandboxed preload is run by Electron as `function (require, process, exports, module, Buffer,
 * global, setImmediate, clearImmediate)` in a context without Node: `require` knows only electron,
 * events, timers and url, and there is no __filename or __dirname. This runs a bundle that way.
 */
function runAsSandboxedPreload(code: string) {
  const exposed: Record<string, unknown> = {};
  const ipc = Object.assign(new EventEmitter(), { invoke: vi.fn(async () => ({ ok: true, value: 'from-main' })) });
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) }, ipcRenderer: ipc };
  const modules: Record<string, unknown> = {
    electron,
    events: { EventEmitter },
    'node:events': { EventEmitter },
    timers,
    'node:timers': timers,
    url: nodeUrl,
    'node:url': nodeUrl,
  };
  const preloadRequire = (name: string) => {
    if (name in modules) return modules[name];
    throw new Error(`module not found: ${name}`);
  };
  const context = vm.createContext({ console, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, queueMicrotask, structuredClone });
  const fn = vm.runInContext(
    `(function (require, process, exports, module, Buffer, global, setImmediate, clearImmediate) {\n${code}\n})`,
    context,
  ) as (...args: unknown[]) => void;
  const exports = {};
  fn(preloadRequire, { env: {} }, exports, { exports }, Buffer, context, setImmediate, clearImmediate);
  return { exposed, ipc };
}

describe('preload bundle in a sandboxed renderer', () => {
  it('the preload source bundles into a script that runs in the sandbox and exposes window.pic', async () => {
    const out = await build({
      entryPoints: [path.join(import.meta.dirname, 'preload.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
      external: ['electron'],
    });
    const { exposed, ipc } = runAsSandboxedPreload(out.outputFiles[0]?.text ?? '');
    const pic = exposed.pic as PicBridge;
    expect(Object.keys(pic).sort()).toEqual(['call', 'chooseFile', 'on', 'saveRecoveryKey']);
    expect(await pic.call('app.info', {})).toEqual({ ok: true, value: 'from-main' });
    expect(ipc.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'app.info', {});
    expect(await (pic.call as (n: string, i: unknown) => Promise<unknown>)('nope', {})).toMatchObject({ ok: false });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  describe('dist/main/preload.cjs as built by main/build.mjs', () => {
    beforeAll(() => ensureBuilt());

    it('runs in the sandbox and exposes window.pic', () => {
      const code = fs.readFileSync(path.join(repoRoot, 'dist', 'main', 'preload.cjs'), 'utf8');
      // A sandboxed preload has no __filename: the build must not give it the bundle banner.
      expect(code).not.toContain('__filename');
      const { exposed } = runAsSandboxedPreload(code);
      expect(Object.keys(exposed.pic as object).sort()).toEqual(['call', 'chooseFile', 'on', 'saveRecoveryKey']);
    });

    it('has the main bundle beside it, requiring only electron, Node built-ins and the native modules', () => {
      const main = fs.readFileSync(path.join(repoRoot, 'dist', 'main', 'electron.cjs'), 'utf8');
      // esbuild writes its requires with double quotes; single-quoted ones are text inside strings.
      const required = new Set([...main.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string));
      // Native modules load at run time; pg-native is pg's optional driver, required only on demand.
      const external = ['electron', 'better-sqlite3-multiple-ciphers', 'pcsclite', 'pg-native'];
      for (const name of required) expect(isBuiltin(name) || external.includes(name), name).toBe(true);
      expect(required.has('electron')).toBe(true);
      const preload = fs.readFileSync(path.join(repoRoot, 'dist', 'main', 'preload.cjs'), 'utf8');
      const preloadRequired = new Set([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string));
      for (const name of preloadRequired) expect(['electron', 'node:url']).toContain(name);
    });
  });
});

describe('npm start (main/start.mjs) without the Electron binary', () => {
  it('explains why and serves browser mode with the same arguments, stopping with its parent', async () => {
    ensureBuilt();
    const env: NodeJS.ProcessEnv = { ...process.env, PIC_LOG_LEVEL: 'error' };
    // Where Electron is installed, force the fallback so this test never opens a window. Its path
    // is the last line printed: requiring the package first downloads a missing binary, saying so.
    let electronInstalled = false;
    try {
      const printed = execFileSync(process.execPath, ['-p', "require('electron')"], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      electronInstalled = fs.existsSync(printed.split('\n').at(-1) ?? '');
    } catch {
      electronInstalled = false;
    }
    if (electronInstalled) env.PIC_FORCE_BROWSER_MODE = '1';
    const child = spawn(process.execPath, [path.join(repoRoot, 'main', 'start.mjs'), '--data-dir', dataDir, '--port', '0'], { cwd: repoRoot, env });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in time; output:\n${output}`)), 15_000);
      child.stdout.on('data', () => {
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      child.on('exit', () => reject(new Error(`start.mjs exited early:\n${output}`)));
    });
    expect(output).toMatch(electronInstalled ? /PIC_FORCE_BROWSER_MODE/ : /Electron's binary is not installed/);
    expect(output).toContain('starting browser mode instead');
    expect(output).toContain(`data: ${path.resolve(dataDir)}`);
    // 200 with the built renderer, 503 (Italian "not built" page) without: either way, it answers.
    expect([200, 503]).toContain((await fetch(url)).status);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  }, 30_000);
});
