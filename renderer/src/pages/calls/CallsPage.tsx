import { Fragment, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CallFilter, CallListEntry } from '../../../../shared/contract/calls';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useApi } from '../../api';
import { attemptsText, callQueueCsv, callSourceText, callStatusText, lastAttemptText, telHref } from '../../calls';
import { downloadText } from '../../download';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LevelBadge } from '../../components/LevelBadge';
import { PageHeading } from '../../components/PageHeading';
import { formatAge, formatCount } from '../../format';
import { moveHighlight } from '../../searchInput';
import { useToday } from '../../today';
import { CallOutcomeForm } from './CallOutcomeForm';
import { CallQueueFilters } from './CallQueueFilters';
import { PAGE_SIZE, useCallQueue } from './useCallQueue';

const COLUMNS = 5;
const EXPORT_LIMIT = 5000;
const DEFAULT_FILTER: CallFilter = { dueToday: true, withPhone: false };

/** "1.234 pazienti da richiamare". */
function totalText(total: number): string {
  if (total === 0) return 'Nessun paziente da richiamare con questi filtri';
  return total === 1 ? '1 paziente da richiamare' : `${formatCount(total)} pazienti da richiamare`;
}

/**
 * Richiami: the call-back queue. Walk-ins with a letter first, then the ATS list; today's calls
 * by default. The outcome of each call is recorded under the selected row; the next patient's
 * outcome buttons then take the focus, with the confirmation above them.
 */
