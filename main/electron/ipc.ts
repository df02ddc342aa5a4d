import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { isCallName, type ApiResult } from '../../shared/api';
import { dispatch, type CallTarget } from '../api/dispatch';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import { CALL_CHANNEL, EVENT_CHANNEL, isAppUrl } from './channels';

const log = createLogger('electron.ipc');

export type WindowGetter = () => BrowserWindow | null;

/**
 * A call is accepted only from the top frame of our own window while it shows our own page.
 * Anything else (another window, an iframe, a page that somehow navigated away) is refused.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  const main = contents.mainFrame;
  const isMainFrame = frame === main || (frame.parent === null && frame.frameTreeNodeId === main.frameTreeNodeId);
  return isMainFrame && isAppUrl(frame.url);
}

/**
 * The single invoke channel: `(name, input)` in, an ApiResult out, never an exception (a rejected
 * invoke would show the page an Electron error text instead of an Italian message).
 * Returns the function that removes the handler.
 */
export function registerIpc(ipcMain: IpcMain, target: CallTarget, getWindow: WindowGetter): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event, getWindow())) {
      log.warn('call from an untrusted sender refused', {
        name: String(name).slice(0, 80),
        url: String(event.senderFrame?.url ?? '').slice(0, 200),
      });
      return { ok: false, error: { code: 'forbidden', message: 'Richiesta rifiutata: mittente non autorizzato.' } };
    }
    if (!isCallName(name)) {
      log.warn('call not in the contract refused', { name: String(name).slice(0, 80) });
      return { ok: false, error: { code: 'unknown-call', message: 'Operazione sconosciuta.' } };
    }
    return dispatch(target, name, input, 'electron');
  });
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/**
 * Pushes every core event to our window's page as `(name, payload)` on EVENT_CHANNEL, only while
 * it shows our own page. Returns the unsubscribe function.
 */
export function forwardEvents(events: EventHub, getWindow: WindowGetter): () => void {
  return events.onAny((name, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    const contents = win.webContents;
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    try {
      contents.send(EVENT_CHANNEL, name, payload);
    } catch (err) {
      log.warn('event not delivered', { name, err });
    }
  });
}
