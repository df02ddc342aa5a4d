import { z } from 'zod';
import { addDays, addMonths, IsoDate } from '../dates';

/**
 * How often a PAI prestazione recurs, as FHIR's Timing.repeat says it: `frequency` times every
 * `period` `periodUnit`, the period possibly stretching to `periodMax` ("every 4-6 months"),
 * within `bounds`. The plan counts with `period`, the tighter figure; `periodMax` is the
 * clinician's latitude, shown with the cadence. Units shorter than a day mean nothing in a
 * yearly plan and are not accepted.
 */

export const PeriodUnit = z.enum(['d', 'wk', 'mo', 'a']);
export type PeriodUnit = z.infer<typeof PeriodUnit>;

const UNIT_WORDS: Record<PeriodUnit, [singular: string, plural: string]> = {
  d: ['giorno', 'giorni'],
  wk: ['settimana', 'settimane'],
  mo: ['mese', 'mesi'],
  a: ['anno', 'anni'],
};

const CadenceShape = z.object({
  frequency: z.number().int({ error: 'La frequenza deve essere un numero intero.' }),
  period: z.number().int({ error: 'La cadenza deve essere un numero intero di giorni, settimane, mesi o anni.' }),
  periodMax: z.number().int({ error: 'La cadenza massima deve essere un numero intero.' }).nullable(),
  periodUnit: PeriodUnit,
});
export type Cadence = z.infer<typeof CadenceShape>;

export interface CadenceProblem {
  field: 'frequency' | 'period' | 'periodMax';
  message: string;
}

/** The interval between two occurrences, in whole days or whole calendar months. */
export interface CadenceStep {
  unit: 'day' | 'month';
  count: number;
}

/** Null when the cadence does not divide into whole days or months (3 times a month). */
export function cadenceStep(c: Cadence): CadenceStep | null {
  const monthly = c.periodUnit === 'mo' || c.periodUnit === 'a';
  const span = c.period * (c.periodUnit === 'a' ? 12 : c.periodUnit === 'wk' ? 7 : 1);
  if (c.frequency < 1 || c.period < 1 || span % c.frequency !== 0) return null;
  return { unit: monthly ? 'month' : 'day', count: span / c.frequency };
}

/** What is wrong with a cadence, in Italian, field by field; empty when it can be planned. */
export function cadenceProblems(c: Cadence): CadenceProblem[] {
  const problems: CadenceProblem[] = [];
  if (c.frequency < 1) problems.push({ field: 'frequency', message: 'La frequenza deve essere di almeno una volta per periodo.' });
  if (c.period < 1) problems.push({ field: 'period', message: 'La cadenza deve essere maggiore di zero: indicare ogni quanti giorni, settimane, mesi o anni.' });
  if (c.periodMax !== null && c.periodMax < c.period) problems.push({ field: 'periodMax', message: 'La cadenza massima non può essere inferiore alla cadenza.' });
  if (problems.length === 0 && cadenceStep(c) === null) {
    problems.push({ field: 'frequency', message: `${c.frequency} volte ogni ${c.period} ${UNIT_WORDS[c.periodUnit][c.period === 1 ? 0 : 1]} non danno un intervallo intero: indicare la cadenza in giorni o settimane.` });
  }
  return problems;
}

export const Cadence = CadenceShape.superRefine((c, ctx) => {
  for (const p of cadenceProblems(c)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
});

/** A cadence anchored in time: the first occurrence is `bounds.start`, none after `bounds.end`. */
export const Timing = CadenceShape.extend({
  bounds: z.object({ start: IsoDate, end: IsoDate.nullable() }),
}).superRefine((t, ctx) => {
  for (const p of cadenceProblems(t)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  if (t.bounds.end !== null && t.bounds.end < t.bounds.start) ctx.addIssue({ code: 'custom', path: ['bounds', 'end'], message: 'La data di fine non può precedere la data di inizio.' });
});
export type Timing = z.infer<typeof Timing>;

/** The k-th occurrence after `anchor`, counted from the anchor so that month ends never drift. */
export function nthOccurrence(anchor: string, step: CadenceStep, k: number): string {
  return step.unit === 'month' ? addMonths(anchor, k * step.count) : addDays(anchor, k * step.count);
}

/** Average length of a step in days: only to compare two cadences. */
function approximateDays(step: CadenceStep): number {
  return step.unit === 'month' ? step.count * 30.436875 : step.count;
}

/**
 * The tighter of two cadences (shorter interval; on a tie, the smaller stretch): what a merge of
 * templates keeps when both list the same prestazione. A cadence that cannot be planned loses.
 */
export function tighterCadence<C extends Cadence>(a: C, b: C): C {
  const sa = cadenceStep(a);
  const sb = cadenceStep(b);
  if (!sa || !sb) return sa ? a : b;
  const da = approximateDays(sa);
  const db = approximateDays(sb);
  if (da !== db) return da < db ? a : b;
  return stretch(a) <= stretch(b) ? a : b;
}

/** How far the period may stretch, as a ratio: 1 when it may not (unit-free, so comparable). */
function stretch(c: Cadence): number {
  return (c.periodMax ?? c.period) / c.period;
}

/** "ogni 4-6 mesi", "ogni anno", "2 volte ogni anno": the cadence as the PAI prints it. */
export function cadenceLabel(c: Cadence): string {
  const [one, many] = UNIT_WORDS[c.periodUnit];
  const range = c.periodMax !== null && c.periodMax !== c.period ? `${c.period}-${c.periodMax} ${many}` : c.period === 1 ? one : `${c.period} ${many}`;
  return c.frequency === 1 ? `ogni ${range}` : `${c.frequency} volte ogni ${range}`;
}

export interface FhirTiming {
  repeat: {
    boundsPeriod: { start: string; end?: string };
    frequency: number;
    period: number;
    periodMax?: number;
    periodUnit: PeriodUnit;
  };
}

/** The FHIR R4 Timing of a PAI item, for the CarePlan sent to the Centro Servizi. */
export function toFhirTiming(t: Timing): FhirTiming {
  return {
    repeat: {
      boundsPeriod: t.bounds.end === null ? { start: t.bounds.start } : { start: t.bounds.start, end: t.bounds.end },
      frequency: t.frequency,
      period: t.period,
      ...(t.periodMax === null ? {} : { periodMax: t.periodMax }),
      periodUnit: t.periodUnit,
    },
  };
}
