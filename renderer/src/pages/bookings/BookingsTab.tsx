import { useState } from 'react';
import { BOOKING_STATUS_LABEL, BookingStatus } from '../../../../shared/domain/booking/model';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useCall, useEvent } from '../../api';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { BookingDetail } from './BookingDetail';

/** The bookings, filtered by state, and the one opened with its dates and moves. */
export function BookingsTab({ opened, onOpen }: { opened: number | null; onOpen: (id: number | null) => void }) {
  const [states, setStates] = useState<BookingStatus[]>(['requested', 'booked', 'confirmed', 'performed']);
  const list = useCall('bookings.list', { states });
  const reload = list.reload;
  useEvent('bookings.changed', reload);
  const toggle = (s: BookingStatus) => setStates((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : BookingStatus.options.filter((x) => x === s || cur.includes(x))));
  const bookings = list.value?.bookings ?? [];
  return (
    <>
      {opened !== null && <BookingDetail key={opened} id={opened} onClose={() => onOpen(null)} />}
      <Card title="Prenotazioni" testId="bookings-list">
        <fieldset className="filters">
          <legend className="visually-hidden">Stati da mostrare</legend>
          {BookingStatus.options.map((s) => (
            <label key={s} className="checkbox-inline">
              <input type="checkbox" checked={states.includes(s)} onChange={() => toggle(s)} data-testid={`bookings-filter-${s}`} /> {BOOKING_STATUS_LABEL[s]}
            </label>
          ))}
        </fieldset>
        {list.error && <ErrorMessage error={list.error} onRetry={reload} />}
        {list.value && bookings.length === 0 && <p className="hint">Nessuna prenotazione in questi stati.</p>}
        {bookings.length > 0 && (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Paziente</th>
                  <th scope="col">Prestazione</th>
                  <th scope="col">Stato</th>
                  <th scope="col">Appuntamento</th>
                  <th scope="col">Finestra</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {bookings.map((b) => (
                  <tr key={b.id} data-testid="booking-row" data-status={b.status} data-code={b.code} className={b.id === opened ? 'row-active' : undefined}>
                    <td className="strong">
                      {b.surname} {b.givenName}
                    </td>
                    <td>
                      <span className="mono">{b.code}</span> {b.description}
                    </td>
                    <td>{BOOKING_STATUS_LABEL[b.status]}</td>
                    <td className="nowrap">{b.dates.bookedFor ? `${formatItalianDate(b.dates.bookedFor)} ${b.slot?.time ?? ''}` : <span className="muted">da fissare</span>}</td>
                    <td>
                      {b.window && `${formatItalianDate(b.window.start)} – ${formatItalianDate(b.window.end)}`}
                      {b.windowFlag && <div className="field-error">{b.windowFlag.message}</div>}
                    </td>
                    <td>
                      <button type="button" className="button button-small" onClick={() => onOpen(b.id)} aria-label={`Apri la prenotazione di ${b.code} per ${b.surname} ${b.givenName}`} data-testid="booking-open">
                        Apri
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
