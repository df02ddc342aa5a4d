import { useState } from 'react';
import type { BookingView } from '../../../../shared/contract/bookings';
import { ReminderOutcome, REMINDER_OUTCOME_LABEL } from '../../../../shared/domain/booking/reminders';
import { addDays, formatItalianDate } from '../../../../shared/domain/dates';
import { useCall, useEvent } from '../../api';
import { appointmentText } from '../../bookings';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField } from '../../components/Field';
import { parseDateInput } from '../../dateInput';
import { downloadText } from '../../download';
import { useToday } from '../../today';
import { useMutation } from '../../useMutation';

/** Promemoria: the calls 2-3 days ahead with their outcome, those past with none, the SMS/e-mail CSV, the no-shows. */
export function RemindersTab({ onOpen }: { onOpen: (bookingId: number) => void }) {
  const reminders = useCall('reminders.list', {});
  const reload = reminders.reload;
  useEvent('bookings.changed', reload);
  const r = reminders.value;
  return (
    <>
      <Card title="Da confermare al telefono (2-3 giorni prima)" testId="reminders-to-confirm">
        {reminders.error && <ErrorMessage error={reminders.error} onRetry={reload} />}
        {r && r.toConfirm.length === 0 && <p className="hint">Nessun appuntamento da confermare.</p>}
        {r && r.toConfirm.length > 0 && <ReminderTable bookings={r.toConfirm} onOpen={onOpen} withOutcomes />}
      </Card>
      <Card title="Appuntamenti passati senza esito" testId="reminders-outcome-missing">
        {r && r.outcomeMissing.length === 0 && <p className="hint">Nessuno.</p>}
        {r && r.outcomeMissing.length > 0 && <ReminderTable bookings={r.outcomeMissing} onOpen={onOpen} withOutcomes={false} />}
      </Card>
      <ExportCard />
      <NoShowsCard />
    </>
  );
}

function ReminderTable({ bookings, onOpen, withOutcomes }: { bookings: BookingView[]; onOpen: (id: number) => void; withOutcomes: boolean }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Paziente</th>
            <th scope="col">Prestazione</th>
            <th scope="col">Appuntamento</th>
            <th scope="col">{withOutcomes ? 'Esito della telefonata' : 'Da registrare'}</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-testid="reminder-row" data-booking-id={b.id}>
              <td className="strong">
                {b.surname} {b.givenName}
              </td>
              <td>
                <span className="mono">{b.code}</span> {b.description}
              </td>
              <td>{appointmentText(b)}</td>
              <td>
                {withOutcomes ? (
                  <OutcomeButtons booking={b} />
                ) : (
                  <button type="button" className="button button-small" onClick={() => onOpen(b.id)} data-testid="reminder-open">
                    Eseguita o non presentato…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OutcomeButtons({ booking }: { booking: BookingView }) {
  const record = useMutation('reminders.record');
  const last = booking.calls[booking.calls.length - 1];
  return (
    <div className="call-outcomes">
      {ReminderOutcome.options.map((o) => (
        <button key={o} type="button" className="button button-small" onClick={() => void record.run({ bookingId: booking.id, outcome: o, note: null })} aria-disabled={record.busy} data-testid={`reminder-outcome-${o}`}>
          {REMINDER_OUTCOME_LABEL[o]}
        </button>
      ))}
      {last && <span className="muted">Ultima: {REMINDER_OUTCOME_LABEL[last.outcome]}</span>}
      {record.error && <ErrorMessage error={record.error} />}
    </div>
  );
}

/** The period's reminders as the sender's CSV; who was left out and why. */
function ExportCard() {
  const today = useToday();
  const [from, setFrom] = useState(formatItalianDate(addDays(today, 1)));
  const [to, setTo] = useState(formatItalianDate(addDays(today, 3)));
  const [problem, setProblem] = useState<string | null>(null);
  const exporter = useMutation('reminders.export');
  const [leftOut, setLeftOut] = useState<{ bookingId: number; message: string }[] | null>(null);
  const run = async (channel: 'sms' | 'email') => {
    const f = parseDateInput(from, { today, twoDigitYear: 'recent' });
    const t = parseDateInput(to, { today, twoDigitYear: 'recent' });
    if (!f.ok || !t.ok) return setProblem((!f.ok ? f : t.ok ? null : t)?.message ?? null);
    setProblem(null);
    const out = await exporter.run({ channel, from: f.iso, to: t.iso });
    if (!out) return;
    setLeftOut(out.leftOut);
    if (out.messages.length > 0) downloadText(`promemoria-${channel}-${f.iso}-${t.iso}.csv`, out.csv);
  };
  return (
    <Card title="Promemoria per SMS o e-mail" testId="reminders-export">
      <div className="field field-inline">
        <DateField id="export-from" label="Appuntamenti dal" value={from} onChange={setFrom} />
        <DateField id="export-to" label="al" value={to} onChange={setTo} />
        <button type="button" className="button" onClick={() => void run('sms')} aria-disabled={exporter.busy} data-testid="export-sms">
          Esporta SMS (CSV)
        </button>
        <button type="button" className="button" onClick={() => void run('email')} aria-disabled={exporter.busy} data-testid="export-email">
          Esporta e-mail (CSV)
        </button>
      </div>
      {problem && <p className="field-error">{problem}</p>}
      {exporter.error && <ErrorMessage error={exporter.error} />}
      {leftOut && leftOut.length === 0 && <p className="hint" data-testid="export-all">Nessun paziente escluso.</p>}
      {leftOut && leftOut.length > 0 && (
        <div className="notice notice-warn" data-testid="export-left-out">
          <p className="notice-title">Esclusi dai promemoria</p>
          <ul className="plain-list">
            {leftOut.map((l) => (
              <li key={l.bookingId}>{l.message}</li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function NoShowsCard() {
  const today = useToday();
  const [days, setDays] = useState(90);
  const noShows = useCall('reminders.noShows', { from: addDays(today, -days), to: today });
  return (
    <Card title="Non presentati" testId="reminders-no-shows">
      <div className="field field-inline">
        <label htmlFor="no-show-days">Negli ultimi</label>
        <select id="no-show-days" className="select select-auto" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[30, 90, 180, 365].map((d) => (
            <option key={d} value={d}>
              {d} giorni
            </option>
          ))}
        </select>
      </div>
      {noShows.error && <ErrorMessage error={noShows.error} onRetry={noShows.reload} />}
      {noShows.value && noShows.value.patients.length === 0 && <p className="hint">Nessun paziente non presentato.</p>}
      {noShows.value && noShows.value.patients.length > 0 && (
        <ul className="plain-list">
          {noShows.value.patients.map((p) => (
            <li key={p.patientId} data-testid="no-show-row">
              <span className="strong">
                {p.surname} {p.givenName}
              </span>
              : {p.bookings.map((b) => `${b.code} del ${b.dates.bookedFor ? formatItalianDate(b.dates.bookedFor) : '—'}`).join(', ')}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
