import { Fragment, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiErrorBody } from '../../../shared/api';
import type { CallListEntry } from '../../../shared/contract/calls';
import { CALL_OUTCOME_LABEL, CallOutcome } from '../../../shared/domain/callOutcome';
import { useApi, useCall, useEvent } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldError, TextField, useFieldError } from '../components/Field';
import { LevelBadge } from '../components/LevelBadge';
import { PageHeading } from '../components/PageHeading';
import { attemptsText, callSourceText, checkCallOutcome, lastAttemptText, OUTCOME_DATE_LABEL, telHref } from '../enrollment';
import { formatAge, formatCount} from '../format';
import { useToday } from '../today';
import { enrollHref, patientHref } from '../router';
import { moveHighlight } from '../searchInput';

const PAGE_SIZE = 100;
const COLUMNS = 8;

/** "1.234 pazienti da richiamare". */
function totalText(total: number): string {
  if (total === 0) return 'Nessun paziente da richiamare';
  return total === 1 ? '1 paziente da richiamare' : `${formatCount(total)} pazienti da richiamare`;
}

/**
 * Richiami: the patients to call back (who left the letter, then who is on the ATS list and never
 * came), in the core's order (level, then letter type). The outcome of each call is recorded on
 * the selected row; a refusal takes the patient off the list.
 */
