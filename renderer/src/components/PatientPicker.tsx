import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiErrorBody, CallOutput } from '../../../shared/api';
import type { PatientSummary } from '../../../shared/domain/patient';
import { formatItalianDate } from '../../../shared/domain/dates';
import { useApi, useEvent } from '../api';
import { formatAge, levelDescription, levelShort, localIsoDate, resultCountText } from '../format';
import { moveHighlight, SEARCH_DEBOUNCE_MS, searchTextToSend } from '../searchInput';
import { ErrorMessage } from './ErrorMessage';

type SearchAnswer = CallOutput<'patients.search'>;

interface Props {
  /** data-testid of the text box. */
  testId: string;
  /** data-testid of each result row (with data-patient-id). */
  rowTestId: string;
  label: string;
  onPick: (patient: PatientSummary) => void;
  /** Told about every change of the text (e.g. to prefill a new-patient form). */
  onQueryChange?: (text: string) => void;
  autoFocus?: boolean;
  /** Shown under the results when the search found nobody. */
  noResults?: ReactNode;
  /** False hides answers and errors (e.g. while a new-patient form below takes over). */
  showResults?: boolean;
}

interface Shown {
  text: string;
  answer: SearchAnswer | null;
  error: ApiErrorBody | null;
}

/**
 * The patient search of Pazienti as a chooser: type surname, name or codice fiscale, arrows to
 * move, Enter to choose (Enter typed before the answer chooses the first patient of the answer).
 */
export function PatientPicker({ testId, rowTestId, label, onPick, onQueryChange, autoFocus = false, noResults, showResults = true }: Props) {
  const call = useApi();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [pending, setPending] = useState(false);
  const [highlight, setHighlight] = useState(-1);
  const [refreshes, setRefreshes] = useState(0);
  const latestRequest = useRef(0);
  const pickWhenReady = useRef(false);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const latestOnPick = useRef(onPick);
  useEffect(() => {
    latestOnPick.current = onPick;
  });
  const ids = useId();
  const today = localIsoDate(new Date());
  const rowId = (index: number) => `${ids}-row-${index}`;

  useEffect(() => {
    const request = ++latestRequest.current;
    const text = searchTextToSend(query);
    if (text === null) {
      setShown(null);
      setPending(false);
      setHighlight(-1);
      pickWhenReady.current = false;
      return;
    }
    setPending(true);
    const timer = setTimeout(() => {
      void call('patients.search', { text }).then((result) => {
        if (request !== latestRequest.current) return;
        setPending(false);
        if (!result.ok) {
          setShown({ text, answer: null, error: result.error });
          setHighlight(-1);
          pickWhenReady.current = false;
          return;
        }
        const patients = result.value.patients;
        setHighlight((h) => (patients.length === 0 ? -1 : h >= 0 ? Math.min(h, patients.length - 1) : 0));
        setShown({ text, answer: result.value, error: null });
        if (pickWhenReady.current) {
          pickWhenReady.current = false;
          const first = patients[0];
          if (first) latestOnPick.current(first);
        }
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, refreshes, call]);

  useEvent('patients.changed', () => setRefreshes((n) => n + 1));

  useEffect(() => {
    if (highlight < 0) return;
    const row = bodyRef.current?.children[highlight];
    if (row instanceof HTMLElement) row.scrollIntoView({ block: 'nearest' });
  }, [highlight, shown]);

  const patients = showResults ? (shown?.answer?.patients ?? []) : [];

  const change = (text: string) => {
    pickWhenReady.current = false;
    setQuery(text);
    onQueryChange?.(text);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const stale = pending || shown?.text !== searchTextToSend(query);
      if (stale && searchTextToSend(query) !== null) {
        pickWhenReady.current = true;
        return;
      }
      const p = patients[highlight];
      if (p) onPick(p);
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

  return (
    <div className="picker">
      <div className="search">
        <label className="search-label" htmlFor={`${ids}-input`}>
          {label}
        </label>
        <input
          id={`${ids}-input`}
          className="search-input"
          type="search"
          data-testid={testId}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKey}
          aria-describedby={`${ids}-hint`}
          aria-controls={`${ids}-results`}
          aria-activedescendant={highlight >= 0 && patients[highlight] ? rowId(highlight) : undefined}
          placeholder="cognome e nome, oppure codice fiscale"
        />
        <p className="search-hint" id={`${ids}-hint`}>
          Frecce ↑ ↓ per scegliere, Invio per confermare, Esc per cancellare.
        </p>
      </div>
      <div className="search-state" aria-live="polite">
        {showResults && pending && query.trim() !== '' && !shown && <p className="hint">Ricerca in corso…</p>}
        {showResults && shown?.answer && (
          <p className={shown.answer.truncated ? 'result-count result-count-warn' : 'result-count'}>
            {resultCountText(shown.answer.patients.length, shown.answer.truncated)}
          </p>
        )}
      </div>
      {showResults && shown?.error && <ErrorMessage error={shown.error} live="polite" />}
      {showResults && shown?.answer && shown.answer.patients.length === 0 && noResults}
      {patients.length > 0 && (
        <div className="table-scroll picker-results">
          <table className="table table-results" id={`${ids}-results`}>
            <caption className="visually-hidden">Pazienti trovati</caption>
            <thead>
              <tr>
                <th scope="col">Cognome e nome</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Data di nascita</th>
                <th scope="col">Livello</th>
              </tr>
            </thead>
            <tbody ref={bodyRef}>
              {patients.map((p, index) => (
                <tr
                  key={p.id}
                  id={rowId(index)}
                  className={index === highlight ? 'row row-active' : 'row'}
                  aria-selected={index === highlight}
                  data-testid={rowTestId}
                  data-patient-id={p.id}
                  onClick={() => onPick(p)}
                >
                  <td className="strong">
                    {p.surname} {p.givenName}
                  </td>
                  <td className="mono">{p.codiceFiscale}</td>
                  <td>
                    {formatItalianDate(p.birthDate)} <span className="muted">({formatAge(p.birthDate, today)})</span>
                  </td>
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
    </div>
  );
}
