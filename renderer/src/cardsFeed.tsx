import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiErrorBody } from '../../shared/api';
import type { CardsState } from '../../shared/contract/cards';
import { useApi, useEvent } from './api';

/**
 * The live state of readers, cards and operator session: one `cards.state` call at start-up, then
 * every `cards.changed` event. A slow poll covers events lost while the event socket reconnects;
 * a call answer that comes back after a newer event is dropped, so it never undoes it.
 */

const REFRESH_MS = 20_000;

export interface CardsFeed {
  /** Null until the first answer. */
  state: CardsState | null;
  /** The last call failed (kept until a good answer or event arrives). */
  error: ApiErrorBody | null;
  refresh: () => void;
}

export function useCardsFeed(onChange: (prev: CardsState | null, next: CardsState) => void): CardsFeed {
  const call = useApi();
  const [state, setState] = useState<CardsState | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const current = useRef<CardsState | null>(null);
  const updates = useRef(0);
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });

  const accept = useCallback((next: CardsState) => {
    updates.current += 1;
    const prev = current.current;
    current.current = next;
    setState(next);
    setError(null);
    latestOnChange.current(prev, next);
  }, []);

  const refresh = useCallback(() => {
    const seen = updates.current;
    void call('cards.state', {}).then((result) => {
      if (updates.current !== seen) return;
      if (result.ok) accept(result.value);
      else setError(result.error);
    });
  }, [call, accept]);

  useEvent('cards.changed', accept);
  // A patient created (from the card or by hand) changes which stored patient a card in a reader is.
  useEvent('patients.changed', refresh);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return useMemo(() => ({ state, error, refresh }), [state, error, refresh]);
}

const CardsContext = createContext<CardsFeed>({ state: null, error: null, refresh: () => undefined });

export function CardsProvider({ feed, children }: { feed: CardsFeed; children: ReactNode }) {
  return <CardsContext.Provider value={feed}>{children}</CardsContext.Provider>;
}

/** The cards state for any component under <CardsProvider> (status bar, patient sheet...). */
export function useCards(): CardsFeed {
  return useContext(CardsContext);
}

/** Whether the operator logged in now is the MMG: his decisions' controls are shown only to him. */
export function useIsMmg(): boolean {
  return useContext(CardsContext).state?.operator?.role === 'mmg';
}