export function CallsPage() {
  const call = useApi();
  const today = useToday();
  const [filter, setFilter] = useState<CallFilter>(DEFAULT_FILTER);
  const [page, setPage] = useState(0);
  const queue = useCallQueue(filter, page);
  const { entries, setEntries, total, reload } = queue;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ text: string; forId: number | null } | null>(null);
  const [focusOutcomes, setFocusOutcomes] = useState(false);
  const [exporting, setExporting] = useState(false);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const lastIndex = useRef(0);

  useEffect(() => {
    setSelectedId((id) => {
      if (id !== null && entries.some((e) => e.patientId === id)) return id;
      // The selected patient left the page: the row now in its place.
      return entries[Math.min(lastIndex.current, entries.length - 1)]?.patientId ?? null;
    });
  }, [entries]);

  const selectedIndex = entries.findIndex((e) => e.patientId === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) lastIndex.current = selectedIndex;
  }, [selectedIndex]);

  const pages = total === null ? 1 : Math.max(1, Math.ceil(total / PAGE_SIZE));
  const goToPage = (n: number) => {
    lastIndex.current = 0;
    setSelectedId(null);
    setPage(Math.max(0, Math.min(pages - 1, n)));
  };
  const changeFilter = useCallback((next: CallFilter) => {
    lastIndex.current = 0;
    setSelectedId(null);
    setNotice(null);
    setPage(0);
    setFilter(next);
  }, []);

  const select = (id: number) => {
    setFocusOutcomes(false);
    setNotice(null);
    setSelectedId(id);
  };

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = moveHighlight(e.key, index, entries.length);
    if (next === null) return;
    e.preventDefault();
    const entry = entries[next];
    if (!entry) return;
    select(entry.patientId);
    // After the render that moves the row's tab stop.
    setTimeout(() => bodyRef.current?.querySelector<HTMLElement>(`[data-row-index="${next}"] .row-select`)?.focus(), 0);
  };

  const onSaved = (entry: CallListEntry, text: string, after: CallListEntry | null) => {
    const index = entries.findIndex((x) => x.patientId === entry.patientId);
    const stays = after !== null && (!filter.dueToday || after.status !== 'scheduled');
    const rest = stays ? entries.map((x) => (x.patientId === entry.patientId ? after : x)) : entries.filter((x) => x.patientId !== entry.patientId);
    const next = stays ? rest[index + 1] : (rest[index] ?? rest[index - 1]);
    lastIndex.current = next ? rest.indexOf(next) : 0;
    setEntries(rest);
    setNotice({ text, forId: next?.patientId ?? null });
    setFocusOutcomes(true);
    setSelectedId(next?.patientId ?? null);
    reload();
  };

  const exportCsv = async () => {
    setExporting(true);
    const all = await call('calls.list', { limit: EXPORT_LIMIT, offset: 0, filter });
    setExporting(false);
    if (all.ok) downloadText(`richiami-${today}.csv`, callQueueCsv(all.value.entries));
  };

  return (
    <section className="page page-wide" data-testid="page-richiami">
      <PageHeading focusOnMount>Richiami</PageHeading>
      <p className="lead lead-short no-print">Prima chi ha consegnato la lettera, poi la lista ATS. Chi ha un appuntamento è nell&apos;agenda.</p>
      <CallQueueFilters filter={filter} onChange={changeFilter} />
      <div className="list-bar no-print">
        <p className="result-count" data-testid="calls-total" data-total={total ?? ''}>
          {total === null ? 'Lettura dell’elenco…' : totalText(total)}
        </p>
        <div className="list-actions">
          <button type="button" className="button" onClick={() => window.print()} disabled={entries.length === 0} data-testid="calls-print">
            Stampa l&apos;elenco
          </button>
          <button type="button" className="button" onClick={() => void exportCsv()} aria-disabled={exporting} disabled={entries.length === 0} data-testid="calls-export">
            {exporting ? 'Esportazione…' : 'Esporta CSV'}
          </button>
        </div>
      </div>
      {notice && notice.forId === null && (
        <p className="notice notice-ok" role="status" data-testid="call-saved">
          Registrato: {notice.text}
        </p>
      )}
      {queue.error && <ErrorMessage error={queue.error} onRetry={reload} />}
      {entries.length > 0 && (
        <div className="print-target">
          <p className="print-only print-title">
            Richiami del {formatItalianDate(today)}: {entries.length} di {total ?? entries.length}
          </p>
          <p className="search-hint no-print">Frecce ↑ ↓ per passare da un paziente all&apos;altro; l&apos;esito della telefonata si registra sotto la riga scelta.</p>
          <div className="table-scroll">
            <table className="table table-calls" data-testid="calls-table">
              <caption className="visually-hidden">Pazienti da richiamare</caption>
              <thead>
                <tr>
                  <th scope="col">Paziente</th>
                  <th scope="col">Livello</th>
                  <th scope="col">Provenienza</th>
                  <th scope="col">Telefoni</th>
                  <th scope="col">Stato e tentativi</th>
                </tr>
              </thead>
              <tbody ref={bodyRef}>
                {entries.map((e, index) => {
                  const selected = e.patientId === selectedId;
                  return (
                    <Fragment key={e.patientId}>
                      <tr
                        className={selected ? 'row row-active' : 'row'}
                        aria-selected={selected}
                        data-testid="call-row"
                        data-patient-id={e.patientId}
                        data-cf={e.codiceFiscale}
                        data-status={e.status}
                        data-row-index={index}
                        onClick={() => select(e.patientId)}
                      >
                        <td>
                          <button
                            type="button"
                            className="row-select"
                            tabIndex={selected || (selectedIndex < 0 && index === 0) ? 0 : -1}
                            onKeyDown={(ev) => onRowKey(ev, index)}
                            onClick={() => select(e.patientId)}
                            aria-pressed={selected}
                          >
                            {e.surname} {e.givenName}
                          </button>
                          <div className="note">
                            <span className="mono">{e.codiceFiscale}</span> · {formatAge(e.birthDate, today)}
                          </div>
                        </td>
                        <td>
                          <LevelBadge level={e.chronicLevel} />
                        </td>
                        <td>{callSourceText(e)}</td>
                        <td>
                          <div className="phones">
                            {e.phone && (
                              <a href={telHref(e.phone)} data-testid="call-phone">
                                {e.phone}
                              </a>
                            )}
                            {e.mobile && (
                              <a href={telHref(e.mobile)} data-testid="call-mobile">
                                {e.mobile}
                              </a>
                            )}
                            {!e.phone && !e.mobile && <span className="muted">nessun numero</span>}
                            {e.preferredCallTime && <span className="note">{e.preferredCallTime}</span>}
                          </div>
                        </td>
                        <td>
                          <span className={`call-status call-status-${e.status}`} data-testid="call-status">
                            {callStatusText(e)}
                          </span>
                          <div className="note" data-testid="call-attempts">
                            {attemptsText(e.attempts)}
                            {e.lastAttempt && `: ${lastAttemptText(e.lastAttempt)}`}
                          </div>
                          {e.lastAttempt?.note && <div className="note">Nota: {e.lastAttempt.note}</div>}
                        </td>
                      </tr>
                      {selected && (
                        <tr className="call-form-row no-print">
                          <td colSpan={COLUMNS}>
                            <CallOutcomeForm
                              key={e.patientId}
                              entry={e}
                              notice={notice?.forId === e.patientId ? notice.text : null}
                              focusOutcomes={focusOutcomes}
                              onSaved={(text, after) => onSaved(e, text, after)}
                              onContactsChanged={reload}
                            />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <div className="pager no-print" role="group" aria-label="Pagine dell'elenco">
              <button type="button" className="button" onClick={() => goToPage(page - 1)} disabled={page === 0} data-testid="calls-prev">
                ← Precedenti
              </button>
              <span data-testid="calls-page">
                Pagina {page + 1} di {pages}
              </span>
              <button type="button" className="button" onClick={() => goToPage(page + 1)} disabled={page >= pages - 1} data-testid="calls-next">
                Successivi →
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
