import { isCallName, isEventName, type ApiResult, type DesktopBridge, type EventName } from '../../shared/api';
import type { ChosenFile } from '../../shared/contract/import';
import type { SavedRecoveryKey } from '../../shared/contract/keys';
import { CALL_CHANNEL, CHOOSE_FILE_CHANNEL, EVENT_CHANNEL, SAVE_RECOVERY_KEY_CHANNEL } from './channels';

/** The part of ipcRenderer the bridge uses; the page never sees it. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const IPC_FAILED = { ok: false, error: { code: 'ipc-failed', message: "Comunicazione con l'applicazione non riuscita." } } as const;

/**
 * window.pic: exactly `call`, `on`, `chooseFile` and `saveRecoveryKey`. Unknown names never reach IPC; listeners get
 * the payload only, never Electron's event object (which carries `sender`, i.e. ipcRenderer).
 */
export function createBridge(ipc: BridgeIpc): DesktopBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let attached = false;

  const receive = (_event: unknown, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`pic: listener of "${name}" failed`, err);
      }
    }
  };

  const bridge = {
    call(name: unknown, input: unknown): Promise<ApiResult<unknown>> {
      if (!isCallName(name)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown-call', message: 'Operazione sconosciuta.' } });
      }
      return ipc.invoke(CALL_CHANNEL, name, input ?? {}).then(
        (result) => result as ApiResult<unknown>,
        () => IPC_FAILED,
      );
    },
    chooseFile(request: unknown): Promise<ApiResult<ChosenFile | null>> {
      const adapter = typeof request === 'object' && request !== null ? (request as { adapter?: unknown }).adapter : undefined;
      // Only the adapter crosses, to choose the dialog's filters: nothing the page sends names a file.
      return ipc.invoke(CHOOSE_FILE_CHANNEL, { adapter: typeof adapter === 'string' ? adapter : '' }).then(
        (result) => result as ApiResult<ChosenFile | null>,
        () => IPC_FAILED,
      );
    },
    saveRecoveryKey(): Promise<ApiResult<SavedRecoveryKey | null>> {
      // Nothing crosses: the main process asks where, and writes the key itself.
      return ipc.invoke(SAVE_RECOVERY_KEY_CHANNEL).then(
        (result) => result as ApiResult<SavedRecoveryKey | null>,
        () => IPC_FAILED,
      );
    },
    on(name: unknown, listener: unknown): () => void {
      if (!isEventName(name)) throw new TypeError(`pic.on: unknown event "${String(name).slice(0, 80)}"`);
      if (typeof listener !== 'function') throw new TypeError('pic.on: the listener must be a function');
      const fn = (payload: unknown) => (listener as (p: unknown) => void)(payload);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn);
      if (!attached) {
        ipc.on(EVENT_CHANNEL, receive);
        attached = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(fn);
        if (set.size === 0) listeners.delete(name);
        if (listeners.size === 0 && attached) {
          ipc.removeListener(EVENT_CHANNEL, receive);
          attached = false;
        }
      };
    },
  };
  return bridge as DesktopBridge;
}
