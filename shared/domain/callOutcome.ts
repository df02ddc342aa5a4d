import { z } from 'zod';

/** What a call back to a patient gave. */
export const CallOutcome = z.enum(['appointment', 'no_answer', 'wrong_number', 'refused', 'call_back']);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CALL_OUTCOME_LABEL: Record<CallOutcome, string> = {
  appointment: 'Appuntamento fissato',
  no_answer: 'Non risponde',
  wrong_number: 'Numero errato',
  refused: 'Rifiuta',
  call_back: 'Richiamare',
};
