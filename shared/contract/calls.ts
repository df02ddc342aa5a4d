import { z } from 'zod';
import { CallOutcome } from '../domain/callOutcome';
import { ChronicLevel } from '../domain/chronicLevel';
import { IsoDate } from '../domain/dates';
import { LetterType } from '../domain/letter';
import { Id, ShortText } from './fields';

/** Richiami: whom to call back, and what each call gave. */

export const CallAttempt = z.object({
  at: z.string(),
  outcome: CallOutcome,
  /** Appointment or call-back date. */
  date: IsoDate.nullable(),
  note: z.string().nullable(),
  operatorCf: z.string().nullable(),
});
export type CallAttempt = z.infer<typeof CallAttempt>;

export const CallListEntry = z.object({
  patientId: z.number().int(),
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  birthDate: IsoDate,
  chronicLevel: ChronicLevel.nullable(),
  /** letter: brought the ATS letter; ats-list: on the ATS list, never came. */
  source: z.enum(['letter', 'ats-list']),
  letterType: LetterType.nullable(),
  letterDate: IsoDate.nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  preferredCallTime: z.string().nullable(),
  attempts: z.number().int(),
  lastAttempt: CallAttempt.nullable(),
});
export type CallListEntry = z.infer<typeof CallListEntry>;

export const RecordCallInput = z.object({
  patientId: Id,
  outcome: CallOutcome,
  date: IsoDate.optional(),
  note: ShortText.optional(),
});
export type RecordCallInput = z.infer<typeof RecordCallInput>;

export const callListCalls = {
  'calls.list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({ entries: z.array(CallListEntry), total: z.number().int() }),
  },
  'calls.record': { input: RecordCallInput, output: z.object({ entry: CallListEntry.nullable() }) },
} as const;
