import { z } from 'zod';
import { addDays, formatItalianDate } from '../dates';
import { weekday } from '../workingDays';
import type { Booking } from './model';

/**
 * Against no-shows (CUP guidelines, "riduzione del tasso di assenteismo" and E5): a confirmation
 * call 2-3 days before, an SMS or e-mail for whom the call does not reach, the no-shows kept.
 * A reminder travels on channels others may read, so its text says who sends it (the studio),
 * when and where, and nothing else: never the prestazione, never a condition.
 */

/** The confirmation call comes 2 to 3 days before the appointment. */
export const CONFIRMATION_DAYS_BEFORE = { from: 2, to: 3 } as const;

/** How a confirmation call went: a confirmation confirms the booking, a cancellation cancels it. */
export const ReminderOutcome = z.enum(['confirmed', 'cancelled', 'no_answer', 'message_left', 'wrong_number']);
export type ReminderOutcome = z.infer<typeof ReminderOutcome>;

export const REMINDER_OUTCOME_LABEL: Record<ReminderOutcome, string> = {
  confirmed: 'Confermato dal paziente',
  cancelled: 'Disdetto dal paziente',
  no_answer: 'Non risponde',
  message_left: 'Lasciato un messaggio',
  wrong_number: 'Numero errato',
};

const byAppointment = (a: Booking, b: Booking) => (a.dates.bookedFor ?? '').localeCompare(b.dates.bookedFor ?? '') || (a.slot?.time ?? '').localeCompare(b.slot?.time ?? '');

/** Booked appointments 2-3 days ahead of `today`, not yet confirmed: the calls to make. */
export function toConfirm<B extends Booking>(bookings: readonly B[], today: string): B[] {
  const from = addDays(today, CONFIRMATION_DAYS_BEFORE.from);
  const to = addDays(today, CONFIRMATION_DAYS_BEFORE.to);
  return bookings.filter((b) => b.status === 'booked' && b.dates.bookedFor !== null && from <= b.dates.bookedFor && b.dates.bookedFor <= to).sort(byAppointment);
}

/** Booked or confirmed appointments whose day has passed with nothing recorded: performed, or a no-show? */
export function outcomeMissing<B extends Booking>(bookings: readonly B[], today: string): B[] {
  return bookings.filter((b) => (b.status === 'booked' || b.status === 'confirmed') && b.dates.bookedFor !== null && b.dates.bookedFor < today).sort(byAppointment);
}

export interface NoShowRow<B extends Booking> {
  patientId: number;
  bookings: B[];
}

/** The no-shows of a period (appointment dates, inclusive), by patient, who missed most first. */
export function noShowList<B extends Booking>(bookings: readonly B[], from: string, to: string): NoShowRow<B>[] {
  const byPatient = new Map<number, B[]>();
  for (const b of bookings) {
    if (b.status !== 'no_show' || b.dates.bookedFor === null || b.dates.bookedFor < from || b.dates.bookedFor > to) continue;
    byPatient.set(b.patientId, [...(byPatient.get(b.patientId) ?? []), b]);
  }
  return [...byPatient]
    .map(([patientId, missed]) => ({ patientId, bookings: missed.sort(byAppointment) }))
    .sort((a, b) => b.bookings.length - a.bookings.length || a.patientId - b.patientId);
}

export type ReminderChannel = 'sms' | 'email';

export interface ReminderSender {
  /** How the patient knows the sender: "Studio medico dott. Rossi". */
  studioName: string;
  /** Where to cancel; left out of the text when null. */
  studioPhone: string | null;
}

const WEEKDAY = ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'];

/** Stems of specialties and conditions that a place's name may give away (a cardiology centre, a cancer institute). */
const REVEALING = [
  'cardiolog', 'oncolog', 'tumor', 'cancr', 'diabet', 'pneumolog', 'nefrolog', 'dialisi', 'neurolog', 'psichiatr',
  'psicolog', 'oculist', 'ortoped', 'ginecolog', 'urolog', 'dermatolog', 'endocrin', 'gastroenterolog', 'radiolog',
  'radioterap', 'alzheimer', 'parkinson', 'hiv', 'aids', 'trapiant', 'dipendenz',
];

