import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'PiC Studio';
/** Demos live apart from the studio's archive, so that `pic demo …` never finds the real one by default. */
export const DEMO_FOLDER = 'PiC Studio Demo';

/**
 * Where the store lives: `--data-dir`, else PIC_DATA_DIR, else the folder Electron calls
 * userData, so the CLI, browser mode and the desktop app share one database by default.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.PIC_DATA_DIR) return path.resolve(env.PIC_DATA_DIR);
  return path.join(userDataRoot(env), APP_FOLDER);
}

/** Where a demo lives: `--data-dir`, else a folder beside the app's own (never PIC_DATA_DIR's archive). */
export function resolveDemoDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ? path.resolve(flag) : path.join(userDataRoot(env), DEMO_FOLDER);
}

export function userDataRoot(env: NodeJS.ProcessEnv = process.env): string {
  switch (process.platform) {
    case 'win32':
      return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  }
}
