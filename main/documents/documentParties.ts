/**
 * Who a PAI or a booking sheet is for and who gives it: the patient and the studio, as
 * placeholders. A missing or blank value is passed on as missing, so that the template refuses it
 * by name (TemplateError, "manca il dato richiesto …") instead of printing a blank; a value that
 * is there but malformed is refused here.
 */
import { InvalidInputError } from '../../shared/errors';
import { parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { formatItalianDate, isIsoDate } from '../../shared/domain/dates';
import type { ConsentData } from './consentData';
import { TemplateError } from './errors';

/** Surname, given name, codice fiscale, ISO birth date: as for the Patto di Cura. */
export type DocumentPatient = ConsentData['patient'];
/** The studio's settings (gestore, MMG, address, phone) and, when the studio has one, its e-mail. */
export type DocumentStudio = ConsentData['studio'];

export const PARTY_PLACEHOLDERS = {
  paziente_cognome: 'cognome del paziente',
  paziente_nome: 'nome del paziente',
  paziente_codice_fiscale: 'codice fiscale del paziente',
  paziente_data_nascita: 'data di nascita del paziente',
  gestore: 'Soggetto Gestore',
  mmg: 'medico di medicina generale',
  studio_indirizzo: 'indirizzo dello studio',
  studio_telefono: 'telefono dello studio',
  studio_email: 'e-mail dello studio',
} as const satisfies Record<string, string>;

type PartyPlaceholder = keyof typeof PARTY_PLACEHOLDERS;

const given = (value: string | undefined | null): value is string => typeof value === 'string' && value.trim() !== '';

/** An ISO date as dd/mm/yyyy; undefined when missing. `what` names it in the Italian message. */
function italianDateOrMissing(iso: string | undefined | null, what: string): string | undefined {
  if (!given(iso)) return undefined;
  if (!isIsoDate(iso)) throw new InvalidInputError(`${what} non valida (${iso}, atteso AAAA-MM-GG)`);
  return formatItalianDate(iso);
}

/** The document's own day (print day, PDF dates): required, ISO. */
export function checkDocumentDate(date: string): string {
  if (!given(date) || !isIsoDate(date)) throw new InvalidInputError(`data del documento non valida (${String(date)}, atteso AAAA-MM-GG)`);
  return date;
}

/** The placeholders of the patient and the studio; throws InvalidCodiceFiscaleError / InvalidInputError for malformed values. */
export function partyValues(patient: DocumentPatient, studio: DocumentStudio): Record<PartyPlaceholder, string | undefined> {
  return {
    paziente_cognome: patient.surname,
    paziente_nome: patient.givenName,
    paziente_codice_fiscale: given(patient.codiceFiscale) ? parseCodiceFiscale(patient.codiceFiscale) : undefined,
    paziente_data_nascita: italianDateOrMissing(patient.birthDate, 'data di nascita'),
    gestore: studio.gestore,
    mmg: studio.mmg,
    studio_indirizzo: studio.address,
    studio_telefono: studio.phone,
    studio_email: studio.email,
  };
}

/**
 * A value the page header or footer prints, whatever the template holds: missing, it is refused
 * like a required placeholder of the template.
 */
export function frameValue(template: string, values: Readonly<Record<string, string | undefined>>, labels: Readonly<Record<string, string>>, name: string): string {
  const value = values[name]?.replace(/\s+/g, ' ').trim();
  if (!value) {
    throw new TemplateError('missing-value', template, undefined, `no value for {{${name}}}, printed on every page`, `manca il dato richiesto «${labels[name] ?? name}» ({{${name}}})`);
  }
  return value;
}
