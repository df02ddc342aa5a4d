import { ACTIVE_BOOKING_STATUSES, type Booking } from '../booking/model';
import { addDays, addMonths, daysBetween } from '../dates';
import { cadenceStep, nthOccurrence } from './cadence';
import type { Pai, PaiItem } from './model';

/**
 * When a PAI's prestazioni fall due. Each item recurs from its start date (the anchor) every
 * step of its cadence; the occurrences that fall within the PAI's validity are the year's plan.
 * An occurrence is due from its date until the day before the next one (or the end of the
 * validity): the windows of an item follow one another without overlapping, so a booking or a
 * performance belongs to exactly one of them.
 */

export interface Occurrence {
  code: string;
  description: string;
  /** The nominal date, anchor + k steps: it names the occurrence (a booking records it). */
  date: string;
  windowStart: string;
  windowEnd: string;
}

export interface Validity {
  validFrom: string;
  validTo: string;
}

/** The occurrences of one item within a validity (none when its cadence cannot be planned). */
export function itemOccurrences(item: PaiItem, validity: Validity): Occurrence[] {
  const step = cadenceStep(item.timing);
  if (!step) return [];
  const last = item.timing.bounds.end !== null && item.timing.bounds.end < validity.validTo ? item.timing.bounds.end : validity.validTo;
  const out: Occurrence[] = [];
  for (let k = 0; ; k++) {
    const date = nthOccurrence(item.timing.bounds.start, step, k);
    if (date > last) break;
    if (date < validity.validFrom) continue;
    const next = addDays(nthOccurrence(item.timing.bounds.start, step, k + 1), -1);
    out.push({ code: item.code, description: item.description, date, windowStart: date, windowEnd: next < last ? next : last });
  }
  return out;
}

/** Every occurrence of the PAI's year, by date (then code). */
export function paiSchedule(pai: Pai): Occurrence[] {
  return pai.items.flatMap((item) => itemOccurrences(item, pai)).sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code));
}

/** The occurrence of `code` whose window holds `date`: how a booking finds the plan's slot it fills. */
export function occurrenceAt(pai: Pai, code: string, date: string): Occurrence | null {
  const item = pai.items.find((i) => i.code === code);
  if (!item) return null;
  return itemOccurrences(item, pai).find((o) => o.windowStart <= date && date <= o.windowEnd) ?? null;
}

/** The bookings that serve an occurrence: same prestazione, their occurrence date within its window. */
export function bookingsFor<B extends Booking>(o: Occurrence, bookings: readonly B[]): B[] {
  return bookings.filter((b) => b.code === o.code && b.occurrence !== null && o.windowStart <= b.occurrence && b.occurrence <= o.windowEnd);
}

/** An occurrence is taken care of once a booking for it is under way or done; a cancelled or missed one is not. */
export function isTakenCareOf(o: Occurrence, bookings: readonly Booking[]): boolean {
  return bookingsFor(o, bookings).some((b) => ACTIVE_BOOKING_STATUSES.includes(b.status) || b.status === 'performed' || b.status === 'reported');
}

/**
 * How far ahead the due list looks: bookings take time (a class P waits up to 120 days), so an
 * occurrence is shown a month before its window opens.
 */
export const DUE_LOOKAHEAD_DAYS = 30;

export type DueState = 'upcoming' | 'open' | 'overdue';

export interface DueOccurrence extends Occurrence {
  state: DueState;
  /** Days until the window closes (negative once overdue). */
  daysLeft: number;
}

/**
 * What is to be requested from `today`: the occurrences whose window is open, opens within the
 * lookahead, or closed without anything done, leaving out those the patient's bookings already
 * take care of (other patients' bookings are ignored).
 */
export function dueOccurrences(pai: Pai, today: string, bookings: readonly Booking[], lookaheadDays = DUE_LOOKAHEAD_DAYS): DueOccurrence[] {
  const horizon = addDays(today, lookaheadDays);
  const own = bookings.filter((b) => b.patientId === pai.patientId);
  return paiSchedule(pai)
    .filter((o) => o.windowStart <= horizon && !isTakenCareOf(o, own))
    .map((o) => dueOf(o, today));
}

/** Where an occurrence stands on `today`; the store's occurrences (of the plan in force) get the same reading. */
export function dueOf<O extends Occurrence>(o: O, today: string): O & Pick<DueOccurrence, 'state' | 'daysLeft'> {
  return { ...o, state: o.windowEnd < today ? 'overdue' : o.windowStart <= today ? 'open' : 'upcoming', daysLeft: daysBetween(today, o.windowEnd) };
}

/** Prescriptions are valid 6 months: the year's prestazioni are prescribed in two batches. */
export const PRESCRIPTION_VALIDITY_MONTHS = 6;

export interface PrescriptionBatch {
  batch: 1 | 2;
  /** The day to prescribe (the batch's first day) and the last day the prescriptions cover. */
  from: string;
  to: string;
  lines: { code: string; description: string; dates: string[] }[];
}

/** The year's occurrences split into the first and the second six months of the validity. */
export function prescriptionBatches(pai: Pai): [PrescriptionBatch, PrescriptionBatch] {
  const secondFrom = addMonths(pai.validFrom, PRESCRIPTION_VALIDITY_MONTHS);
  const batch = (n: 1 | 2, from: string, to: string): PrescriptionBatch => ({
    batch: n,
    from,
    to,
    lines: pai.items
      .map((item) => ({ code: item.code, description: item.description, dates: itemOccurrences(item, pai).map((o) => o.date).filter((d) => from <= d && d <= to) }))
      .filter((line) => line.dates.length > 0),
  });
  return [batch(1, pai.validFrom, addDays(secondFrom, -1)), batch(2, secondFrom, pai.validTo)];
}