/** The stem a place's name gives away, or null when it names no specialty or condition. */
export function revealingWord(text: string): string | null {
  const lower = text.toLowerCase();
  return REVEALING.find((stem) => lower.includes(stem)) ?? null;
}

/** The reminder for one appointment: sender, day, time, place, how to cancel, how to stop them. */
export function reminderText(channel: ReminderChannel, sender: ReminderSender, appointment: { date: string; time: string; place: string }): { subject: string | null; text: string } {
  const day = `${WEEKDAY[weekday(appointment.date)]} ${formatItalianDate(appointment.date)}`;
  const call = sender.studioPhone ? ` al ${sender.studioPhone}` : '';
  if (channel === 'sms') {
    return {
      subject: null,
      text: `${sender.studioName}: promemoria appuntamento ${day} ore ${appointment.time}, ${appointment.place}. Se non può venire avvisi almeno 48 ore prima${call}. Per non ricevere più promemoria risponda STOP.`,
    };
  }
  return {
    subject: `Promemoria appuntamento del ${formatItalianDate(appointment.date)}`,
    text: [
      'Gentile paziente,',
      `le ricordiamo l'appuntamento di ${day} alle ore ${appointment.time} presso ${appointment.place}.`,
      `Se non potesse presentarsi, la preghiamo di avvisare almeno 48 ore prima${call}.`,
      '',
      sender.studioName,
      '',
      'Per non ricevere più questi promemoria risponda a questo messaggio scrivendo STOP.',
    ].join('\n'),
  };
}

export interface ReminderRecipient {
  patientId: number;
  mobile: string | null;
  email: string | null;
  /** The privacy form's third answer: consent to be contacted for reminders. */
  remindersConsent: boolean;
  /** Answered STOP, or asked the studio: no more reminders. */
  optedOut: boolean;
}

export interface ReminderMessage<B extends Booking> {
  booking: B;
  patientId: number;
  channel: ReminderChannel;
  to: string;
  subject: string | null;
  text: string;
}

export type LeftOutReason = 'opted_out' | 'no_consent' | 'no_contact' | 'not_booked' | 'place_reveals';

function reminderFor<B extends Booking>(booking: B, r: ReminderRecipient | undefined, channel: ReminderChannel, sender: ReminderSender): ReminderMessage<B> | LeftOutReason {
  // Without a record of the answer there is no consent to rely on.
  if (r?.optedOut) return 'opted_out';
  if (!r?.remindersConsent) return 'no_consent';
  const to = channel === 'sms' ? r.mobile : r.email;
  if (!to) return 'no_contact';
  const { bookedFor } = booking.dates;
  if ((booking.status !== 'booked' && booking.status !== 'confirmed') || bookedFor === null || booking.slot === null) return 'not_booked';
  if (revealingWord(booking.slot.place)) return 'place_reveals';
  return { booking, patientId: booking.patientId, channel, to, ...reminderText(channel, sender, { date: bookedFor, time: booking.slot.time, place: booking.slot.place }) };
}

/**
 * The reminders to export for these bookings. Left out, with the reason: whoever opted out or did
 * not consent, has no number or address for the channel, has no appointment booked, or whose
 * place would name a specialty (give the address instead).
 */
export function reminderBatch<B extends Booking>(
  bookings: readonly B[],
  recipients: readonly ReminderRecipient[],
  channel: ReminderChannel,
  sender: ReminderSender,
): { messages: ReminderMessage<B>[]; leftOut: { booking: B; reason: LeftOutReason }[] } {
  const messages: ReminderMessage<B>[] = [];
  const leftOut: { booking: B; reason: LeftOutReason }[] = [];
  for (const booking of [...bookings].sort(byAppointment)) {
    const result = reminderFor(booking, recipients.find((r) => r.patientId === booking.patientId), channel, sender);
    if (typeof result === 'string') leftOut.push({ booking, reason: result });
    else messages.push(result);
  }
  return { messages, leftOut };
}
