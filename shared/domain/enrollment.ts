import { z } from 'zod';

/**
 * Life of a presa in carico at this studio (DOMAIN.md, "Enrollment at the studio").
 * The transitions between states belong to the enrollment workflow; this is the vocabulary.
 */
export const EnrollmentState = z.enum([
  /** Has a letter or is on the ATS list: to be called. */
  'candidate',
  /** Registered with both cards: locked for this Gestore until the deadline. */
  'registered',
  /** Patto di Cura and privacy consent signed before the deadline. */
  'enrolled',
  /** The yearly anniversary is within 30 days. */
  'renewal_due',
  'renewed',
  'withdrawn',
  /** Registered but not completed within 7 days: the lock is released. */
  'lapsed',
  'refused',
  /** The Centro Servizi says another Gestore holds the patient. */
  'locked_elsewhere',
  'transferred',
]);
export type EnrollmentState = z.infer<typeof EnrollmentState>;

export const ENROLLMENT_STATE_LABEL: Record<EnrollmentState, string> = {
  candidate: 'Da contattare',
  registered: 'Registrato (in attesa di firma)',
  enrolled: 'Arruolato',
  renewal_due: 'Rinnovo in scadenza',
  renewed: 'Rinnovato',
  withdrawn: 'Revocato',
  lapsed: 'Registrazione scaduta',
  refused: 'Ha rifiutato',
  locked_elsewhere: 'In carico ad altro Gestore',
  transferred: 'Trasferito ad altro Gestore',
};

/** Days the doctor has, after registration, to complete the definitive enrollment. */
export const REGISTRATION_DEADLINE_DAYS = 7;
/** Days before the yearly anniversary at which the Patto di Cura is due for renewal. */
export const RENEWAL_NOTICE_DAYS = 30;

export const ConsentKind = z.enum(['patto_di_cura', 'privacy']);
export type ConsentKind = z.infer<typeof ConsentKind>;

/**
 * The three answers on the privacy form (privacy.md, "Consenso"), as ticked by the patient on
 * paper: true for "acconsento". The first two are what the presa in carico needs; the third only
 * decides whether reminders may be sent.
 */
export const PrivacyChoices = z.object({
  /** 1. processing of personal and health data for the presa in carico. */
  trattamento: z.boolean(),
  /** 2. communication to Regione, ATS, the Centro Servizi and the providers. */
  comunicazione: z.boolean(),
  /** 3. being contacted by phone, SMS or e-mail for reminders. */
  contatti: z.boolean(),
});
export type PrivacyChoices = z.infer<typeof PrivacyChoices>;

export const PRIVACY_CHOICE_LABEL: Record<keyof PrivacyChoices, string> = {
  trattamento: 'Trattamento dei dati per la presa in carico',
  comunicazione: 'Comunicazione a Regione, ATS, Centro Servizi ed erogatori',
  contatti: 'Contatti per promemoria (telefono, SMS, e-mail)',
};

/** Without consent to processing and communication the presa in carico cannot start (privacy.md, 5). */
export function privacyAllowsEnrollment(choices: PrivacyChoices): boolean {
  return choices.trattamento && choices.comunicazione;
}
