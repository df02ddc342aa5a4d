import { z } from 'zod';
import { IsoDate } from './dates';

/** Type of the ATS letter the patient received: it says where the patient should go. */
export const LetterType = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export type LetterType = z.infer<typeof LetterType>;

export const LETTER_TYPE_LABEL: Record<LetterType, string> = {
  1: 'Tipo 1 - già arruolato nella sperimentazione CReG: si rivolga alla cooperativa',
  2: 'Tipo 2 - livello 3, MMG aderente: il medico è il riferimento',
  3: 'Tipo 3 - livelli 1-2, MMG aderente: il medico o il Contact Center',
  4: 'Tipo 4 - utilizzatori frequenti: elenco dei Gestori e Contact Center',
  5: 'Tipo 5 - altri utilizzatori frequenti',
};

export const Letter = z.object({
  type: LetterType,
  /** Date printed on the letter (the ATS tranche it belongs to); null when the ATS list did not say it. */
  trancheDate: IsoDate.nullable(),
  /** When the patient brought it to the studio. */
  receivedAt: IsoDate.nullable(),
  note: z.string().max(500).nullable(),
});
export type Letter = z.infer<typeof Letter>;
