import { z } from 'zod';
import { ChronicLevel } from './domain/chronicLevel';
import { IsoDate } from './domain/dates';
import { ConsentKind, EnrollmentState } from './domain/enrollment';
import { LetterType } from './domain/letter';

/** The enrollment workflow's part of the contract: walk-in, call list, registration, documents. */

export const CallOutcome = z.enum(['appointment', 'no_answer', 'wrong_number', 'refused', 'call_back']);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CALL_OUTCOME_LABEL: Record<CallOutcome, string> = {
  appointment: 'Appuntamento fissato',
  no_answer: 'Non risponde',
  wrong_number: 'Numero errato',
  refused: 'Rifiuta',
  call_back: 'Richiamare',
};

const Phone = z.string().trim().max(40).regex(/^[0-9+ ()./-]*$/, 'Il numero di telefono può contenere solo cifre, spazi e + ( ) . / -');
const ShortText = z.string().trim().max(500);

export const StudioSettings = z.object({
  /** The cooperative or MMG acting as Gestore. */
  gestore: z.string().trim().min(1).max(120),
  mmg: z.string().trim().min(1).max(120),
  /** Printed on the documents: all four are required. */
  address: z.string().trim().min(1).max(200),
  phone: z.string().trim().min(1).max(40),
});
export type StudioSettings = z.infer<typeof StudioSettings>;

export const WalkInInput = z.object({
  patientId: z.number().int().positive(),
  letterType: LetterType,
  letterDate: IsoDate,
  phone: Phone.optional(),
  mobile: Phone.optional(),
  preferredCallTime: ShortText.max(80).optional(),
  note: ShortText.optional(),
});
export type WalkInInput = z.infer<typeof WalkInInput>;

export const CallAttempt = z.object({
  at: z.string(),
  outcome: CallOutcome,
  /** Appointment or call-back date. */
  date: IsoDate.nullable(),
  note: z.string().nullable(),
  operatorCf: z.string().nullable(),
});
export type CallAttempt = z.infer<typeof CallAttempt>;

export const CallListEntry = z.object({
  patientId: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  birthDate: IsoDate,
  chronicLevel: ChronicLevel.nullable(),
  /** letter: brought the ATS letter; ats-list: on the ATS list, never came. */
  source: z.enum(['letter', 'ats-list']),
  letterType: LetterType.nullable(),
  letterDate: IsoDate.nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  preferredCallTime: z.string().nullable(),
  attempts: z.number().int(),
  lastAttempt: CallAttempt.nullable(),
});
export type CallListEntry = z.infer<typeof CallListEntry>;

export const RecordCallInput = z.object({
  patientId: z.number().int().positive(),
  outcome: CallOutcome,
  date: IsoDate.optional(),
  note: ShortText.optional(),
});
export type RecordCallInput = z.infer<typeof RecordCallInput>;

export const EnrollmentEvidence = z.object({
  operatorCodiceFiscale: z.string(),
  operatorAtr: z.string(),
  patientCodiceFiscale: z.string(),
  patientCardSerial: z.string(),
  patientCardExpiry: IsoDate,
  patientAtr: z.string(),
  issuedAt: z.string(),
});

export const ConsentView = z.object({
  kind: ConsentKind,
  printedAt: z.string().nullable(),
  documentHash: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
});

export const EnrollmentView = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  state: EnrollmentState,
  registeredOn: IsoDate.nullable(),
  deadline: IsoDate.nullable(),
  enrolledOn: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
  reason: z.string().nullable(),
  otherGestore: z.string().nullable(),
  evidence: EnrollmentEvidence.nullable(),
  consents: z.array(ConsentView),
});
export type EnrollmentView = z.infer<typeof EnrollmentView>;

export const GeneratedDocument = z.object({
  kind: ConsentKind,
  fileName: z.string(),
  /** sha256 of the PDF bytes, hex. */
  hash: z.string(),
  base64: z.string(),
});
export type GeneratedDocument = z.infer<typeof GeneratedDocument>;

const DeadlineEntry = z.object({
  enrollmentId: z.number().int(),
  patientId: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  state: EnrollmentState,
  /** The registration deadline, or the end of the yearly period for renewals. */
  date: IsoDate,
  when: z.enum(['overdue', 'today', 'tomorrow', 'later']),
});
export type DeadlineEntry = z.infer<typeof DeadlineEntry>;

export const Deadlines = z.object({
  today: IsoDate,
  /** Registrations waiting for signatures, by deadline. */
  registrations: z.array(DeadlineEntry),
  /** Registrations that lapsed in the last 30 days (lock released). */
  lapsed: z.array(DeadlineEntry),
  /** Patti di Cura to renew or cancel. */
  renewals: z.array(DeadlineEntry),
  /** Items needing action today or earlier: the status-bar badge. */
  urgent: z.number().int(),
});
export type Deadlines = z.infer<typeof Deadlines>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  operatorCf: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
