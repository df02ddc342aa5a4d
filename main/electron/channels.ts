/**
 * Names shared by the main process and the preload. Kept free of any import so the sandboxed
 * preload bundle stays small and the main side can use it without pulling in the renderer side.
 */

/** One invoke channel for every call: `ipcRenderer.invoke(CALL_CHANNEL, name, input)`. */
export const CALL_CHANNEL = 'pic:call';
/** One push channel for every event: `webContents.send(EVENT_CHANNEL, name, payload)`. */
export const EVENT_CHANNEL = 'pic:event';
/** The open dialog for a file to import: `ipcRenderer.invoke(CHOOSE_FILE_CHANNEL, { adapter })`. */
export const CHOOSE_FILE_CHANNEL = 'pic:chooseFile';
/** The save dialog for the recovery key, which the main process writes: `ipcRenderer.invoke(SAVE_RECOVERY_KEY_CHANNEL)`. */
export const SAVE_RECOVERY_KEY_CHANNEL = 'pic:saveRecoveryKey';

/**
 * The renderer is served from a privileged custom scheme, so the page has a real origin
 * (app://pic) instead of file://, which would give it an opaque origin and read access to the
 * whole disk through relative URLs.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pic';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs of our own page. Compares scheme and host by hand: Node's URL gives
 * non-special schemes an opaque origin ("null"), so `.origin` cannot be used here.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
