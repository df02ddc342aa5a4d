import { useEffect, useRef, useState } from 'react';
import type { BookingView } from '../../../../shared/contract/bookings';
import type { PlanDocument } from '../../../../shared/contract/pai';
import { BOOKING_STATUS_LABEL, PRIORITY_LABEL } from '../../../../shared/domain/booking/model';
import { REMINDER_OUTCOME_LABEL } from '../../../../shared/domain/booking/reminders';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useCall, useEvent } from '../../api';
import { appointmentText, BOOKING_DATE_LABEL, CANCELLATION_NOTICE_TEXT } from '../../bookings';
import { Fact } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PdfPreview } from '../../components/PdfPreview';
import { formatTimestamp } from '../../dateInput';
import { useMutation } from '../../useMutation';
import { MoveForms } from './MoveForms';

/** One booking: the seven CUP dates, its window and flag, the calls, the moves it allows, the sheet. */
export function BookingDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const booking = useCall('bookings.get', { id });
  const reload = booking.reload;
  useEvent('bookings.changed', reload);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const b = booking.value;
  return (
    <section className="card booking-detail" data-testid="booking-detail" data-status={b?.status ?? ''} aria-labelledby="booking-detail-title">
      <div className="card-head">
        <h2 className="card-title" id="booking-detail-title" ref={heading} tabIndex={-1}>
          {b ? `${b.code} ${b.description} — ${b.surname} ${b.givenName}` : 'Prenotazione'}
        </h2>
        <button type="button" className="button" onClick={onClose} data-testid="booking-close">
          Chiudi
        </button>
      </div>
      {booking.error && <ErrorMessage error={booking.error} onRetry={reload} />}
      {b && <BookingFacts b={b} />}
      {b && <MoveForms booking={b} onMoved={reload} />}
      {b?.status !== 'requested' && b && <BookingSheet id={b.id} />}
    </section>
  );
}

function BookingFacts({ b }: { b: BookingView }) {
  const appointment = appointmentText(b);
  return (
    <>
      <dl className="facts">
        <Fact label="Stato">
          <span className="strong" data-testid="booking-status">
            {BOOKING_STATUS_LABEL[b.status]}
          </span>
        </Fact>
        <Fact label="Appuntamento">{appointment ?? <span className="muted">da fissare</span>}</Fact>
        <Fact label="Priorità">{b.priority ? `${b.priority} — ${PRIORITY_LABEL[b.priority]}` : 'Controllo programmato dal PAI'}</Fact>
        <Fact label="Ricetta">{b.prescriptionNumber ?? <span className="muted">non indicata</span>}</Fact>
        {b.window && (
          <Fact label="Finestra">
            {formatItalianDate(b.window.start)} – {formatItalianDate(b.window.end)} ({b.window.basis === 'priority' ? 'per la classe di priorità' : 'per la cadenza del PAI'})
          </Fact>
        )}
      </dl>
      {b.windowFlag && (
        <p className="notice notice-warn" data-testid="booking-window-flag">
          {b.windowFlag.message}
        </p>
      )}
      {b.cancellation && (
        <p className={b.cancellation.notice === 'late' ? 'notice notice-warn' : 'notice notice-info'} data-testid="booking-cancellation" data-notice={b.cancellation.notice}>
          {CANCELLATION_NOTICE_TEXT[b.cancellation.notice]}
          {b.cancellation.reason && ` Motivo: ${b.cancellation.reason}`}
        </p>
      )}
      <h3 className="card-subtitle">Le sette date</h3>
      <table className="table booking-dates" data-testid="booking-dates">
        <tbody>
          {BOOKING_DATE_LABEL.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td data-testid={`booking-date-${key}`}>{b.dates[key] ? formatItalianDate(b.dates[key]) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {b.calls.length > 0 && (
        <>
          <h3 className="card-subtitle">Telefonate di conferma</h3>
          <ul className="plain-list">
            {b.calls.map((c) => (
              <li key={c.at}>
                {formatTimestamp(c.at)}: {REMINDER_OUTCOME_LABEL[c.outcome]}
                {c.note && ` — ${c.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** "Foglio prenotazione": the sheet for the patient (bookings.sheet) to print or download. */
function BookingSheet({ id }: { id: number }) {
  const sheet = useMutation('bookings.sheet');
  const [doc, setDoc] = useState<PlanDocument | null>(null);
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={() => void sheet.run({ id }).then((d) => d && setDoc(d))} aria-disabled={sheet.busy} data-testid="booking-sheet">
        {sheet.busy ? 'Preparazione…' : 'Foglio prenotazione'}
      </button>
      {sheet.error && <ErrorMessage error={sheet.error} reveal />}
      {doc && <PdfPreview doc={doc} title="Foglio prenotazione" testId="booking-sheet-document" onClose={() => setDoc(null)} />}
    </div>
  );
}
