import { useId, useRef, type KeyboardEvent } from 'react';
import { formatItalianDate } from '../../../shared/domain/dates';
import { ErrorMessage } from '../components/ErrorMessage';
import { LevelBadge } from '../components/LevelBadge';
import { PageHeading } from '../components/PageHeading';
import { formatAge, resultCountText } from '../format';
import { useToday } from '../today';
import { patientHref } from '../router';
import { moveHighlight } from '../searchInput';
import { navigate } from '../useRoute';
import { usePatientSearch } from '../usePatientSearch';

interface Props {
  /** Kept by the app, so that coming back from a patient's sheet shows the same search. */
  query: string;
  onQueryChange: (text: string) => void;
  /** The patient whose sheet was open last: highlighted again on the way back. */
  lastOpenedId: number | null;
}

export function PatientsPage({ query, onQueryChange, lastOpenedId }: Props) {
  // Only the first answer after coming back uses it; the page is mounted anew each time.
  const lastOpened = useRef(lastOpenedId);
  const inputRef = useRef<HTMLInputElement>(null);
  const today = useToday();
  const ids = useId();
  const hintId = `${ids}-hint`;
  const rowId = (index: number) => `${ids}-row-${index}`;

  const open = (id: number) => navigate(patientHref(id));

  const search = usePatientSearch({
    query,
    setQuery: onQueryChange,
    onChoose: (p) => open(p.id),
    // Coming back with a search already typed: no need to wait.
    immediateFirst: true,
    keepRow: 'same-text',
    // Back from a patient's sheet: his row again.
    firstRow: (patients) => {
      const back = lastOpened.current === null ? -1 : patients.findIndex((p) => p.id === lastOpened.current);
      lastOpened.current = null;
      return back >= 0 ? back : 0;
    },
  });
  const { shown, pending, patients, highlight, setHighlight } = search;
  const tableRef = search.bodyRef;

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
          // Back on the page with the last search: typing replaces it instead of adding to it.
          onFocus={(e) => e.currentTarget.select()}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => search.change(e.target.value)}
          onKeyDown={search.onKeyDown}
          aria-describedby={hintId}
          aria-controls={patients.length > 0 ? 'patient-results' : undefined}
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
          onRetry={isQueryProblem(shown.error.code) ? undefined : search.refresh}
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
                    <LevelBadge level={p.chronicLevel} />
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
