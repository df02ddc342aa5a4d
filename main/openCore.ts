import type { ClockRequest } from './clock';
import { Core } from './core';
import { clockForDataDir, kindToOpen } from './demoMode';
import type { PcscWatcher } from '../native/pcsc/watcher';
import type { KeyStore } from './store/keys';
import type { SecretStore } from './store/secrets';

export interface OpenCoreOptions {
  dataDir: string;
  /** A demo clock asked by PIC_NOW or --now; null for the real one. */
  clock: ClockRequest | null;
  /** Demo mode: the folder must be a demo's, or new (it becomes one). */
  demo?: boolean;
  watcher?: PcscWatcher;
  /** Where the database key is kept (Electron: the OS's protected storage). */
  keys?: KeyStore;
  /** Where the Centro Servizi's token is kept (Electron: safeStorage). */
  secrets?: SecretStore;
}

/**
 * The core as the CLI, browser mode and the desktop app open it: a demo's folder or clock is
 * refused on a studio's archive before anything in it is opened or written.
 */
export function openCore(options: OpenCoreOptions): Core {
  const createAs = kindToOpen(options.dataDir, options.demo ?? false, options.keys);
  const clock = clockForDataDir(options.clock, options.dataDir, createAs, options.keys);
  return new Core({ dataDir: options.dataDir, clock, createAs, watcher: options.watcher, keys: options.keys, secrets: options.secrets });
}
