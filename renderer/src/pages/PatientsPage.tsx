import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiErrorBody, CallOutput } from '../../../shared/api';
import { formatItalianDate } from '../../../shared/domain/dates';
import { useApi, useEvent } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeading } from '../components/PageHeading';
import { formatAge, levelDescription, levelShort, localIsoDate, resultCountText } from '../format';
import { patientHref } from '../router';
import { moveHighlight, SEARCH_DEBOUNCE_MS, searchTextToSend } from '../searchInput';
import { navigate } from '../useRoute';

type SearchAnswer = CallOutput<'patients.search'>;

interface Props {
  /** Kept by the app, so that coming back from a patient's sheet shows the same search. */
  query: string;
  onQueryChange: (text: string) => void;
  /** The patient whose sheet was open last: highlighted again on the way back. */
  lastOpenedId: number | null;
}

interface Shown {
  text: string;
  answer: SearchAnswer | null;
  error: ApiErrorBody | null;
}

export function PatientsPage({ query, onQueryChange, lastOpenedId }: Props) {
  const call = useApi();
  const [shown, setShown] = useState<Shown | null>(null);
  const shownRef = useRef<Shown | null>(null);
  const show = useCallback((next: Shown | null) => {
    shownRef.current = next;
    setShown(next);
  }, []);
  // Only the first answer after coming back uses it; the page is mounted anew each time.
  const lastOpened = useRef(lastOpenedId);
  const [pending, setPending] = useState(false);
  const [highlight, setHighlight] = useState(-1);
  const [refreshes, setRefreshes] = useState(0);
  const latestRequest = useRef(0);
  const openWhenReady = useRef(false);
  const firstRun = useRef(true);
  const inputRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const today = localIsoDate(new Date());
  const ids = useId();
  const hintId = `${ids}-hint`;
  const rowId = (index: number) => `${ids}-row-${index}`;

  const open = useCallback((id: number) => navigate(patientHref(id)), []);

  // Search as the user types: debounced, and only the answer to the latest text is shown.
  useEffect(() => {
    const request = ++latestRequest.current;
    const text = searchTextToSend(query);
    // Coming back with a search already typed: no need to wait.
    const delay = firstRun.current ? 0 : SEARCH_DEBOUNCE_MS;
    firstRun.current = false;
    if (text === null) {
      show(null);
      setPending(false);
      setHighlight(-1);
      openWhenReady.current = false;
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
          openWhenReady.current = false;
          return;
        }
        const patients = result.value.patients;
        const before = shownRef.current;
        const back = lastOpened.current === null ? -1 : patients.findIndex((p) => p.id === lastOpened.current);
        lastOpened.current = null;
        setHighlight((h) => {
          if (patients.length === 0) return -1;
          // A refresh of the same search keeps the row the user was on.
          if (before?.text === text && h >= 0) return Math.min(h, patients.length - 1);
          return back >= 0 ? back : 0;
        });
        show({ text, answer: result.value, error: null });
        if (openWhenReady.current) {
          openWhenReady.current = false;
          const first = patients[0];
          if (first) open(first.id);
        }
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [query, refreshes, call, open, show]);

  // New patients (seeding, later imports): redo the search that is on screen.
  useEvent('patients.changed', () => setRefreshes((n) => n + 1));

  // Keep the highlighted row visible.
  useEffect(() => {
    if (highlight < 0) return;
    const row = tableRef.current?.children[highlight];
    if (row instanceof HTMLElement) row.scrollIntoView({ block: 'nearest' });
  }, [highlight, shown]);

  const patients = shown?.answer?.patients ?? [];

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const stale = pending || shown?.text !== searchTextToSend(query);
      if (stale && searchTextToSend(query) !== null) {
        // Enter typed before the answer arrived: open the first patient of the coming answer.
        openWhenReady.current = true;
        return;
      }
      const p = patients[highlight];
      if (p) open(p.id);
      return;
    }
    if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      onQueryChange('');
      return;
    }
    const next = moveHighlight(e.key, highlight, patients.length);
    if (next !== null) {
      e.preventDefault();
      setHighlight(next);
    }
  };

  // Arrow keys also work once the focus is on a row's link (reached with Tab).
  const onRowKey = (e: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    const next = moveHighlight(e.key, index, patients.length);
    if (next === null) return;
    e.preventDefault();
    setHighlight(next);
    const link = tableRef.current?.children[next]?.querySelector('a');
    link?.focus();
  };

  const status = shown?.answer ? resultCountText(shown.answer.patients.length, shown.answer.truncated) : '';

  return (
    <section className="page page-patients" data-testid="page-pazienti">
      <PageHeading>Pazienti</PageHeading>
      <div className="search">
        <label className="search-label" htmlFor={`${ids}-search`}>
          Cerca per cognome, nome o codice fiscale
        </label>
        <input
          id={`${ids}-search`}
          ref={inputRef}
          className="search-input"
          type="search"
          data-testid="patient-search"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            openWhenReady.current = false;
            onQueryChange(e.target.value);
          }}
          onKeyDown={onInputKey}
          aria-describedby={hintId}
          aria-controls="patient-results"
          aria-activedescendant={highlight >= 0 && patients[highlight] ? rowId(highlight) : undefined}
          placeholder="ad es. Rossi Mario, oppure RSSMRA…"
        />
        <p className="search-hint" id={hintId}>
          Frecce ↑ ↓ per scegliere, Invio per aprire la scheda, Esc per cancellare.
        </p>
      </div>

      <div className="search-state" aria-live="polite">
        {query.trim() === '' && (
          <p className="hint" data-testid="search-hint">
            Scrivere almeno 2 lettere del cognome, del nome o del codice fiscale.
          </p>
        )}
        {pending && query.trim() !== '' && !shown && <p className="hint">Ricerca in corso…</p>}
        {shown?.answer && (
          <p
            className={shown.answer.truncated ? 'result-count result-count-warn' : 'result-count'}
            data-testid={shown.answer.patients.length === 0 ? 'no-results' : shown.answer.truncated ? 'results-truncated' : 'result-count'}
          >
            {status}
          </p>
        )}
      </div>
      {shown?.error && (
        <ErrorMessage
          error={shown.error}
          live="polite"
          // What was typed is judged by the core: retrying only helps when the service failed.
          onRetry={isQueryProblem(shown.error.code) ? undefined : () => setRefreshes((n) => n + 1)}
        />
      )}

      {patients.length > 0 && (
        <div className="table-scroll">
          <table className="table table-results" id="patient-results" data-testid="patient-results">
            <caption className="visually-hidden">Pazienti trovati</caption>
            <thead>
              <tr>
                <th scope="col">Cognome</th>
                <th scope="col">Nome</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Data di nascita</th>
                <th scope="col" className="num">
                  Età
                </th>
                <th scope="col">Livello</th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {patients.map((p, index) => (
                <tr
                  key={p.id}
                  id={rowId(index)}
                  className={index === highlight ? 'row row-active' : 'row'}
                  aria-selected={index === highlight}
                  data-testid="patient-row"
                  data-cf={p.codiceFiscale}
                  onClick={() => open(p.id)}
                >
                  <td className="strong">
                    <a href={patientHref(p.id)} tabIndex={index === highlight ? 0 : -1} onKeyDown={(e) => onRowKey(e, index)}>
                      {p.surname}
                    </a>
                  </td>
                  <td>{p.givenName}</td>
                  <td className="mono">{p.codiceFiscale}</td>
                  <td>{formatItalianDate(p.birthDate)}</td>
                  <td className="num">{formatAge(p.birthDate, today)}</td>
                  <td>
                    <span className={`level level-${p.chronicLevel ?? 'none'}`} title={levelDescription(p.chronicLevel)}>
                      {levelShort(p.chronicLevel)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function isQueryProblem(code: string): boolean {
  return code.startsWith('search-') || code === 'invalid-codice-fiscale' || code === 'invalid-input';
}
