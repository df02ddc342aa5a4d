import { z } from 'zod';
import { DESK } from '../domain/access';
import { IsoDate } from '../domain/dates';
import { LetterType } from '../domain/letter';
import { Id, Phone, ShortText } from './fields';
import { PatientDetail } from './patients';

/** Accoglienza: a patient walks in with the ATS letter. */

export const WalkInInput = z.object({
  patientId: Id,
  letterType: LetterType,
  letterDate: IsoDate,
  phone: Phone.optional(),
  mobile: Phone.optional(),
  preferredCallTime: ShortText.max(80).optional(),
  note: ShortText.optional(),
});
export type WalkInInput = z.infer<typeof WalkInInput>;

export const walkinCalls = {
  /** A patient came with the ATS letter: keep it and the contacts, make him a candidate. */
  'walkin.record': { access: DESK, input: WalkInInput, output: z.object({ patient: PatientDetail, message: z.string() }) },
} as const;
