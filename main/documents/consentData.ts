/**
 * The data printed on the enrollment documents and its mapping to template placeholders.
 */
import { InvalidInputError } from '../../shared/errors';
import { formatItalianDate, isIsoDate } from '../../shared/domain/dates';
import { parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { periodEndFrom } from '../../shared/domain/enrollmentMachine';
import { PrivacyChoices, type ConsentKind } from '../../shared/domain/enrollment';
import { PARTY_PLACEHOLDERS } from './documentParties';

export type { ConsentKind };

export interface ConsentData {
  enrollmentId: number;
  /** Day of the signature, ISO YYYY-MM-DD; also the PDF's creation date. */
  date: string;
  patient: {
    surname: string;
    givenName: string;
    codiceFiscale: string;
    /** ISO YYYY-MM-DD. */
    birthDate: string;
  };
  studio: {
    /** The Soggetto Gestore, usually the MMG's cooperative. */
    gestore: string;
    /** The MMG's name as printed ("Dott.ssa Anna Rossi"). */
    mmg: string;
    address: string;
    phone: string;
    /** Optional contact e-mail: the templates print the line only when it is given. */
    email?: string;
  };
  /** The patient's recorded answers (privacy form, once signed): copies then show them ticked. */
  choices?: PrivacyChoices;
}

/** Names of the tick-box rows templates may carry: the privacy answers. */
export const CONSENT_CHOICE_NAMES: ReadonlySet<string> = new Set(PrivacyChoices.keyof().options);

/** The box to tick in each named row: 0 "acconsento", 1 "non acconsento"; none before the answers exist. */
export function consentChoiceIndexes(choices: PrivacyChoices | undefined): Record<string, number | null> {
  return Object.fromEntries(PrivacyChoices.keyof().options.map((name) => [name, choices === undefined ? null : choices[name] ? 0 : 1]));
}

/**
 * The placeholders templates may use, with the Italian description shown when one has no value.
 * Names ending in "?" in a template ({{studio_email?}}) are optional there.
 */
export const CONSENT_PLACEHOLDERS = {
  ...PARTY_PLACEHOLDERS,
  data: 'data del documento',
  data_scadenza: 'data di scadenza del Patto di Cura',
  numero_arruolamento: "numero dell'arruolamento",
} as const satisfies Record<string, string>;

export type ConsentPlaceholder = keyof typeof CONSENT_PLACEHOLDERS;

export const CONSENT_PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(Object.keys(CONSENT_PLACEHOLDERS));

/** The same data with its formats checked: CF upper-case, dates real ISO dates, id a positive integer. */
export function checkConsentData(data: ConsentData): ConsentData {
  if (!Number.isSafeInteger(data.enrollmentId) || data.enrollmentId <= 0) {
    throw new InvalidInputError(`numero di arruolamento non valido (${String(data.enrollmentId)})`);
  }
  if (!isIsoDate(data.date)) throw new InvalidInputError(`data del documento non valida (${data.date}, atteso AAAA-MM-GG)`);
  if (!isIsoDate(data.patient.birthDate)) {
    throw new InvalidInputError(`data di nascita non valida (${data.patient.birthDate}, atteso AAAA-MM-GG)`);
  }
  if (data.patient.birthDate > data.date) {
    throw new InvalidInputError(`la data di nascita (${formatItalianDate(data.patient.birthDate)}) è successiva alla data del documento`);
  }
  return {
    ...data,
    patient: { ...data.patient, codiceFiscale: parseCodiceFiscale(data.patient.codiceFiscale) },
  };
}

/** Placeholder values for (already checked) data; dates in dd/mm/yyyy. */
export function consentPlaceholderValues(data: ConsentData): Record<ConsentPlaceholder, string | undefined> {
  return {
    paziente_cognome: data.patient.surname,
    paziente_nome: data.patient.givenName,
    paziente_codice_fiscale: data.patient.codiceFiscale,
    paziente_data_nascita: formatItalianDate(data.patient.birthDate),
    gestore: data.studio.gestore,
    mmg: data.studio.mmg,
    studio_indirizzo: data.studio.address,
    studio_telefono: data.studio.phone,
    studio_email: data.studio.email,
    data: formatItalianDate(data.date),
    data_scadenza: formatItalianDate(periodEndFrom(data.date)),
    numero_arruolamento: String(data.enrollmentId),
  };
}
