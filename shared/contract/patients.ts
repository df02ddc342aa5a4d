import { z } from 'zod';
import { DESK, MMG_ONLY, STAFF } from '../domain/access';
import { ChronicLevel } from '../domain/chronicLevel';
import { IsoDate } from '../domain/dates';
import { EnrollmentState } from '../domain/enrollment';
import { Letter } from '../domain/letter';
import { NewPatient, PatientSummary } from '../domain/patient';
import { Id, NoInput, Phone, ShortText } from './fields';

/** Patients: search, the patient's page, new patients (typed or from the card), contacts, the audit trail. */

export const SEARCH_LIMIT = 50;
/** What a caller (the CLI's --limit) may ask for at most. */
export const SEARCH_MAX_RESULTS = 1000;

export const PatientDetail = PatientSummary.extend({
  /** The MMG confirmed (or set) the level; otherwise it is the ATS list's or an import's. */
  chronicLevelConfirmed: z.boolean(),
  birthPlaceCode: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  pathologies: z.array(z.object({ code: z.number().int(), name: z.string(), source: z.string(), confirmed: z.boolean() })),
  letters: z.array(Letter),
  enrollment: z.object({ state: EnrollmentState, deadline: IsoDate.nullable() }).nullable(),
  preferredCallTime: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientDetail = z.infer<typeof PatientDetail>;

export const PatientContacts = z.object({
  phone: Phone.nullable(),
  mobile: Phone.nullable(),
  email: z.string().trim().max(120).nullable(),
  preferredCallTime: ShortText.max(80).nullable(),
});
export type PatientContacts = z.infer<typeof PatientContacts>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  operatorCf: z.string().nullable(),
  /** The operator's name as his card gives it, when he is known. */
  operatorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const patientCalls = {
  'patients.search': {
    access: STAFF,
    input: z.object({ text: z.string().max(1000), limit: z.number().int().min(1).max(SEARCH_MAX_RESULTS).optional() }),
    output: z.object({ patients: z.array(PatientSummary), truncated: z.boolean() }),
  },
  'patients.get': { access: STAFF, input: z.object({ id: Id }), output: PatientDetail },
  'patients.create': { access: DESK, input: NewPatient, output: PatientDetail },
  /** Creates the patient from the Tessera Sanitaria in the reader (or returns the one stored). */
  'patients.createFromCard': { access: DESK, input: NoInput, output: PatientDetail },
  'patients.updateContacts': { access: STAFF, input: PatientContacts.extend({ id: Id }), output: PatientDetail },
  'audit.forPatient': { access: STAFF, input: z.object({ patientId: Id }), output: z.object({ entries: z.array(AuditEntry) }) },
  /** The MMG's decision on the chronic level: it is then confirmed, and no import changes it. */
  'patients.setLevel': { access: MMG_ONLY, input: z.object({ id: Id, level: ChronicLevel.nullable() }), output: PatientDetail },
  /** The MMG's list of the patient's pathologies (regional codes): all confirmed; the others removed. */
  'patients.setPathologies': { access: MMG_ONLY, input: z.object({ id: Id, codes: z.array(z.number().int().min(1).max(999)).max(65) }), output: PatientDetail },
  /** The regional pathologies the MMG may choose from: the first application's first. */
  'pathologies.choices': { access: STAFF, input: NoInput, output: z.object({ pathologies: z.array(z.object({ code: z.number().int(), name: z.string(), firstApplication: z.boolean() })) }) },
  /** A town or country by its codice catastale (the birthplace in a codice fiscale). */
  'places.byCode': {
    access: STAFF,
    input: z.object({ code: z.string().trim().max(8) }),
    output: z.object({ code: z.string(), name: z.string(), province: z.string().nullable() }).nullable(),
  },
} as const;

export const patientEvents = {
  /** The patient list changed (seed, import, new patient): searches should be redone. */
  'patients.changed': z.object({ count: z.number().int() }),
} as const;
