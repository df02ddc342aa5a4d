import { z } from 'zod';
import { STAFF } from '../domain/access';
import { BookingDates, BookingStatus, CancellationNotice, PriorityClass, Slot } from '../domain/booking/model';
import { ReminderOutcome } from '../domain/booking/reminders';
import { IsoDate } from '../domain/dates';
import { ClockTime } from '../domain/romeTime';
import { Id } from './fields';
import { PlanDocument } from './pai';

/** Bookings of the PAI's prestazioni with the network's providers, their reminders and the PAI's adherence. */

export const BookingView = z.object({
  id: Id,
  uid: z.string(),
  patientId: Id,
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  code: z.string(),
  description: z.string(),
  occurrence: IsoDate.nullable(),
  prescriptionNumber: z.string().nullable(),
  priority: PriorityClass.nullable(),
  status: BookingStatus,
  dates: BookingDates,
  slot: Slot.nullable(),
  providerName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  cancellation: z.object({ at: z.string(), reason: z.string().nullable(), notice: CancellationNotice }).nullable(),
  /** By when the date should fall: the priority class's wait, or the PAI occurrence's window. */
  window: z.object({ start: IsoDate, end: IsoDate, basis: z.enum(['priority', 'cadence']) }).nullable(),
  /** The booked date outside its window (flagged, not refused). */
  windowFlag: z.object({ kind: z.enum(['early', 'late']), days: z.number().int(), message: z.string() }).nullable(),
  calls: z.array(z.object({ at: z.string(), outcome: ReminderOutcome, note: z.string().nullable() })),
});
export type BookingView = z.infer<typeof BookingView>;

const PrescriptionNumber = z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z-]+$/, 'Numero di ricetta non valido: solo lettere e cifre.');

export const BookingRequestInput = z.object({
  /** A due occurrence of the patient's PAI (schedule.due's id); its prestazione and window come with it. */
  occurrenceId: Id,
  /** Whom the caller means (the CLI's --cf): an occurrence of another patient is refused. */
  patientId: Id.optional(),
  priority: PriorityClass.nullable().default(null),
  prescriptionNumber: PrescriptionNumber.nullable().default(null),
  prescribedOn: IsoDate.nullable().default(null),
  /** A request taken on paper while the system was down keeps its day. */
  requestedOn: IsoDate.optional(),
});

export const BookingMove = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('book'),
    date: IsoDate,
    time: ClockTime,
    place: z.string().trim().min(1, 'Indicare il luogo dell\'appuntamento.').max(300),
    providerCode: z.string().trim().min(1, 'Scegliere l\'erogatore.').max(80),
    firstRegionalOffer: IsoDate.nullable().default(null),
    firstDistrictOffer: IsoDate.nullable().default(null),
  }),
  z.object({ type: z.literal('confirm') }),
  z.object({ type: z.literal('perform'), on: IsoDate }),
  z.object({ type: z.literal('deliver-report'), on: IsoDate }),
  z.object({ type: z.literal('cancel'), reason: z.string().trim().max(500).nullable().default(null) }),
  z.object({ type: z.literal('no-show') }),
]);
export type BookingMove = z.infer<typeof BookingMove>;

export const ProviderView = z.object({ code: z.string(), name: z.string(), ats: z.string(), kind: z.string(), address: z.string().nullable(), phone: z.string().nullable(), inNetwork: z.boolean() });
export type ProviderView = z.infer<typeof ProviderView>;

const Figures = z.object({ planned: z.number().int(), prescribed: z.number().int(), booked: z.number().int(), performed: z.number().int(), overdue: z.number().int(), percent: z.number().int().nullable() });
export const PatientAdherenceView = Figures.extend({
  patientId: Id,
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  items: z.array(Figures.extend({ code: z.string(), description: z.string() })),
});
export type PatientAdherenceView = z.infer<typeof PatientAdherenceView>;

const Period = z.object({ from: IsoDate, to: IsoDate }).refine((p) => p.from <= p.to, 'Il periodo deve iniziare prima di finire.');

export const ReminderMessageView = z.object({ bookingId: Id, patientId: Id, channel: z.enum(['sms', 'email']), to: z.string(), subject: z.string().nullable(), text: z.string() });

export const bookingCalls = {
  'bookings.request': { access: STAFF, input: BookingRequestInput, output: BookingView },
  'bookings.move': { access: STAFF, input: z.object({ id: Id, move: BookingMove }), output: BookingView },
  'bookings.list': { access: STAFF, input: z.object({ states: z.array(BookingStatus).optional(), patientId: Id.optional() }), output: z.object({ bookings: z.array(BookingView) }) },
  'bookings.get': { access: STAFF, input: z.object({ id: Id }), output: BookingView },
  /** The sheet for the patient: day, time, place, provider, preparation, how to cancel. */
  'bookings.sheet': { access: STAFF, input: z.object({ id: Id }), output: PlanDocument },
  'providers.list': { access: STAFF, input: z.object({}), output: z.object({ providers: z.array(ProviderView) }) },
  /** Appointments `days` ahead (2-3 by default) to confirm by phone, and the past ones with no outcome. */
  'reminders.list': {
    access: STAFF,
    input: z.object({ days: z.number().int().min(1).max(14).optional() }),
    output: z.object({ toConfirm: z.array(BookingView), outcomeMissing: z.array(BookingView) }),
  },
  /** The outcome of a confirmation call; "confirmed" confirms the booking and "cancelled" cancels it. */
  'reminders.record': { access: STAFF, input: z.object({ bookingId: Id, outcome: ReminderOutcome, note: z.string().trim().max(500).nullable().default(null) }), output: BookingView },
  /** The SMS or e-mail reminders of the appointments in the days, as a CSV for the sender; whoever is left out and why. */
  'reminders.export': {
    access: STAFF,
    input: z.object({ channel: z.enum(['sms', 'email']), from: IsoDate, to: IsoDate }),
    output: z.object({ csv: z.string(), messages: z.array(ReminderMessageView), leftOut: z.array(z.object({ bookingId: Id, reason: z.string(), message: z.string() })) }),
  },
  /** Whether reminders may reach the patient: his consent on the privacy form (null: not signed) and his opt-out. */
  'reminders.preferences': { access: STAFF, input: z.object({ patientId: Id }), output: z.object({ patientId: Id, consent: z.boolean().nullable(), optedOut: z.boolean() }) },
  'reminders.optOut': { access: STAFF, input: z.object({ patientId: Id, optedOut: z.boolean() }), output: z.object({ patientId: Id, optedOut: z.boolean() }) },
  'reminders.noShows': { access: STAFF, input: Period, output: z.object({ patients: z.array(z.object({ patientId: Id, surname: z.string(), givenName: z.string(), bookings: z.array(BookingView) })) }) },
  /** One patient's adherence to his PAI over the period, item by item. */
  'adherence.patient': { access: STAFF, input: z.object({ patientId: Id, from: IsoDate.optional(), to: IsoDate.optional() }), output: PatientAdherenceView },
  /** Every patient with a PAI, worst adherence first, and the studio's totals. */
  'adherence.studio': {
    access: STAFF,
    input: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }),
    output: z.object({ from: IsoDate, to: IsoDate, patients: z.array(PatientAdherenceView), totals: Figures }),
  },
} as const;

export const bookingEvents = {
  /** A booking was requested, moved or its reminder recorded. */
  'bookings.changed': z.object({ patientId: Id }),
} as const;
