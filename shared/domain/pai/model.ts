import { z } from 'zod';
import { PriorityClass } from '../booking/model';
import { ChronicLevel } from '../chronicLevel';
import { addDays, addMonths, IsoDate } from '../dates';
import { isRegionalPathologyCode } from '../pathology';
import { CodiceFiscale } from '../patient';
import { Timing } from './cadence';

/**
 * PAI, Piano di Assistenza Individuale: per enrolled patient, one a year, with the year's planned
 * prestazioni and their cadence, the chronic drugs, lifestyle goals and vaccinations. Changing an
 * active PAI makes a new version of it (the old one is kept as superseded). These schemas are the
 * shape of what crosses the API, with Italian messages for a bad field; the rules across fields
 * (one primary pathology, what activation needs) are validation.ts's.
 */

export const PaiStatus = z.enum(['draft', 'active', 'expired', 'superseded', 'cancelled']);
export type PaiStatus = z.infer<typeof PaiStatus>;

export const PAI_STATUS_LABEL: Record<PaiStatus, string> = {
  draft: 'Bozza',
  active: 'Attivo',
  expired: 'Scaduto',
  superseded: 'Sostituito da una versione successiva',
  cancelled: 'Annullato',
};

/** A PAI is valid 12 months, like the Patto di Cura it goes with. */
export const PAI_VALIDITY_MONTHS = 12;
/** The renewal is prepared this many days before the PAI expires. */
export const PAI_RENEWAL_NOTICE_DAYS = 30;

/**
 * Last day of a PAI that starts on `validFrom`: the day before the same date 12 months later,
 * counted like the occurrences of its items (addMonths). From 29 February that is 27 February,
 * a day before the Patto di Cura's end (enrollmentMachine.periodEndFrom): otherwise a yearly
 * prestazione from 29 February would fall twice in one PAI, on 29 February and on 28 February.
 */
export function paiValidTo(validFrom: string): string {
  return addDays(addMonths(validFrom, PAI_VALIDITY_MONTHS), -1);
}

/** Regione Lombardia's SGDT-TipologiaProblemaSalute, without 5 (a nursing problem is no pathology). */
export const PATHOLOGY_ROLE_SYSTEM = 'https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-TipologiaProblemaSalute';
export const PathologyRole = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Ruolo della patologia non valido (1-4).' });
export type PathologyRole = z.infer<typeof PathologyRole>;
export const PATHOLOGY_ROLE_LABEL: Record<PathologyRole, string> = {
  1: 'Patologia primaria',
  2: 'Patologia secondaria',
  3: 'Patologia ulteriore',
  4: 'Condizione clinica prevalente',
};

/** Regione Lombardia's GPC-LivelloGravita. */
export const SEVERITY_SYSTEM = 'https://fhir.siss.regione.lombardia.it/CodeSystem/GPC-LivelloGravita';
export const Severity = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'Gravità non valida (1 alta, 2 media, 3 bassa).' });
export type Severity = z.infer<typeof Severity>;
export const SEVERITY_LABEL: Record<Severity, string> = { 1: 'Gravità alta', 2: 'Gravità media', 3: 'Gravità bassa' };

export const PaiPathology = z.object({
  /** Code of the 65 regional pathologies (SGDT-PatologieNonICD9CM). */
  code: z.number().int().refine(isRegionalPathologyCode, { error: 'La patologia non è nell\'elenco regionale delle 65 patologie croniche.' }),
  role: PathologyRole,
  severity: Severity,
});
export type PaiPathology = z.infer<typeof PaiPathology>;

export const PaiItem = z.object({
  /** National catalogue code; one outside the catalogue is kept and flagged by validation. */
  code: z.string().trim().toUpperCase().min(1, { error: 'Indicare il codice della prestazione.' }).max(20),
  description: z.string().trim().min(1, { error: 'Indicare la descrizione della prestazione.' }).max(500),
  timing: Timing,
  /** CUP class when the item is a first access; null for the plan's follow-ups. */
  priority: PriorityClass.nullable(),
  /** Templates the item came from (pai/templates.ts): defaults the MMG reviews. Empty when written by hand. */
  fromTemplates: z.array(z.string()),
  note: z.string().trim().max(500).nullable(),
});
export type PaiItem = z.infer<typeof PaiItem>;

/** ATC code of the substance (level 5), e.g. C09AA05: what record software exports. */
export const ChronicDrug = z.object({
  atc: z.string().trim().toUpperCase().regex(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/, { error: 'Codice ATC non valido: attesi 7 caratteri come C09AA05.' }),
  name: z.string().trim().min(1, { error: 'Indicare il nome del farmaco.' }).max(200),
  dosage: z.string().trim().max(200).nullable(),
});
export type ChronicDrug = z.infer<typeof ChronicDrug>;

export const LifestyleArea = z.enum(['alimentazione', 'attivita_fisica', 'fumo', 'alcol', 'peso', 'altro']);
export type LifestyleArea = z.infer<typeof LifestyleArea>;
export const LIFESTYLE_AREA_LABEL: Record<LifestyleArea, string> = {
  alimentazione: 'Alimentazione',
  attivita_fisica: 'Attività fisica',
  fumo: 'Fumo',
  alcol: 'Alcol',
  peso: 'Peso corporeo',
  altro: 'Altro',
};

export const LifestyleGoal = z.object({
  area: LifestyleArea,
  goal: z.string().trim().min(1, { error: 'Descrivere l\'obiettivo sullo stile di vita.' }).max(500),
});
export type LifestyleGoal = z.infer<typeof LifestyleGoal>;

export const Vaccination = z.object({
  vaccine: z.string().trim().min(1, { error: 'Indicare il vaccino.' }).max(200),
  dueOn: IsoDate.nullable(),
  doneOn: IsoDate.nullable(),
});
export type Vaccination = z.infer<typeof Vaccination>;

export const Pai = z.object({
  patientId: z.number().int().positive(),
  /** The PAI's year: versions of one year share it; the renewal is the next year's. */
  year: z.number().int().min(2017).max(2100),
  version: z.number().int().min(1),
  status: PaiStatus,
  chronicLevel: ChronicLevel,
  /** The MMG who writes and signs it. */
  authorCf: CodiceFiscale,
  validFrom: IsoDate,
  validTo: IsoDate,
  createdOn: IsoDate,
  activatedOn: IsoDate.nullable(),
  /** When it expired, was superseded or was cancelled. */
  closedOn: IsoDate.nullable(),
  /** Why it was cancelled (disenrollment, transfer to another Gestore). */
  cancelReason: z.string().trim().max(500).nullable(),
  pathologies: z.array(PaiPathology),
  items: z.array(PaiItem),
  drugs: z.array(ChronicDrug),
  lifestyle: z.array(LifestyleGoal),
  vaccinations: z.array(Vaccination),
});
export type Pai = z.infer<typeof Pai>;

/** What the rules about versions need to know of a patient's other PAIs. */
export type PaiRef = Pick<Pai, 'patientId' | 'year' | 'version' | 'status'>;
