import { z } from 'zod';
import { ChronicLevel } from './chronicLevel';
import { parseCodiceFiscale } from './codiceFiscale';
import { IsoDate } from './dates';

export const CodiceFiscale = z.string().transform((value, ctx) => {
  try {
    return parseCodiceFiscale(value);
  } catch (err) {
    // The Italian sentence for the UI, the English one (params.en) for logs and the CLI.
    const e = err as { userMessage?: string; message?: string };
    ctx.addIssue({ code: 'custom', message: e.userMessage ?? 'codice fiscale non valido', params: { en: e.message ?? 'invalid codice fiscale' } });
    return z.NEVER;
  }
});

export const Sex = z.enum(['M', 'F']);
export type Sex = z.infer<typeof Sex>;

const Name = z.string().trim().min(1).max(80);

/** What is needed to create a patient; everything else is learnt later. */
export const NewPatient = z.object({
  codiceFiscale: CodiceFiscale,
  surname: Name,
  givenName: Name,
  birthDate: IsoDate,
  sex: Sex,
  birthPlaceCode: z.string().regex(/^[A-Z]\d{3}$/).nullable().default(null),
  phone: z.string().max(40).nullable().default(null),
  mobile: z.string().max(40).nullable().default(null),
  email: z.string().max(120).nullable().default(null),
  chronicLevel: ChronicLevel.nullable().default(null),
});
export type NewPatient = z.output<typeof NewPatient>;

export const PatientSummary = z.object({
  id: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  birthDate: IsoDate,
  sex: Sex,
  chronicLevel: ChronicLevel.nullable(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

/**
 * Search key for names: upper case, accents and punctuation dropped, so that "d'amico",
 * "D AMICO" and "DAMICO" all find "D'Amico", and "nicolo" finds "Nicolò".
 */
export function nameKey(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');
}
