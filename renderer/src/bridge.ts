import { API_PATH, type ApiResult, type CallInput, type CallName, type CallOutput, type DesktopBridge, type EventName, type EventPayload, type PicBridge } from '../../shared/api';
import type { ChosenFile } from '../../shared/contract/import';
import type { SavedRecoveryKey } from '../../shared/contract/keys';
import { uploadFile } from './upload';
import {
  BAD_RESPONSE_MESSAGE,
  chooseToken,
  eventsUrl,
  INTERNAL_MESSAGE,
  isApiResult,
  OFFLINE_MESSAGE,
  parseEventMessage,
  reconnectDelay,
  SESSION_MESSAGE,
  takeTokenFromHash,
  TOKEN_STORAGE_KEY,
} from './wire';

declare global {
  interface Window {
    /** Exposed by Electron's preload (contextBridge) with exactly the DesktopBridge shape. */
    pic?: DesktopBridge;
  }
}

export type Transport = 'electron' | 'browser';

/**
 * How files cross between the page and the PC, by transport. A file to import (or a recovery key
 * to load): Electron's native dialog, or an upload from a file input (browser mode); either way
 * the answer is the file's handle (null: the user changed his mind), never a path. The recovery
 * key to save: Electron's save dialog, the main process writing it; browser mode downloads it.
 */
export type FileSource =
  | { kind: 'dialog'; choose(adapter: string): Promise<ApiResult<ChosenFile | null>>; saveRecoveryKey(): Promise<ApiResult<SavedRecoveryKey | null>> }
  | { kind: 'upload'; upload(file: File, onProgress: (sent: number, total: number) => void, signal: AbortSignal): Promise<ApiResult<ChosenFile | null>> };

export type BridgeSetup =
  | { kind: 'ready'; bridge: PicBridge; files: FileSource; transport: Transport }
  /** Browser mode opened without the #token=... the server printed. */
  | { kind: 'missing-token' };

/**
 * Picks the transport once, at start-up: Electron's preload object when present, else the
 * loopback HTTP + WebSocket of browser mode. Nothing else in the UI knows which one it got.
 */
export function setupBridge(): BridgeSetup {
  const pic = window.pic;
  if (pic && typeof pic.call === 'function' && typeof pic.on === 'function' && typeof pic.chooseFile === 'function') {
    const files: FileSource = {
      kind: 'dialog',
      choose: (adapter) => guardedChoice(() => pic.chooseFile({ adapter })),
      saveRecoveryKey: () => guardedChoice(() => pic.saveRecoveryKey()),
    };
    return { kind: 'ready', bridge: guarded(pic), files, transport: 'electron' };
  }
  const token = browserToken();
  watchForNewToken(token);
  if (token === null) return { kind: 'missing-token' };
  const files: FileSource = { kind: 'upload', upload: (file, onProgress, signal) => uploadFile(token, file, onProgress, signal) };
  return { kind: 'ready', bridge: guarded(new BrowserBridge(token)), files, transport: 'browser' };
}

/**
 * Reads #token=... from the address on first load, keeps it for reloads of this tab in
 * sessionStorage, and removes it from the visible address (and so from the history).
 */
function browserToken(): string | null {
  const { token: fromHash, rest } = takeTokenFromHash(window.location.hash);
  let stored: string | null = null;
  try {
    stored = window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
    if (fromHash) window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
  } catch {
    // Storage can be disabled; the token then lives only as long as the page.
  }
  if (fromHash) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search + (rest ? `#${rest}` : ''));
  }
  return chooseToken(fromHash, stored);
}

/**
 * Pasting the new address of a restarted service into the same tab only changes the fragment,
 * which does not reload the page: take the new token and start again with it.
 */
function watchForNewToken(current: string | null): void {
  window.addEventListener('hashchange', () => {
    const { token } = takeTokenFromHash(window.location.hash);
    if (token === null) return;
    browserToken();
    if (token !== current) window.location.reload();
  });
}

function failure(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** Whatever a transport does (throw, reject, answer garbage), the UI gets an ApiResult. */
function guarded(inner: PicBridge): PicBridge {
  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<ApiResult<CallOutput<N>>> {
      try {
        const result: unknown = await inner.call(name, input);
        if (isApiResult(result)) return result as ApiResult<CallOutput<N>>;
        console.error('PiC: risposta fuori contratto', name, result);
        return failure('bad-response', BAD_RESPONSE_MESSAGE);
      } catch (err) {
        console.error('PiC: chiamata fallita', name, err);
        return failure('internal', INTERNAL_MESSAGE);
      }
    },
    on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
      const safe = (payload: EventPayload<N>) => {
        try {
          listener(payload);
        } catch (err) {
          console.error('PiC: errore nella gestione di un evento', name, err);
        }
      };
      try {
        return inner.on(name, safe);
      } catch (err) {
        console.error('PiC: impossibile ascoltare un evento', name, err);
        return () => undefined;
      }
    },
  };
}

/** The dialog's answer, or an Italian failure whatever the preload does. */
async function guardedChoice<T>(choose: () => Promise<ApiResult<T | null>>): Promise<ApiResult<T | null>> {
  try {
    const result: unknown = await choose();
    if (isApiResult(result)) return result as ApiResult<T | null>;
    console.error('PiC: risposta fuori contratto alla scelta del file', result);
    return failure('bad-response', BAD_RESPONSE_MESSAGE);
  } catch (err) {
    console.error('PiC: scelta del file fallita', err);
    return failure('internal', INTERNAL_MESSAGE);
  }
}

type AnyListener = (payload: unknown) => void;

/** Browser mode: POST /api/<name> for calls, one shared WebSocket for every event. */
class BrowserBridge implements PicBridge {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;

  constructor(private readonly token: string) {}

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<ApiResult<CallOutput<N>>> {
    let response: Response;
    try {
      response = await fetch(API_PATH + encodeURIComponent(name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input),
        cache: 'no-store',
      });
    } catch {
      return failure('offline', OFFLINE_MESSAGE);
    }
    if (response.status === 401) return failure('unauthorized', SESSION_MESSAGE);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failure('bad-response', BAD_RESPONSE_MESSAGE);
    }
    return isApiResult(body) ? (body as ApiResult<CallOutput<N>>) : failure('bad-response', BAD_RESPONSE_MESSAGE);
  }

  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const entry = listener as AnyListener;
    set.add(entry);
    this.connect();
    return () => {
      set.delete(entry);
    };
  }

  private connect(): void {
    if (this.socket || this.retryTimer) return;
    const ws = new WebSocket(eventsUrl(window.location.protocol, window.location.host, this.token));
    this.socket = ws;
    ws.addEventListener('open', () => {
      this.attempt = 0;
    });
    ws.addEventListener('message', (e: MessageEvent) => {
      const message = parseEventMessage(e.data);
      if (!message) return;
      for (const l of this.listeners.get(message.event) ?? []) l(message.payload);
    });
    ws.addEventListener('close', () => {
      if (this.socket !== ws) return;
      this.socket = null;
      const delay = reconnectDelay(this.attempt++, Math.random());
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay);
    });
    // An error is always followed by close, which schedules the retry.
  }
}
