import { useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../../shared/api';
import type { ImportJobView, ImportProgress } from '../../../../shared/contract/import';
import { useApi, useEvent } from '../../api';

/** How long one status call waits for the end before asking again. */
const STATUS_WAIT_MS = 25_000;

/**
 * The import job this page follows: started with import.start (its ids in the first answer),
 * progress from the events, the report from import.status (then `onEnd`); cancelled by job.
 */
export function useImportJob(job: number | null, onJob: (job: number | null) => void, onEnd: (ended: ImportJobView) => void) {
  const call = useApi();
  const latestOnEnd = useRef(onEnd);
  useEffect(() => {
    latestOnEnd.current = onEnd;
  });
  const [view, setView] = useState<ImportJobView | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<ApiErrorBody | null>(null);
  const [lost, setLost] = useState<ApiErrorBody | null>(null);
  const shown = view && view.job === job ? view : null;

  useEvent('import.progress', (p) => {
    if (p.job !== null && p.job === job) setView((v) => (v && v.job === p.job && v.report === null ? { ...v, progress: p } : v));
  });

  // Asks for the report until it comes (each call waits for it up to STATUS_WAIT_MS).
  useEffect(() => {
    if (job === null) return;
    let stopped = false;
    void (async () => {
      for (let wait = 0; !stopped; wait = STATUS_WAIT_MS) {
        const answer = await call('import.status', { job, waitMs: wait });
        if (stopped) return;
        if (!answer.ok) {
          setLost(answer.error);
          return;
        }
        setView(answer.value);
        if (answer.value.report !== null) {
          latestOnEnd.current(answer.value);
          return;
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [call, job]);

  return {
    view: shown,
    running: job !== null && (shown === null || shown.report === null) && lost === null,
    lost,
    cancelling: cancelling && shown?.report === null,
    cancelError,
    start: async (adapter: string, options: Record<string, unknown>, dryRun: boolean): Promise<ApiErrorBody | null> => {
      setCancelling(false);
      setCancelError(null);
      setLost(null);
      const answer = await call('import.start', { adapter, options, dryRun });
      if (!answer.ok) return answer.error;
      setView(answer.value);
      onJob(answer.value.job);
      return null;
    },
    cancel: async () => {
      if (job === null || cancelling) return;
      setCancelError(null);
      setCancelling(true);
      const answer = await call('import.cancel', { job });
      if (!answer.ok) {
        setCancelling(false);
        setCancelError(answer.error);
      }
    },
    dismiss: () => {
      setView(null);
      onJob(null);
    },
  };
}

/** An import started elsewhere (another window of the browser mode): shown, and cancellable. */
export function useOtherImport(mine: number | null) {
  const call = useApi();
  const [other, setOther] = useState<ImportProgress | null>(null);
  const [cancelError, setCancelError] = useState<ApiErrorBody | null>(null);
  useEvent('import.progress', (p) => {
    if (p.job === mine) return;
    setOther(p.finished ? null : p);
  });
  return {
    other,
    cancelError,
    cancel: async () => {
      if (other?.job == null) return;
      const answer = await call('import.cancel', { job: other.job });
      setCancelError(answer.ok ? null : answer.error);
    },
  };
}
