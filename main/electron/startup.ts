import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../store/sqlite';
import { AppError } from '../../shared/errors';
import { resolveDataDir, resolveDemoDataDir } from '../dataDir';

export const LOG_FILE = 'pic-studio.log';
const LOG_ROTATE_BYTES = 5 * 1024 * 1024;

/**
 * `--data-dir DIR` or `--data-dir=DIR` anywhere on the command line (Electron and Chromium put
 * their own switches around ours), else null.
 */
export function dataDirFlag(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--data-dir') {
      const value = argv[i + 1];
      return value && !value.startsWith('--') ? value : null;
    }
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || null;
  }
  return null;
}

export interface DataDirChoice {
  dir: string;
  /** True when the user chose it (flag or PIC_DATA_DIR), false for Electron's userData. */
  overridden: boolean;
}

/**
 * `--data-dir`, else PIC_DATA_DIR, else Electron's userData folder (the CLI's default too). A
 * demo uses `--data-dir` or the demo folder: never the studio's archive by default.
 */
export function chooseDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, userData: () => string, demo = false): DataDirChoice {
  const flag = dataDirFlag(argv);
  if (demo) return { dir: resolveDemoDataDir(flag ?? undefined, env), overridden: true };
  if (flag || env.PIC_DATA_DIR) return { dir: resolveDataDir(flag ?? undefined, env), overridden: true };
  return { dir: userData(), overridden: false };
}

/** The log file in the data dir, moved aside to `.1` once it passes 5 MB. Null if unusable. */
export function prepareLogFile(dataDir: string): string | null {
  const file = path.join(dataDir, LOG_FILE);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    if (fs.existsSync(file) && fs.statSync(file).size > LOG_ROTATE_BYTES) fs.renameSync(file, `${file}.1`);
    return file;
  } catch {
    return null;
  }
}

export const STARTUP_FAILURE_TITLE = 'PiC Studio non può avviarsi';

/** The Italian text shown when the app cannot start: the error's own message, never a stack. */
export function startupFailureMessage(err: unknown, logFile: string | null): string {
  if (err instanceof AppError) return err.userMessage;
  const where = logFile ? ` I dettagli sono nel registro: ${logFile}` : '';
  return `Si è verificato un errore imprevisto durante l'avvio.${where}`;
}

/** better-sqlite3 was built for another ABI (Node's instead of Electron's) or is missing. */
export class NativeModuleError extends AppError {
  constructor(cause: string) {
    super(
      'native-module',
      `better-sqlite3 cannot be loaded in Electron (in development: npx electron-builder install-app-deps): ${cause}`,
      "Il componente del database di PiC Studio non è compatibile con questa installazione. Reinstallare l'applicazione; il database non è stato toccato.",
    );
  }
}

/**
 * Loads the native database module on an in-memory database before the real one is opened. Without
 * this, an ABI mismatch surfaces from the store as "database corrupt", which would send the user
 * to restore a backup of a file that is fine.
 */
export function checkNativeDatabase(open: () => { close(): unknown } = () => new Database(':memory:')): void {
  try {
    open().close();
  } catch (err) {
    throw new NativeModuleError(err instanceof Error ? err.message : String(err));
  }
}
