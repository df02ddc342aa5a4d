import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApiErrorBody } from '../../shared/api';
import { useApi, useEvent } from './api';

/**
 * The studio's day (YYYY-MM-DD, Europe/Rome) as the core's clock has it. The UI never reads the
 * time itself: the browser's clock and zone may differ from the core's, and near midnight the
 * two would disagree about deadlines and dates "in the future".
 */
const TodayContext = createContext<string | null>(null);

interface Props {
  /** Shown until the core has answered (or when it cannot be reached, with its error). */
  waiting: (error: ApiErrorBody | null, retry: () => void) => ReactNode;
  children: ReactNode;
}

export function TodayProvider({ waiting, children }: Props) {
  const call = useApi();
  const [today, setToday] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [asks, setAsks] = useState(0);

  useEffect(() => {
    let current = true;
    void call('clock.get', {}).then((r) => {
      if (!current) return;
      if (r.ok) {
        setToday(r.value.today);
        setError(null);
      } else {
        setError(r.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call, asks]);

  // Midnight in Rome, pushed by the core.
  useEvent('clock.dayChanged', (p) => setToday(p.today));

  // A push missed while the page was asleep or the connection was down: ask again on return.
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') setAsks((n) => n + 1);
    };
    document.addEventListener('visibilitychange', again);
    window.addEventListener('focus', again);
    return () => {
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('focus', again);
    };
  }, []);

  if (today === null) return <>{waiting(error, () => setAsks((n) => n + 1))}</>;
  return <TodayContext.Provider value={today}>{children}</TodayContext.Provider>;
}

/** Today for the studio, from the core: for ages, deadlines, default and checked dates. */
export function useToday(): string {
  const today = useContext(TodayContext);
  if (today === null) throw new Error('useToday outside <TodayProvider>');
  return today;
}
