import { useState } from 'react';
import type { BookingMove, BookingView } from '../../../../shared/contract/bookings';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useCall } from '../../api';
import { MOVE_LABEL, movesFor, readBookForm, type BookFields, type MoveKind } from '../../bookings';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField, TextField, useFieldError } from '../../components/Field';
import { parseDateInput } from '../../dateInput';
import { useToday } from '../../today';
import { useMutation } from '../../useMutation';

/** The moves the booking's state allows: one button each; those that need more open their form. */
export function MoveForms({ booking, onMoved }: { booking: BookingView; onMoved: () => void }) {
  const [open, setOpen] = useState<MoveKind | null>(booking.status === 'requested' ? 'book' : null);
  const move = useMutation('bookings.move');
  const moves = movesFor(booking.status);
  const run = async (m: BookingMove) => {
    if (await move.run({ id: booking.id, move: m })) {
      setOpen(null);
      onMoved();
    }
  };
  if (moves.length === 0) return null;
  const immediate = (m: MoveKind) => m === 'confirm' || m === 'no-show';
  return (
    <div className="booking-moves" data-testid="booking-moves">
      <div className="form-actions">
        {moves.map((m) => (
          <button
            key={m}
            type="button"
            className={open === m ? 'button button-toggle button-toggle-on' : m === 'cancel' ? 'button button-danger' : 'button'}
            aria-expanded={immediate(m) ? undefined : open === m}
            onClick={() => (immediate(m) ? void run({ type: m }) : setOpen(open === m ? null : m))}
            aria-disabled={move.busy}
            data-testid={`booking-move-${m}`}
          >
            {MOVE_LABEL[m]}
          </button>
        ))}
      </div>
      {open === 'book' && <BookForm busy={move.busy} onSubmit={(m) => void run(m)} />}
      {(open === 'perform' || open === 'deliver-report') && <DayForm kind={open} busy={move.busy} onSubmit={(on) => void run({ type: open, on })} />}
      {open === 'cancel' && <CancelForm busy={move.busy} onSubmit={(reason) => void run({ type: 'cancel', reason })} />}
      {move.error && <ErrorMessage error={move.error} reveal />}
    </div>
  );
}

function BookForm({ busy, onSubmit }: { busy: boolean; onSubmit: (m: BookingMove) => void }) {
  const today = useToday();
  const providers = useCall('providers.list', {});
  const [f, setF] = useState<BookFields>({ date: '', time: '', place: '', providerCode: '', firstRegionalOffer: '', firstDistrictOffer: '' });
  const errors = useFieldError<keyof BookFields>('book');
  const set = (changes: Partial<BookFields>) => setF((x) => ({ ...x, ...changes }));
  const list = (providers.value?.providers ?? []).filter((p) => p.inNetwork);
  const chooseProvider = (code: string) => {
    const p = list.find((x) => x.code === code);
    // The provider's address is where the appointment usually is: typed for the user, who may change it.
    set({ providerCode: code, place: f.place.trim() === '' && p?.address ? p.address : f.place });
  };
  const submit = () => {
    const read = readBookForm(f, today);
    if (!read.ok) return errors.setFieldError({ field: read.field, message: read.message });
    errors.setFieldError(null);
    onSubmit(read.value);
  };
  const aria = (field: keyof BookFields) => ({ 'aria-invalid': errors.invalid(field) || undefined, 'aria-describedby': errors.describedBy(field) });
  return (
    <form
      className="form-grid"
      data-testid="book-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <DateField id="book-date" label="Giorno" value={f.date} onChange={(v) => set({ date: v })} autoFocus {...aria('date')}>
        {errors.message('date')}
      </DateField>
      <TextField id="book-time" label="Ora" className="input input-time" inputMode="numeric" placeholder="hh:mm" value={f.time} onChange={(v) => set({ time: v })} {...aria('time')}>
        {errors.message('time')}
      </TextField>
      <div className="field">
        <label htmlFor="book-provider">Erogatore</label>
        <select id="book-provider" className="select" value={f.providerCode} onChange={(e) => chooseProvider(e.target.value)} data-testid="book-provider" {...aria('providerCode')}>
          <option value="">Scegliere…</option>
          {list.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} ({p.kind})
            </option>
          ))}
        </select>
        {errors.message('providerCode')}
      </div>
      <TextField id="book-place" label="Luogo" fieldClassName="field field-wide" value={f.place} onChange={(v) => set({ place: v })} {...aria('place')}>
        {errors.message('place')}
      </TextField>
      <DateField id="book-regional" label="Prima data utile regionale" value={f.firstRegionalOffer} onChange={(v) => set({ firstRegionalOffer: v })} {...aria('firstRegionalOffer')}>
        {errors.message('firstRegionalOffer')}
      </DateField>
      <DateField id="book-district" label="Prima data utile distrettuale" value={f.firstDistrictOffer} onChange={(v) => set({ firstDistrictOffer: v })} {...aria('firstDistrictOffer')}>
        {errors.message('firstDistrictOffer')}
      </DateField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy} data-testid="book-submit">
          {busy ? 'Registrazione…' : "Fissa l'appuntamento"}
        </button>
      </div>
      {providers.error && <ErrorMessage error={providers.error} onRetry={providers.reload} />}
    </form>
  );
}

/** The day it was performed or the report delivered: today unless typed otherwise. */
function DayForm({ kind, busy, onSubmit }: { kind: 'perform' | 'deliver-report'; busy: boolean; onSubmit: (on: string) => void }) {
  const today = useToday();
  const [text, setText] = useState(formatItalianDate(today));
  const [error, setError] = useState<string | null>(null);
  const id = `move-${kind}-date`;
  return (
    <form
      className="field field-inline"
      data-testid={`move-${kind}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        const d = parseDateInput(text, { today, twoDigitYear: 'recent' });
        if (!d.ok) return setError(d.message);
        setError(null);
        onSubmit(d.iso);
      }}
    >
      <DateField id={id} label={kind === 'perform' ? 'Eseguita il' : 'Referto consegnato il'} value={text} onChange={setText} autoFocus aria-invalid={error ? true : undefined}>
        {error && <span className="field-error">{error}</span>}
      </DateField>
      <button type="submit" className="button button-primary" aria-disabled={busy} data-testid={`move-${kind}-submit`}>
        Registra
      </button>
    </form>
  );
}

function CancelForm({ busy, onSubmit }: { busy: boolean; onSubmit: (reason: string | null) => void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="field field-inline"
      data-testid="move-cancel-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(reason.trim() || null);
      }}
    >
      <TextField id="move-cancel-reason" label="Motivo della disdetta (facoltativo)" fieldClassName="field field-wide" value={reason} onChange={setReason} autoFocus />
      <button type="submit" className="button button-primary-danger" aria-disabled={busy} data-testid="move-cancel-submit">
        Registra la disdetta
      </button>
    </form>
  );
}
