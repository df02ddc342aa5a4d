import { addDays } from '../dates';
import { cadenceStep, nthOccurrence } from './cadence';
import { PAI_RENEWAL_NOTICE_DAYS, paiValidTo, type Pai, type PaiItem, type PaiRef } from './model';
import { assertYearFree, nextVersion, PaiVersionError } from './versions';

/**
 * The next year's PAI, prepared 30 days before the current one expires: a draft pre-filled from
 * the old one for the MMG to review. Every item keeps its rhythm: it starts on its first
 * occurrence in the new year, counted from its last performance when known, else from its old
 * start. So an item due less often than yearly (an eye visit every 24 months) carries over: it
 * stays in the plan even in a year in which it does not fall.
 */

export function renewalDueOn(pai: Pai): string {
  return addDays(pai.validTo, -PAI_RENEWAL_NOTICE_DAYS);
}

export function renewalDue(pai: Pai, today: string): boolean {
  return pai.status === 'active' && today >= renewalDueOn(pai);
}

export interface RenewalInput {
  today: string;
  /** The MMG who writes the new PAI. */
  authorCf: string;
  /** Last day each prestazione was performed, by code, when the bookings know it. */
  lastPerformed: ReadonlyMap<string, string>;
}

export interface Renewal {
  draft: Pai;
  /** Codes kept in the plan with no occurrence in the new year (their next one is later). */
  carriedOver: string[];
  /** Codes left out because their own end date came before the new year. */
  ended: string[];
}

/** The item's first occurrence on or after `from`, keeping its rhythm. */
function nextStart(item: PaiItem, from: string, lastPerformed: string | undefined): string {
  const step = cadenceStep(item.timing);
  if (!step) return from;
  if (lastPerformed !== undefined) {
    const next = nthOccurrence(lastPerformed, step, 1);
    return next < from ? from : next;
  }
  let k = 0;
  while (nthOccurrence(item.timing.bounds.start, step, k) < from) k++;
  return nthOccurrence(item.timing.bounds.start, step, k);
}

/**
 * The renewal draft of `old` (active, or already expired when the renewal comes late): the next
 * year, from the day after the old validity (or from today, if that day has passed), with the
 * pathologies, level, items, drugs and lifestyle goals of the old one and the vaccinations it
 * did not record as done.
 */
export function renewalDraft(old: Pai, existing: readonly PaiRef[], input: RenewalInput): Renewal {
  if (old.status !== 'active' && old.status !== 'expired') {
    throw new PaiVersionError('pai-not-renewable', `a ${old.status} PAI is not renewed`, 'Si rinnova un PAI attivo o scaduto.');
  }
  const year = old.year + 1;
  assertYearFree(existing, old.patientId, year);
  const dayAfter = addDays(old.validTo, 1);
  const validFrom = dayAfter < input.today ? input.today : dayAfter;
  const validTo = paiValidTo(validFrom);
  const ended: string[] = [];
  const carriedOver: string[] = [];
  const items: PaiItem[] = [];
  for (const item of old.items) {
    if (item.timing.bounds.end !== null && item.timing.bounds.end < validFrom) {
      ended.push(item.code);
      continue;
    }
    const start = nextStart(item, validFrom, input.lastPerformed.get(item.code));
    if (start > validTo) carriedOver.push(item.code);
    items.push({ ...item, timing: { ...item.timing, bounds: { ...item.timing.bounds, start } } });
  }
  const draft: Pai = {
    ...old,
    year,
    version: nextVersion(existing, old.patientId, year),
    status: 'draft',
    authorCf: input.authorCf,
    validFrom,
    validTo,
    createdOn: input.today,
    activatedOn: null,
    closedOn: null,
    cancelReason: null,
    items,
    vaccinations: old.vaccinations.filter((v) => v.doneOn === null),
  };
  return { draft, carriedOver, ended };
}
