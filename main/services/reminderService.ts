import { CONFIRMATION_DAYS_BEFORE, noShowList, outcomeMissing, reminderBatch, type LeftOutReason, type ReminderChannel, type ReminderOutcome, type ReminderRecipient } from '../../shared/domain/booking/reminders';
import type { BookingView } from '../../shared/contract/bookings';
import { addDays } from '../../shared/domain/dates';
import { AppError } from '../../shared/errors';
import { todayIn, type Clock } from '../clock';
import { createLogger } from '../log';
import type { Store } from '../store/store';
import type { BookingService } from './bookingService';
import type { EnrollmentService } from './enrollmentService';

const log = createLogger('reminders');

const LEFT_OUT: Record<LeftOutReason, string> = {
  opted_out: 'Il paziente ha chiesto di non ricevere promemoria.',
  no_consent: 'Manca il consenso ai contatti per i promemoria (informativa privacy).',
  no_contact: 'Nessun cellulare o indirizzo e-mail per questo canale.',
  not_booked: 'Nessun appuntamento fissato.',
  place_reveals: 'Il nome del luogo rivela una specialità: indicare l\'indirizzo invece del nome.',
};

export class StudioNotSetError extends AppError {
  constructor() {
    super('studio-not-set', 'studio settings missing', 'Impostare prima i dati dello studio (Impostazioni): il promemoria deve dire chi lo invia.');
  }
}

/** The confirmation calls, the SMS and e-mail export for the studio's sender, the no-shows. */
export class ReminderService {
  constructor(
    private readonly store: Store,
    private readonly bookings: BookingService,
    private readonly enrollment: EnrollmentService,
    private readonly clock: Clock,
  ) {}

  /** The calls to make: booked appointments 2 to `days` days ahead; and past ones with nothing recorded. */
  list(days: number = CONFIRMATION_DAYS_BEFORE.to): { toConfirm: BookingView[]; outcomeMissing: BookingView[] } {
    const today = todayIn(this.clock);
    const from = addDays(today, Math.min(CONFIRMATION_DAYS_BEFORE.from, days));
    const upcoming = this.store.bookings.appointmentsBetween(from, addDays(today, days), ['booked']);
    const past = this.store.bookings.appointmentsBetween('0000-01-01', addDays(today, -1), ['booked', 'confirmed']);
    return { toConfirm: this.bookings.views(upcoming), outcomeMissing: this.bookings.views(outcomeMissing(past, today)) };
  }

  /** Records the call; a confirmation confirms the booking and a cancellation cancels it, in the same transaction. */
  record(bookingId: number, outcome: ReminderOutcome, note: string | null, operatorCf: string | null): BookingView {
    const before = this.bookings.stored(bookingId);
    const now = this.clock.now().toISOString();
    const call = () => this.store.bookings.addCall({ bookingId, at: now, outcome, note, operatorCf });
    if (outcome === 'confirmed' || outcome === 'cancelled') {
      const move = outcome === 'confirmed' ? ({ type: 'confirm' } as const) : ({ type: 'cancel', reason: note ?? 'disdetto dal paziente alla telefonata di conferma' } as const);
      this.bookings.move(bookingId, move, operatorCf, call);
    } else {
      this.bookings.save(before, before, operatorCf, 'booking.reminder-call', { outcome }, call);
    }
    return this.bookings.get(bookingId);
  }

  /** The reminders of the appointments from..to as a CSV for the studio's SMS or e-mail sender. */
  export(channel: ReminderChannel, from: string, to: string) {
    const studio = this.enrollment.studio();
    if (!studio) throw new StudioNotSetError();
    const booked = this.store.bookings.appointmentsBetween(from, to, ['booked', 'confirmed']);
    const recipients = [...new Set(booked.map((b) => b.patientId))].map((id) => this.recipient(id));
    const batch = reminderBatch(booked, recipients, channel, { studioName: `Studio medico ${studio.mmg}`, studioPhone: studio.phone });
    const messages = batch.messages.map((m) => ({ bookingId: m.booking.id, patientId: m.patientId, channel: m.channel, to: m.to, subject: m.subject, text: m.text }));
    log.info('reminders exported', { channel, messages: messages.length, leftOut: batch.leftOut.length });
    return {
      csv: toCsv(['destinatario', 'oggetto', 'testo'], messages.map((m) => [m.to, m.subject ?? '', m.text])),
      messages,
      leftOut: batch.leftOut.map((l) => ({ bookingId: l.booking.id, reason: l.reason, message: LEFT_OUT[l.reason] })),
    };
  }

  preferences(patientId: number): { patientId: number; consent: boolean | null; optedOut: boolean } {
    const r = this.recipient(patientId);
    return { patientId, consent: this.privacyChoices(patientId)?.contatti ?? null, optedOut: r.optedOut };
  }

  setOptOut(patientId: number, optedOut: boolean, operatorCf: string | null): { patientId: number; optedOut: boolean } {
    this.store.patients.get(patientId);
    this.store.transaction(() => {
      this.store.patients.setRemindersOptOut(patientId, optedOut);
      this.store.audit.append({ operatorCf, action: 'reminders.opt-out', entity: 'patient', entityId: String(patientId), detail: { optedOut } });
    });
    return { patientId, optedOut };
  }

  noShows(from: string, to: string) {
    const missed = this.store.bookings.appointmentsBetween(from, to, ['no_show']);
    return noShowList(missed, from, to).map((row) => {
      const p = this.store.patients.get(row.patientId);
      return { patientId: row.patientId, surname: p.surname, givenName: p.givenName, bookings: this.bookings.views(row.bookings) };
    });
  }

  private recipient(patientId: number): ReminderRecipient {
    const p = this.store.patients.get(patientId);
    return { patientId, mobile: p.mobile, email: p.email, remindersConsent: this.privacyChoices(patientId)?.contatti === true, optedOut: this.store.patients.remindersOptOut(patientId) };
  }

  /** The privacy form's answers of the patient's current enrollment, once signed. */
  private privacyChoices(patientId: number) {
    const enrollment = this.store.enrollments.current(patientId);
    const privacy = enrollment ? this.store.enrollments.consentsOf(enrollment.id).find((c) => c.kind === 'privacy') : undefined;
    return privacy?.choices ?? null;
  }
}

/** Semicolon-separated like the studio's other exports, every field quoted (texts hold commas and apostrophes). */
function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(';');
  return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