export function CallsPage() {
  const [page, setPage] = useState(0);
  const list = useCall('calls.list', { limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const { reload } = list;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [savedText, setSavedText] = useState<string | null>(null);
  // The last entries shown, so that a reload does not blank the table.
  const [entries, setEntries] = useState<CallListEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const lastIndex = useRef(0);
  const today = useToday();

  useEvent('enrollments.changed', reload);
  useEvent('patients.changed', reload);

  useEffect(() => {
    if (!list.value) return;
    const next = list.value.entries;
    setEntries(next);
    setTotal(list.value.total);
    setSelectedId((id) => {
      if (id !== null && next.some((e) => e.patientId === id)) return id;
      // The selected patient left the list (or a new page): the row now in its place.
      return next[Math.min(lastIndex.current, next.length - 1)]?.patientId ?? null;
    });
  }, [list.value]);

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

  const focusRow = (index: number) => {
    const row = bodyRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"] .row-select`);
    row?.focus();
  };

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = moveHighlight(e.key, index, entries.length);
    if (next === null) return;
    e.preventDefault();
    const entry = entries[next];
    if (entry) {
      setSelectedId(entry.patientId);
      // After the render that moves the row's tab stop.
      setTimeout(() => focusRow(next), 0);
    }
  };

  const onSaved = (entry: CallListEntry, outcome: CallOutcome, remaining: CallListEntry | null) => {
    setSavedText(`${entry.surname} ${entry.givenName}: ${CALL_OUTCOME_LABEL[outcome]}${remaining ? '' : ' (tolto dall’elenco)'}`);
    const index = entries.findIndex((x) => x.patientId === entry.patientId);
    if (remaining) {
      setEntries((list) => list.map((x) => (x.patientId === entry.patientId ? remaining : x)));
      // On to the next patient to call.
      const next = entries[index + 1];
      if (next) {
        setSelectedId(next.patientId);
        lastIndex.current = index + 1;
      }
    } else {
      setEntries((list) => list.filter((x) => x.patientId !== entry.patientId));
      lastIndex.current = index;
      const next = entries[index + 1] ?? entries[index - 1];
      setSelectedId(next?.patientId ?? null);
    }
    reload();
  };

  return (
    <section className="page page-wide" data-testid="page-richiami">
      <PageHeading focusOnMount>Richiami</PageHeading>
      <p className="lead">
        Pazienti da chiamare per fissare l&apos;appuntamento di arruolamento: prima chi ha consegnato la lettera, per livello e tipo di lettera,
        poi chi è nella lista ATS e non si è ancora presentato.
      </p>
      <div className="list-bar">
        <p className="result-count" data-testid="calls-total" data-total={total ?? ''}>
          {total === null ? 'Lettura dell’elenco…' : totalText(total)}
        </p>
        {pages > 1 && (
          <div className="pager" role="group" aria-label="Pagine dell'elenco">
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
      {savedText && (
        <p className="notice notice-ok" role="status" data-testid="call-saved">
          Registrato: {savedText}
        </p>
      )}
      {list.error && <ErrorMessage error={list.error} onRetry={reload} />}
      {entries.length > 0 && (
        <>
          <p className="search-hint">Frecce ↑ ↓ per passare da un paziente all&apos;altro; l&apos;esito della telefonata si registra sotto la riga scelta.</p>
          <div className="table-scroll">
            <table className="table table-calls" data-testid="calls-table">
              <caption className="visually-hidden">Pazienti da richiamare</caption>
              <thead>
                <tr>
                  <th scope="col">Paziente</th>
                  <th scope="col">Codice fiscale</th>
                  <th scope="col" className="num">
                    Età
                  </th>
                  <th scope="col">Livello</th>
                  <th scope="col">Provenienza</th>
                  <th scope="col">Telefoni</th>
                  <th scope="col">Orario preferito</th>
                  <th scope="col">Tentativi</th>
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
                        data-row-index={index}
                        onClick={() => setSelectedId(e.patientId)}
                      >
                        <td className="strong">
                          <button
                            type="button"
                            className="row-select"
                            tabIndex={selected || (selectedIndex < 0 && index === 0) ? 0 : -1}
                            onKeyDown={(ev) => onRowKey(ev, index)}
                            onClick={() => setSelectedId(e.patientId)}
                            aria-pressed={selected}
                          >
                            {e.surname} {e.givenName}
                          </button>
                        </td>
                        <td className="mono">{e.codiceFiscale}</td>
                        <td className="num">{formatAge(e.birthDate, today)}</td>
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
                          </div>
                        </td>
                        <td>{e.preferredCallTime ?? <span className="muted">—</span>}</td>
                        <td>
                          <span data-testid="call-attempts">{attemptsText(e.attempts)}</span>
                          {e.lastAttempt && <div className="note">{lastAttemptText(e.lastAttempt)}</div>}
                          {e.lastAttempt?.note && <div className="note">Nota: {e.lastAttempt.note}</div>}
                        </td>
                      </tr>
                      {selected && (
                        <tr className="call-form-row">
                          <td colSpan={COLUMNS}>
                            <CallOutcomeForm key={e.patientId} entry={e} onSaved={onSaved} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

const OUTCOMES = CallOutcome.options;

function CallOutcomeForm({ entry, onSaved }: { entry: CallListEntry; onSaved: (entry: CallListEntry, outcome: CallOutcome, remaining: CallListEntry | null) => void }) {
  const call = useApi();
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [dateText, setDateText] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const fields = useFieldError<'outcome' | 'date' | 'note'>('call');
  const { fieldError, setFieldError } = fields;
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const today = useToday();
  const dateLabel = outcome ? OUTCOME_DATE_LABEL[outcome] : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const check = checkCallOutcome({ outcome, dateText, note }, today);
    if (!check.ok) {
      setFieldError({ field: check.field, message: check.message });
      setError(null);
      const target = check.field === 'outcome' ? '[data-testid="call-outcome-appointment"]' : check.field === 'date' ? '[data-testid="call-date"]' : '[data-testid="call-note"]';
      formRef.current?.querySelector<HTMLElement>(target)?.focus();
      return;
    }
    setFieldError(null);
    setError(null);
    setBusy(true);
    const result = await call('calls.record', { patientId: entry.patientId, ...check.input });
    setBusy(false);
    if (result.ok) onSaved(entry, check.input.outcome, result.value.entry);
    else setError(result.error);
  };

  const choose = (o: CallOutcome) => {
    setOutcome(o);
    setFieldError(null);
    // Straight to the field the outcome needs.
    setTimeout(() => {
      const target = OUTCOME_DATE_LABEL[o] ? 'call-date' : o === 'refused' ? 'call-note' : 'call-save';
      formRef.current?.querySelector<HTMLElement>(`[data-testid="${target}"]`)?.focus();
    }, 0);
  };

  return (
    <form ref={formRef} className="call-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Esito della telefonata a ${entry.surname} ${entry.givenName}`} data-testid="call-form">
      <div className="call-outcomes" role="group" aria-label="Esito della telefonata">
        <span className="call-form-label">
          Esito della telefonata a {entry.surname} {entry.givenName}:
        </span>
        {OUTCOMES.map((o) => (
          <button
            key={o}
            type="button"
            className={outcome === o ? 'button button-toggle button-toggle-on' : 'button button-toggle'}
            aria-pressed={outcome === o}
            onClick={() => choose(o)}
            data-testid={`call-outcome-${o}`}
          >
            {CALL_OUTCOME_LABEL[o]}
          </button>
        ))}
      </div>
      {fieldError?.field === 'outcome' && <FieldError testId="call-field-error">{fieldError.message}</FieldError>}
      <div className="call-fields">
        <TextField
          id="call-date"
          label={dateLabel ?? 'Data (appuntamento o richiamo)'}
          className="input input-date"
          inputMode="numeric"
          placeholder="gg/mm/aaaa"
          value={dateText}
          onChange={setDateText}
          aria-invalid={fields.invalid('date')}
          aria-required={dateLabel !== undefined}
          aria-describedby={fields.describedBy('date')}
        >
          {fields.message('date')}
        </TextField>
        <TextField
          id="call-note"
          label={outcome === 'refused' ? 'Motivo del rifiuto' : 'Nota'}
          fieldClassName="field field-grow"
          maxLength={500}
          value={note}
          onChange={setNote}
          aria-invalid={fields.invalid('note')}
          aria-required={outcome === 'refused'}
          aria-describedby={fields.describedBy('note')}
        >
          {fields.message('note')}
        </TextField>
        <button type="submit" className="button button-primary" aria-disabled={busy} data-testid="call-save">
          {busy ? 'Registrazione…' : 'Registra'}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      <p className="call-links">
        <a href={enrollHref(entry.patientId)} data-testid="call-enroll-link">
          Arruolamento
        </a>
        <a href={patientHref(entry.patientId)}>Scheda paziente</a>
      </p>
    </form>
  );
}
