import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiErrorBody, CallOutput } from '../../shared/api';
import type { PatientSummary } from '../../shared/domain/patient';
import { useApi, useEvent } from './api';
import { chosenOnArrival, moveHighlight, SEARCH_DEBOUNCE_MS, searchTextToSend } from './searchInput';

type SearchAnswer = CallOutput<'patients.search'>;

/** The answer on screen and the text it answers. */
export interface ShownSearch {
  text: string;
  answer: SearchAnswer | null;
  error: ApiErrorBody | null;
}

interface Options {
  /** What is typed in the search box (kept by the caller). */
  query: string;
  /** Changes what is typed (typing, Esc). */
  setQuery: (text: string) => void;
  /** Enter on the highlighted row; Enter typed before the answer chooses the patient found, if only one is. */
  onChoose: (patient: PatientSummary) => void;
  /** False hides the answer: no rows to move on or choose. */
  showResults?: boolean;
  /** The first search goes out at once, without the typing delay (a search already typed when the page opens). */
  immediateFirst?: boolean;
  /**
   * Whether a new answer keeps the highlighted row: 'always', or 'same-text' (only a refresh of the
   * same search does; another text starts again from `firstRow`).
   */
  keepRow: 'always' | 'same-text';
  /** The row to highlight when the row is not kept (called once for each answer); the first one if not given. */
  firstRow?: (patients: readonly PatientSummary[]) => number;
}

/**
 * The patient search as the user types: debounced, only the answer to the latest text is shown,
 * redone when patients change; arrows move the highlighted row, Enter chooses it, Esc clears.
 */
export function usePatientSearch({ query, setQuery, onChoose, showResults = true, immediateFirst = false, keepRow, firstRow }: Options) {
  const call = useApi();
  const [shown, setShown] = useState<ShownSearch | null>(null);
  const [pending, setPending] = useState(false);
  const [highlight, setHighlight] = useState(-1);
  const [refreshes, setRefreshes] = useState(0);
  const shownRef = useRef<ShownSearch | null>(null);
  const latestRequest = useRef(0);
  const chooseWhenReady = useRef(false);
  const firstRun = useRef(true);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const latest = useRef({ onChoose, keepRow, firstRow, immediateFirst });
  useEffect(() => {
    latest.current = { onChoose, keepRow, firstRow, immediateFirst };
  });

  useEffect(() => {
    const show = (next: ShownSearch | null) => {
      shownRef.current = next;
      setShown(next);
    };
    const request = ++latestRequest.current;
    const text = searchTextToSend(query);
    // Coming back with a search already typed: no need to wait.
    const delay = latest.current.immediateFirst && firstRun.current ? 0 : SEARCH_DEBOUNCE_MS;
    firstRun.current = false;
    if (text === null) {
      show(null);
      setPending(false);
      setHighlight(-1);
      chooseWhenReady.current = false;
      return;
    }
    setPending(true);
    const timer = setTimeout(() => {
      void call('patients.search', { text }).then((result) => {
        if (request !== latestRequest.current) return;
        setPending(false);
        if (!result.ok) {
          show({ text, answer: null, error: result.error });
          setHighlight(-1);
          chooseWhenReady.current = false;
          return;
        }
        const patients = result.value.patients;
        const { keepRow: keep, firstRow: first } = latest.current;
        const sameText = shownRef.current?.text === text;
        const fresh = first ? first(patients) : 0;
        setHighlight((h) => {
          if (patients.length === 0) return -1;
          // A refresh of the same search (or, with 'always', any answer) keeps the row the user was on.
          if ((keep === 'always' || sameText) && h >= 0) return Math.min(h, patients.length - 1);
          return fresh;
        });
        show({ text, answer: result.value, error: null });
        if (chooseWhenReady.current) {
          chooseWhenReady.current = false;
          const chosen = chosenOnArrival(patients);
          if (chosen) latest.current.onChoose(chosen);
        }
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [query, refreshes, call]);

  // New patients (seeding, imports, a card): redo the search that is on screen.
  useEvent('patients.changed', () => setRefreshes((n) => n + 1));

  // Keep the highlighted row visible.
  useEffect(() => {
    if (highlight < 0) return;
    const row = bodyRef.current?.children[highlight];
    if (row instanceof HTMLElement) row.scrollIntoView({ block: 'nearest' });
  }, [highlight, shown]);

  const patients = showResults ? (shown?.answer?.patients ?? []) : [];

  const change = (text: string) => {
    chooseWhenReady.current = false;
    setQuery(text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const stale = pending || shown?.text !== searchTextToSend(query);
      if (stale && searchTextToSend(query) !== null) {
        // Enter typed before the answer arrived: choose the first patient of the coming answer.
        chooseWhenReady.current = true;
        return;
      }
      const p = patients[highlight];
      if (p) onChoose(p);
      return;
    }
    if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      change('');
      return;
    }
    const next = moveHighlight(e.key, highlight, patients.length);
    if (next !== null) {
      e.preventDefault();
      setHighlight(next);
    }
  };

  return {
    shown,
    pending,
    patients,
    highlight,
    setHighlight,
    /** The results' <tbody>: its rows follow the highlight. */
    bodyRef,
    /** For the search box's onChange. */
    change,
    /** For the search box's onKeyDown. */
    onKeyDown,
    /** Asks again (after an error of the service). */
    refresh: () => setRefreshes((n) => n + 1),
  };
}
