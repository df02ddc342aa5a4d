import { z } from 'zod';
import { STAFF } from '../domain/access';
import { CallOutcome } from '../domain/callOutcome';
import { ChronicLevel } from '../domain/chronicLevel';
import { IsoDate } from '../domain/dates';
import { EnrollmentState } from '../domain/enrollment';
import { LetterType } from '../domain/letter';
import { Sex } from '../domain/patient';
import { Id, ShortText } from './fields';

/** Richiami: the queue of patients to call back, what each call gave, the agenda of enrollment appointments. */

/** HH:MM, 24 hours. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Indicare l'ora come hh:mm, ad esempio 09:30.");

export const CallStatus = z.enum(['due', 'scheduled', 'booked', 'missed', 'wrong-number']);

export const CallAttempt = z.object({
  at: z.string(),
  outcome: CallOutcome,
  /** Appointment, call-back or retry date. */
  date: IsoDate.nullable(),
  /** The appointment's time. */
  time: ClockTime.nullable(),
  note: z.string().nullable(),
  operatorCf: z.string().nullable(),
});
export type CallAttempt = z.infer<typeof CallAttempt>;

/** Who a row of the queue or the agenda is about. */
const PatientBrief = z.object({
  patientId: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  sex: Sex,
  birthDate: IsoDate,
  chronicLevel: ChronicLevel.nullable(),
});

export const CallListEntry = PatientBrief.extend({
  /** letter: brought the ATS letter (a walk-in); ats-list: on the ATS list, never came. */
  source: z.enum(['letter', 'ats-list']),
  letterType: LetterType.nullable(),
  letterDate: IsoDate.nullable(),
  letterReceivedAt: IsoDate.nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  preferredCallTime: z.string().nullable(),
  /** Where he stands: due, scheduled later (statusDate), missed his appointment (statusDate), wrong number. */
  status: CallStatus,
  statusDate: IsoDate.nullable(),
  attempts: z.number().int(),
  lastAttempt: CallAttempt.nullable(),
});
export type CallListEntry = z.infer<typeof CallListEntry>;

export const CallFilter = z.object({
  /** Only who is to be called today (the default): nothing scheduled for a later day. */
  dueToday: z.boolean().default(true),
  withPhone: z.boolean().default(false),
  source: z.enum(['letter', 'ats-list']).optional(),
  level: z.union([ChronicLevel, z.literal('none')]).optional(),
  letterType: LetterType.optional(),
  /** Surname, name or codice fiscale, as in Pazienti. */
  text: z.string().trim().max(64).optional(),
});
export type CallFilter = z.infer<typeof CallFilter>;

export const RecordCallInput = z.object({
  patientId: Id,
  outcome: CallOutcome,
  /** The appointment's or call-back's date (required), the retry date after no answer (default: the next working day). */
  date: IsoDate.optional(),
  /** The appointment's time (required for an appointment). */
  time: ClockTime.optional(),
  note: ShortText.optional(),
});
export type RecordCallInput = z.infer<typeof RecordCallInput>;

export const AgendaEntry = PatientBrief.extend({
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  time: ClockTime.nullable(),
  note: z.string().nullable(),
  /** Where his enrollment stands now (registered once he came and the cards were used). */
  enrollmentState: EnrollmentState.nullable(),
});
export type AgendaEntry = z.infer<typeof AgendaEntry>;

export const callListCalls = {
  'calls.list': {
    access: STAFF,
    input: z.object({ limit: z.number().int().min(1).max(5000).default(100), offset: z.number().int().min(0).default(0), filter: CallFilter.default({ dueToday: true, withPhone: false }) }),
    output: z.object({ entries: z.array(CallListEntry), total: z.number().int(), today: IsoDate }),
  },
  /** Records one call; the entry is null once the patient left the queue (an appointment, a refusal). */
  'calls.record': { access: STAFF, input: RecordCallInput, output: z.object({ entry: CallListEntry.nullable() }) },
  /** The enrollment appointments of a day, by time. */
  'agenda.day': { access: STAFF, input: z.object({ date: IsoDate }), output: z.object({ date: IsoDate, appointments: z.array(AgendaEntry) }) },
} as const;
