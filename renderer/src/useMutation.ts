import { useCallback, useRef, useState } from 'react';
import type { ApiErrorBody, CallInput, CallName, CallOutput } from '../../shared/api';
import { useApi } from './api';

/**
 * A call that changes something, run from a button or a form: busy while it runs (a second
 * click is ignored), its Italian error kept to show, the answer returned (null on failure, after
 * `onError` has seen the error).
 */
export function useMutation<N extends CallName>(name: N, options: { onError?: (error: ApiErrorBody) => void } = {}) {
  const onError = useRef(options.onError);
  onError.current = options.onError;
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async (input: CallInput<N>): Promise<CallOutput<N> | null> => {
      if (running.current) return null;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        const result = await call(name, input);
        if (!result.ok) {
          setError(result.error);
          onError.current?.(result.error);
          return null;
        }
        return result.value;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [call, name],
  );

  return { run, busy, error, setError };
}
