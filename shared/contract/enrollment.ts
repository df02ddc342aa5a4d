import { z } from 'zod';
import { DESK, STAFF } from '../domain/access';
import { IsoDate } from '../domain/dates';
import { ConsentKind, EnrollmentState, PrivacyChoices } from '../domain/enrollment';
import { Id, NoInput } from './fields';

/** Enrollment: registration with the two cards, the documents and their signatures, deadlines. */

/** A multi-page scan at 300 dpi stays well under this; anything larger is not a scan of two sheets. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
/** Base64 of the largest scan, with room for the rounding: the limit itself is checked on the bytes. */
const MAX_SCAN_BASE64 = Math.ceil((MAX_SCAN_BYTES + 3) / 3) * 4;

export const EnrollmentEvidence = z.object({
  operatorCodiceFiscale: z.string(),
  operatorAtr: z.string(),
  patientCodiceFiscale: z.string(),
  patientCardSerial: z.string(),
  patientCardExpiry: IsoDate,
  patientAtr: z.string(),
  issuedAt: z.string(),
});

/** A scan (or photo) of the signed paper, attached to its consent. */
export const ConsentScanView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
  addedAt: z.string(),
});

export const ConsentView = z.object({
  kind: ConsentKind,
  /** When the user confirmed the copies came out of the printer. */
  printedAt: z.string().nullable(),
  /** sha256 of the PDF given for signature (generated, not necessarily printed yet). */
  documentHash: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  /** The privacy form's answers, recorded with its signature. */
  choices: PrivacyChoices.nullable(),
  scans: z.array(ConsentScanView),
});
export type ConsentView = z.infer<typeof ConsentView>;

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
  /** A copy of a document already signed (with the recorded answers), not the one to sign. */
  copy: z.boolean(),
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

/** An active PAI within 30 days of its end with no next year's draft: the MMG writes the renewal. */
const PaiRenewalEntry = z.object({
  paiId: z.number().int(),
  patientId: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  /** The PAI's last day. */
  date: IsoDate,
  when: z.enum(['overdue', 'today', 'tomorrow', 'later']),
});

export const Deadlines = z.object({
  today: IsoDate,
  /** Registrations waiting for signatures, by deadline. */
  registrations: z.array(DeadlineEntry),
  /** Registrations that lapsed in the last 30 days (lock released). */
  lapsed: z.array(DeadlineEntry),
  /** Patti di Cura to renew or cancel. */
  renewals: z.array(DeadlineEntry),
  /** PAIs to renew (each counts in the badge from 30 days before its end). */
  paiRenewals: z.array(PaiRenewalEntry),
  /** Items needing action today or earlier: the status-bar badge. */
  urgent: z.number().int(),
});
export type Deadlines = z.infer<typeof Deadlines>;

export const enrollmentCalls = {
  'enrollment.get': { access: STAFF, input: z.object({ patientId: Id }), output: EnrollmentView.nullable() },
  'enrollment.list': { access: STAFF, input: z.object({ state: EnrollmentState.optional() }), output: z.object({ enrollments: z.array(EnrollmentView) }) },
  /** Needs the two-card authorization at this moment (operator logged in, the patient's valid TS in). */
  'enrollment.register': { access: DESK, input: z.object({ patientId: Id }), output: EnrollmentView },
  /** Generates the PDF (both copies in one file); nothing is marked printed yet. */
  'enrollment.document': { access: STAFF, input: z.object({ enrollmentId: Id, kind: ConsentKind }), output: GeneratedDocument },
  /** The user confirms the document came out of the printer. */
  'enrollment.printed': { access: DESK, input: z.object({ enrollmentId: Id, kind: ConsentKind }), output: EnrollmentView },
  /** `privacyChoices`: the three answers ticked on the privacy form, required with `privacy`. */
  'enrollment.sign': {
    access: DESK,
    input: z.object({ enrollmentId: Id, patto: z.boolean(), privacy: z.boolean(), privacyChoices: PrivacyChoices.optional() }),
    output: EnrollmentView,
  },
  /** A scan of a signed copy (PDF, JPEG, PNG or TIFF, at most 10 MB) kept with its consent. */
  'enrollment.attachScan': {
    access: DESK,
    input: z.object({ enrollmentId: Id, kind: ConsentKind, fileName: z.string().trim().min(1).max(255), base64: z.string().min(1).max(MAX_SCAN_BASE64) }),
    output: EnrollmentView,
  },
  'enrollment.scan': { access: STAFF, input: z.object({ scanId: Id }), output: z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() }) },
  'enrollment.withdraw': { access: DESK, input: z.object({ enrollmentId: Id, reason: z.string().trim().min(1).max(500) }), output: EnrollmentView },
  'enrollment.renew': { access: DESK, input: z.object({ enrollmentId: Id }), output: EnrollmentView },
  'deadlines.get': { access: STAFF, input: NoInput, output: Deadlines },
} as const;

export const enrollmentEvents = {
  /** A patient's enrollment, letters or calls changed; deadlines and lists should be redone. */
  'enrollments.changed': z.object({ patientId: z.number().int().nullable() }),
} as const;
