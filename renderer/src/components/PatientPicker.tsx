import { useId, useState, type ReactNode } from 'react';
import type { PatientSummary } from '../../../shared/domain/patient';
import { formatItalianDate } from '../../../shared/domain/dates';
import { formatAge, resultCountText } from '../format';
import { useToday } from '../today';
import { usePatientSearch } from '../usePatientSearch';
import { ErrorMessage } from './ErrorMessage';
import { LevelBadge } from './LevelBadge';

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

/**
 * The patient search of Pazienti as a chooser: type surname, name or codice fiscale, arrows to
 * move, Enter to choose (Enter typed before the answer chooses the patient found, if only one is).
 */
export function PatientPicker({ testId, rowTestId, label, onPick, onQueryChange, autoFocus = false, noResults, showResults = true }: Props) {
  const [query, setQuery] = useState('');
  const search = usePatientSearch({
    query,
    setQuery: (text) => {
      setQuery(text);
      onQueryChange?.(text);
    },
    onChoose: onPick,
    showResults,
    keepRow: 'always',
  });
  const { shown, pending, patients, highlight } = search;
  const ids = useId();
  const today = useToday();
  const rowId = (index: number) => `${ids}-row-${index}`;

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
          onChange={(e) => search.change(e.target.value)}
          onKeyDown={search.onKeyDown}
          aria-describedby={`${ids}-hint`}
          aria-controls={patients.length > 0 ? `${ids}-results` : undefined}
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
            <tbody ref={search.bodyRef}>
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
                    <LevelBadge level={p.chronicLevel} />
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
