import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiErrorBody, ApiResult, CallInput, CallName, CallOutput, EventName, EventPayload, PicBridge } from '../../shared/api';
import type { FileSource } from './bridge';

/**
 * The typed layer the pages use. Calls never throw: a failed call gives an `ApiErrorBody`
 * whose `message` is the Italian text to show (see <ErrorMessage>).
 */

const BridgeContext = createContext<PicBridge | null>(null);
const FilesContext = createContext<FileSource | null>(null);

export function ApiProvider({ bridge, files, children }: { bridge: PicBridge; files: FileSource; children: ReactNode }) {
  return (
    <BridgeContext.Provider value={bridge}>
      <FilesContext.Provider value={files}>{children}</FilesContext.Provider>
    </BridgeContext.Provider>
  );
}

/** How this transport hands the core a file to import (see FileSource). */
export function useFileSource(): FileSource {
  const files = useContext(FilesContext);
  if (!files) throw new Error('useFileSource outside <ApiProvider>');
  return files;
}

export function useBridge(): PicBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside <ApiProvider>');
  return bridge;
}

/** A stable `call` function for event handlers (buttons, searches typed by the user). */
export function useApi(): <N extends CallName>(name: N, input: CallInput<N>) => Promise<ApiResult<CallOutput<N>>> {
  const bridge = useBridge();
  return useCallback((name, input) => bridge.call(name, input), [bridge]);
}

/** Listens to a core event while the component is mounted; the latest `listener` is always used. */
export function useEvent<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): void {
  const bridge = useBridge();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => bridge.on(name, (payload) => latest.current(payload)), [bridge, name]);
}

export interface CallState<T> {
  /** The last good answer; kept while a reload runs, so the page does not flicker. */
  value: T | null;
  error: ApiErrorBody | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a call when the component mounts and whenever `input` changes (compared as JSON);
 * answers that arrive after a newer request are dropped.
 */
export function useCall<N extends CallName>(name: N, input: CallInput<N>): CallState<CallOutput<N>> {
  const bridge = useBridge();
  const key = `${name} ${JSON.stringify(input)}`;
  const [state, setState] = useState<{ key: string; value: CallOutput<N> | null; error: ApiErrorBody | null; done: boolean }>({
    key: '',
    value: null,
    error: null,
    done: false,
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const inputJson = JSON.stringify(input);

  useEffect(() => {
    let current = true;
    setState((s) => (s.key === key ? { ...s, done: false } : { key, value: null, error: null, done: false }));
    void bridge.call(name, JSON.parse(inputJson) as CallInput<N>).then((result) => {
      if (!current) return;
      if (result.ok) setState({ key, value: result.value, error: null, done: true });
      else setState((s) => ({ key, value: s.key === key ? s.value : null, error: result.error, done: true }));
    });
    return () => {
      current = false;
    };
  }, [bridge, name, key, inputJson, generation]);

  // Until the effect has run for a new input, nothing of the old one is shown.
  const fresh = state.key === key;
  return {
    value: fresh ? state.value : null,
    error: fresh ? state.error : null,
    loading: !fresh || !state.done,
    reload,
  };
}
