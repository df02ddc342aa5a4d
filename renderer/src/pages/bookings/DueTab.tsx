import { useEffect, useRef, useState } from 'react';
import type { DueItem } from '../../../../shared/contract/pai';
import { PRIORITY_LABEL, PriorityClass } from '../../../../shared/domain/booking/model';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useCall, useEvent } from '../../api';
import { DUE_STATE_LABEL, dueWhenText, readRequestForm, type RequestFields } from '../../bookings';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField, TextField, useFieldError } from '../../components/Field';
import { paiHref } from '../../router';
import { useToday } from '../../today';
import { useMutation } from '../../useMutation';

const WITHIN = [7, 30, 60, 90] as const;

/** The studio's due occurrences (schedule.due), "Prenota" on each: the request, then the appointment in Prenotazioni. */
export function DueTab({ onRequested }: { onRequested: (bookingId: number) => void }) {
  const [withinDays, setWithinDays] = useState(30);
  const [requesting, setRequesting] = useState<number | null>(null);
  const due = useCall('schedule.due', { withinDays });
  const reload = due.reload;
  useEvent('bookings.changed', reload);
  useEvent('pai.changed', reload);
  const items = due.value?.items ?? [];
  return (
    <Card title="Prestazioni da prenotare" testId="due-list">
      <div className="field field-inline">
        <label htmlFor="due-within">Finestre che si aprono entro</label>
        <select id="due-within" className="select select-auto" value={withinDays} onChange={(e) => setWithinDays(Number(e.target.value))} data-testid="due-within">
          {WITHIN.map((d) => (
            <option key={d} value={d}>
              {d} giorni
            </option>
          ))}
        </select>
      </div>
      {due.error && <ErrorMessage error={due.error} onRetry={reload} />}
      {due.value && items.length === 0 && <p className="hint" data-testid="due-empty">Nessuna prestazione da prenotare in questo periodo.</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Paziente</th>
                <th scope="col">Prestazione</th>
                <th scope="col">Data prevista</th>
                <th scope="col">Stato</th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <DueRow key={item.id} item={item} requesting={requesting === item.id} onRequest={() => setRequesting(item.id)} onClose={() => setRequesting(null)} onRequested={onRequested} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function DueRow({ item, requesting, onRequest, onClose, onRequested }: { item: DueItem; requesting: boolean; onRequest: () => void; onClose: () => void; onRequested: (id: number) => void }) {
  return (
    <>
      <tr data-testid="due-row" data-code={item.code} data-state={item.state} data-patient-id={item.patientId}>
        <td>
          <a href={paiHref(item.patientId)} className="strong">
            {item.surname} {item.givenName}
          </a>
          <div className="mono muted">{item.codiceFiscale}</div>
        </td>
        <td>
          <span className="mono">{item.code}</span> {item.description}
        </td>
        <td>
          <div className="nowrap">{formatItalianDate(item.date)}</div>
          <div className="muted">{dueWhenText(item)}</div>
        </td>
        <td>
          <span className={`tag ${item.state === 'overdue' ? 'tag-expired' : item.state === 'open' ? 'tag-todo' : 'tag-ok'}`}>{DUE_STATE_LABEL[item.state]}</span>
        </td>
        <td>
          {!requesting && (
            <button type="button" className="button button-small" onClick={onRequest} aria-label={`Prenota ${item.code} per ${item.surname} ${item.givenName}`} data-testid="due-book">
              Prenota
            </button>
          )}
        </td>
      </tr>
      {requesting && (
        <tr>
          <td colSpan={5}>
            <RequestForm item={item} onCancel={onClose} onRequested={onRequested} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The request from a due occurrence: priority, prescription number and date are all optional. */
function RequestForm({ item, onCancel, onRequested }: { item: DueItem; onCancel: () => void; onRequested: (id: number) => void }) {
  const today = useToday();
  const [fields, setFields] = useState<RequestFields>({ priority: '', prescriptionNumber: '', prescribedOn: '' });
  const request = useMutation('bookings.request');
  const errors = useFieldError<keyof RequestFields>('request');
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (changes: Partial<RequestFields>) => setFields((f) => ({ ...f, ...changes }));
  const submit = async () => {
    const read = readRequestForm(fields, today);
    if (!read.ok) return errors.setFieldError({ field: read.field, message: read.message });
    errors.setFieldError(null);
    const booking = await request.run({ occurrenceId: item.id, ...read.value });
    if (booking) onRequested(booking.id);
  };
  return (
    <form
      className="form-grid"
      data-testid="request-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="field">
        <label htmlFor="request-priority">Classe di priorità</label>
        <select ref={first} id="request-priority" className="select" value={fields.priority} onChange={(e) => set({ priority: e.target.value === '' ? '' : PriorityClass.parse(e.target.value) })} data-testid="request-priority">
          <option value="">Nessuna (controllo programmato dal PAI)</option>
          {PriorityClass.options.map((p) => (
            <option key={p} value={p}>
              {p} — {PRIORITY_LABEL[p]}
            </option>
          ))}
        </select>
      </div>
      <TextField id="request-number" label="Numero di ricetta" value={fields.prescriptionNumber} onChange={(v) => set({ prescriptionNumber: v })} aria-invalid={errors.invalid('prescriptionNumber') || undefined} aria-describedby={errors.describedBy('prescriptionNumber')}>
        {errors.message('prescriptionNumber')}
      </TextField>
      <DateField id="request-prescribed" label="Data della ricetta" value={fields.prescribedOn} onChange={(v) => set({ prescribedOn: v })} aria-invalid={errors.invalid('prescribedOn') || undefined} aria-describedby={errors.describedBy('prescribedOn')}>
        {errors.message('prescribedOn')}
      </DateField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={request.busy} data-testid="request-submit">
          {request.busy ? 'Registrazione…' : 'Registra la richiesta'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Annulla
        </button>
      </div>
      {request.error && <ErrorMessage error={request.error} reveal />}
    </form>
  );
}
