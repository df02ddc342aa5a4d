import { z } from 'zod';
import { IsoDate } from '../domain/dates';
import { ConsentKind, EnrollmentState } from '../domain/enrollment';
import { Id, NoInput } from './fields';

/** Enrollment: registration with the two cards, the documents and their signatures, deadlines. */

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
  /** To call about the signatures or the renewal. */
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
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

export const enrollmentCalls = {
  'enrollment.get': { input: z.object({ patientId: Id }), output: EnrollmentView.nullable() },
  'enrollment.list': { input: z.object({ state: EnrollmentState.optional() }), output: z.object({ enrollments: z.array(EnrollmentView) }) },
  /** Needs the two-card authorization at this moment (operator logged in, the patient's valid TS in). */
  'enrollment.register': { input: z.object({ patientId: Id }), output: EnrollmentView },
  'enrollment.document': { input: z.object({ enrollmentId: Id, kind: ConsentKind }), output: GeneratedDocument },
  'enrollment.sign': { input: z.object({ enrollmentId: Id, patto: z.boolean(), privacy: z.boolean() }), output: EnrollmentView },
  'enrollment.withdraw': { input: z.object({ enrollmentId: Id, reason: z.string().trim().min(1).max(500) }), output: EnrollmentView },
  'enrollment.renew': { input: z.object({ enrollmentId: Id }), output: EnrollmentView },
  'deadlines.get': { input: NoInput, output: Deadlines },
} as const;

export const enrollmentEvents = {
  /** A patient's enrollment, letters or calls changed; deadlines and lists should be redone. */
  'enrollments.changed': z.object({ patientId: z.number().int().nullable() }),
} as const;
