/**
 * The data printed on the enrollment documents and its mapping to template placeholders.
 */
import { InvalidInputError } from '../../shared/errors';
import { formatItalianDate, isIsoDate } from '../../shared/domain/dates';
import { parseCodiceFiscale } from '../../shared/domain/codiceFiscale';

export type ConsentKind = 'patto_di_cura' | 'privacy';

export const CONSENT_KINDS: readonly ConsentKind[] = ['patto_di_cura', 'privacy'];

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
}

/**
 * The placeholders templates may use, with the Italian description shown when one has no value.
 * Names ending in "?" in a template ({{studio_email?}}) are optional there.
 */
export const CONSENT_PLACEHOLDERS = {
  paziente_cognome: 'cognome del paziente',
  paziente_nome: 'nome del paziente',
  paziente_codice_fiscale: 'codice fiscale del paziente',
  paziente_data_nascita: 'data di nascita del paziente',
  gestore: 'Soggetto Gestore',
  mmg: 'medico di medicina generale',
  studio_indirizzo: 'indirizzo dello studio',
  studio_telefono: 'telefono dello studio',
  studio_email: 'e-mail dello studio',
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

/** The last day of a one-year pact signed on isoDate: 2024-03-15 -> 2025-03-14 (UTC arithmetic). */
export function oneYearLater(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const sameDayNextYear = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February has no twin: the pact then runs to 28 February.
  if (sameDayNextYear.getUTCMonth() !== m - 1) sameDayNextYear.setUTCDate(0);
  else sameDayNextYear.setUTCDate(sameDayNextYear.getUTCDate() - 1);
  return sameDayNextYear.toISOString().slice(0, 10);
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
    data_scadenza: formatItalianDate(oneYearLater(data.date)),
    numero_arruolamento: String(data.enrollmentId),
  };
}
