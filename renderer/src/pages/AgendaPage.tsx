import { useState } from 'react';
import { addDays, formatItalianDate } from '../../../shared/domain/dates';
import { AgendaDay } from '../components/AgendaDay';
import { PageHeading } from '../components/PageHeading';
import { parseDateInput } from '../dateInput';
import { formatDayLong } from '../format';
import { useToday } from '../today';

/** Agenda: the enrollment appointments fixed on the phone, one day at a time. */
export function AgendaPage() {
  const today = useToday();
  const [date, setDate] = useState(today);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);

  const go = (day: string) => {
    setDate(day);
    setTyped('');
    setTypedError(null);
  };
  const goTyped = () => {
    const parsed = parseDateInput(typed, { today, twoDigitYear: 'recent' });
    if (parsed.ok) go(parsed.iso);
    else setTypedError(parsed.message);
  };

  return (
    <section className="page page-wide" data-testid="page-agenda">
      <PageHeading focusOnMount>Agenda degli arruolamenti</PageHeading>
      <div className="agenda-bar no-print" role="group" aria-label="Giorno">
        <button type="button" className="button" onClick={() => go(addDays(date, -1))} data-testid="agenda-prev">
          ← Giorno prima
        </button>
        <button type="button" className="button" onClick={() => go(today)} disabled={date === today} data-testid="agenda-today">
          Oggi
        </button>
        <button type="button" className="button" onClick={() => go(addDays(date, 1))} data-testid="agenda-next">
          Giorno dopo →
        </button>
        <form
          className="agenda-goto"
          onSubmit={(e) => {
            e.preventDefault();
            goTyped();
          }}
        >
          <label htmlFor="agenda-date">Vai al</label>
          <input
            id="agenda-date"
            className="input input-date"
            inputMode="numeric"
            placeholder="gg/mm/aaaa"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={typedError !== null}
            aria-describedby={typedError ? 'agenda-date-error' : undefined}
            data-testid="agenda-date"
          />
          <button type="submit" className="button">
            Vai
          </button>
          {typedError && (
            <span className="field-error" id="agenda-date-error">
              {typedError}
            </span>
          )}
        </form>
        <button type="button" className="button" onClick={() => window.print()} data-testid="agenda-print">
          Stampa
        </button>
      </div>
      <div className="print-target">
        <h2 className="agenda-day" data-testid="agenda-day" data-date={date}>
          {formatDayLong(date)}
          {date === today && <span className="muted"> (oggi)</span>}
        </h2>
        <AgendaDay date={date} emptyText={`Nessun appuntamento di arruolamento il ${formatItalianDate(date)}.`} />
      </div>
    </section>
  );
}
