import type { Booking } from './booking/model';
import type { Pai } from './pai/model';
import { bookingsFor, itemOccurrences, type Occurrence } from './pai/schedule';

/**
 * Adherence to the PAI (the case manager's and the Centro Servizi's figure): for each planned
 * occurrence of a period, how far it got (prescribed, booked, performed) and whether its window
 * closed with nothing performed (overdue). The percentage is performed over performed plus
 * overdue: an occurrence whose window is still open is not yet a failure, so it is not counted.
 * The plan of a year is its last version: active and expired PAIs count, superseded,
 * cancelled and draft ones do not.
 */

export interface Period {
  from: string;
  to: string;
}

export interface AdherenceFigures {
  /** Occurrences whose date falls in the period. */
  planned: number;
  /** Of those, with a prescription (any booking with one, or booked further). */
  prescribed: number;
  /** Booked, confirmed or performed (a cancelled or missed booking does not count). */
  booked: number;
  performed: number;
  /** Window closed before today with nothing performed. */
  overdue: number;
  /** Whole percent performed of performed + overdue; null while nothing can be judged. */
  percent: number | null;
}

export interface ItemAdherence extends AdherenceFigures {
  code: string;
  description: string;
}

export interface PatientAdherence extends AdherenceFigures {
  patientId: number;
  items: ItemAdherence[];
}

const EMPTY = { planned: 0, prescribed: 0, booked: 0, performed: 0, overdue: 0 };
type Counts = typeof EMPTY;

const withPercent = (c: Counts): AdherenceFigures => ({ ...c, percent: c.performed + c.overdue === 0 ? null : Math.round((100 * c.performed) / (c.performed + c.overdue)) });

const addCounts = (a: Counts, b: Counts): Counts => ({
  planned: a.planned + b.planned,
  prescribed: a.prescribed + b.prescribed,
  booked: a.booked + b.booked,
  performed: a.performed + b.performed,
  overdue: a.overdue + b.overdue,
});

function countOccurrence(o: Occurrence, bookings: readonly Booking[], today: string): Counts {
  const served = bookingsFor(o, bookings);
  const performed = served.some((b) => b.status === 'performed' || b.status === 'reported');
  const booked = performed || served.some((b) => b.status === 'booked' || b.status === 'confirmed');
  const prescribed = booked || served.some((b) => b.prescriptionNumber !== null || b.dates.prescribedOn !== null);
  return { planned: 1, prescribed: Number(prescribed), booked: Number(booked), performed: Number(performed), overdue: Number(!performed && o.windowEnd < today) };
}

const counts = (pai: Pai) => pai.status === 'active' || pai.status === 'expired';

/** An occurrence of a patient's plan: what the store keeps of each PAI in force (pai_occurrences). */
export interface PlannedOccurrence extends Occurrence {
  patientId: number;
}

/** The occurrences of the PAIs that count, each tagged with its patient. */
export function plannedOccurrences(pais: readonly Pai[]): PlannedOccurrence[] {
  return pais.filter(counts).flatMap((pai) => pai.items.flatMap((item) => itemOccurrences(item, pai).map((o) => ({ ...o, patientId: pai.patientId }))));
}

/** One patient's figures item by item, from his occurrences and his bookings. */
function figuresOf(patientId: number, occurrences: readonly Occurrence[], own: readonly Booking[], period: Period, today: string): PatientAdherence {
  const byCode = new Map<string, { description: string; counts: Counts }>();
  for (const o of occurrences) {
    // An item with nothing planned in the period (one due less often than yearly) has no figures.
    if (o.date < period.from || o.date > period.to) continue;
    const entry = byCode.get(o.code) ?? { description: o.description, counts: EMPTY };
    entry.counts = addCounts(entry.counts, countOccurrence(o, own, today));
    byCode.set(o.code, entry);
  }
  const items = [...byCode].map(([code, e]) => ({ code, description: e.description, ...withPercent(e.counts) }));
  return { patientId, ...withPercent(items.reduce<Counts>((sum, i) => addCounts(sum, i), EMPTY)), items };
}

/** One patient's figures over his PAIs (of any years the period touches), item by item. */
export function patientAdherence(patientId: number, pais: readonly Pai[], bookings: readonly Booking[], period: Period, today: string): PatientAdherence {
  const own = bookings.filter((b) => b.patientId === patientId);
  return figuresOf(patientId, plannedOccurrences(pais.filter((p) => p.patientId === patientId)), own, period, today);
}

/** Worst first: lowest percentage, then most overdue; patients with nothing to judge last. */
export function compareWorstFirst(a: PatientAdherence, b: PatientAdherence): number {
  if (a.percent !== b.percent) {
    if (a.percent === null) return 1;
    if (b.percent === null) return -1;
    return a.percent - b.percent;
  }
  return b.overdue - a.overdue || a.patientId - b.patientId;
}

/** Every patient of the studio with a PAI, worst adherence first, and the studio's totals. */
export function studioAdherence(pais: readonly Pai[], bookings: readonly Booking[], period: Period, today: string): { patients: PatientAdherence[]; totals: AdherenceFigures } {
  return adherenceOfOccurrences(plannedOccurrences(pais), bookings, period, today);
}

/** One patient's counts for one prestazione, as the store's SQL gives them. */
export type ItemCounts = Counts & { patientId: number; code: string; description: string };

/**
 * Item figures counted elsewhere (the store counts them in SQL) assembled like the domain's:
 * each patient's totals, worst first, and the studio's totals.
 */
export function adherenceOfItems(items: readonly ItemCounts[]): { patients: PatientAdherence[]; totals: AdherenceFigures } {
  const byPatient = new Map<number, ItemAdherence[]>();
  for (const { patientId, code, description, ...counts } of items) {
    const item = { code, description, ...withPercent(counts) };
    const list = byPatient.get(patientId);
    if (list) list.push(item);
    else byPatient.set(patientId, [item]);
  }
  const patients = [...byPatient].map(([patientId, own]) => ({ patientId, ...withPercent(own.reduce<Counts>((sum, i) => addCounts(sum, i), EMPTY)), items: own })).sort(compareWorstFirst);
  return { patients, totals: withPercent(patients.reduce<Counts>((sum, p) => addCounts(sum, p), EMPTY)) };
}

/**
 * The same figures from the occurrences as the store keeps them: the studio list reads them with
 * one query instead of expanding every PAI's cadences. Patients with nothing planned in the period
 * are left out.
 */
export function adherenceOfOccurrences(occurrences: readonly PlannedOccurrence[], bookings: readonly Booking[], period: Period, today: string): { patients: PatientAdherence[]; totals: AdherenceFigures } {
  // Grouped once: a studio of 20,000 patients must not scan every booking for each of them.
  const occurrencesOf = groupByPatient(occurrences);
  const bookingsOf = groupByPatient(bookings);
  const patients = [...occurrencesOf]
    .map(([id, own]) => figuresOf(id, own, bookingsOf.get(id) ?? [], period, today))
    .filter((p) => p.planned > 0)
    .sort(compareWorstFirst);
  return { patients, totals: withPercent(patients.reduce<Counts>((sum, p) => addCounts(sum, p), EMPTY)) };
}

function groupByPatient<T extends { patientId: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(item.patientId);
    if (list) list.push(item);
    else out.set(item.patientId, [item]);
  }
  return out;
}
