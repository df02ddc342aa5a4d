import { z } from 'zod';
import { IsoDate } from './dates';

/**
 * PAI, Piano di Assistenza Individuale: the year's planned prestazioni with their cadence, plus
 * drugs, lifestyle and vaccinations. It expires and must be renewed.
 */
export const PaiItem = z.object({
  /** Code of the prestazione in the regional outpatient catalogue. */
  prestazioneCode: z.string().min(1).max(20),
  description: z.string().min(1).max(200),
  /** How often, in months (12 = once a year). */
  cadenceMonths: z.number().int().min(1).max(60),
  nextDue: IsoDate.nullable(),
});
export type PaiItem = z.infer<typeof PaiItem>;

export const PaiStatus = z.enum(['draft', 'active', 'expired', 'cancelled']);
export type PaiStatus = z.infer<typeof PaiStatus>;

export const Pai = z.object({
  year: z.number().int().min(2017).max(2100),
  validFrom: IsoDate,
  validTo: IsoDate,
  status: PaiStatus,
  items: z.array(PaiItem),
  drugs: z.string().max(4000).nullable(),
  lifestyle: z.string().max(4000).nullable(),
  vaccinations: z.string().max(4000).nullable(),
});
export type Pai = z.infer<typeof Pai>;
