/**
 * TEST ONLY: a stand-in for the `electron` module, used by electron.test.ts through
 * `vi.mock('electron', ...)`. It records what the app asks of Electron (windows, handlers,
 * session rules) so the test can drive the real wiring without the Electron binary.
 * Nothing in the app imports this file.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

let nextId = 1;

export class FakeWebFrame {
  readonly frameTreeNodeId = nextId++;
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeWebFrame('');
  readonly sent: unknown[][] = [];
  windowOpenHandler: Fn | null = null;
  destroyed = false;

  setWindowOpenHandler(handler: Fn): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  shown = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    // Like Electron: every new webContents is announced on the app.
    app.emit('web-contents-created', { preventDefault: () => undefined }, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focused = 0;
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  lockGranted = true;
  isPackaged = false;
  readonly commandLine = { appendSwitch: vi.fn() };
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly setAppUserModelId = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.lockGranted);
  constructor() {
    super();
    this.reset();
  }
  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`no path ${name}`);
    return p;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  reset(): void {
    this.removeAllListeners();
    this.paths.clear();
    this.paths.set('userData', '/nonexistent/fake-user-data');
    this.lockGranted = true;
    this.isPackaged = false;
    for (const f of [this.commandLine.appendSwitch, this.quit, this.exit, this.setAppUserModelId, this.requestSingleInstanceLock]) f.mockClear();
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Fn>(),
  handle(channel: string, handler: Fn): void {
    // Electron refuses a second handler on the same channel; so does the stand-in.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => undefined);
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed[key] = api;
  },
};

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(list: { scheme: string; privileges: Record<string, boolean> }[]): void {
    this.privileged.push(...list);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (this.handlers.has(scheme)) throw new Error(`scheme ${scheme} already handled`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
};

class FakeSession {
  permissionRequestHandler: Fn | null = null;
  permissionCheckHandler: Fn | null = null;
  devicePermissionHandler: Fn | null = null;
  readonly webRequest = {
    beforeRequest: null as Fn | null,
    headersReceived: null as Fn | null,
    onBeforeRequest: (listener: Fn) => {
      this.webRequest.beforeRequest = listener;
    },
    onHeadersReceived: (listener: Fn) => {
      this.webRequest.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: Fn): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Fn): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Fn): void {
    this.devicePermissionHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() as FakeSession };

export const dialog = {
  showErrorBox: vi.fn(),
  /** Closed without a choice unless a test says what the user picks. */
  showOpenDialog: vi.fn<(win: unknown, options: Record<string, unknown>) => Promise<{ canceled: boolean; filePaths: string[] }>>(async () => ({ canceled: true, filePaths: [] })),
  showSaveDialog: vi.fn<(win: unknown, options: Record<string, unknown>) => Promise<{ canceled: boolean; filePath?: string }>>(async () => ({ canceled: true })),
};

/** The OS's protected storage, as a reversible wrapping the tests can tell from clear text. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((text: string) => Buffer.from(`safe:${Buffer.from(text).toString('base64')}`)),
  decryptString: vi.fn((data: Buffer) => Buffer.from(data.toString().replace(/^safe:/, ''), 'base64').toString()),
};

export const Menu = {
  applied: null as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown): void {
    this.applied = menu;
  },
};

export const BrowserWindow = FakeBrowserWindow;

/** Back to a freshly started Electron: no windows, handlers, listeners or recorded calls. */
export function resetFakes(): void {
  app.reset();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockReset();
  ipcRenderer.invoke.mockImplementation(async () => undefined);
  FakeBrowserWindow.instances = [];
  ipcMain.handlers.clear();
  contextBridge.exposed = {};
  protocol.privileged = [];
  protocol.handlers.clear();
  session.defaultSession = new FakeSession();
  dialog.showErrorBox.mockClear();
  dialog.showOpenDialog.mockReset();
  dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  dialog.showSaveDialog.mockReset();
  dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true }));
  Menu.applied = null;
}
