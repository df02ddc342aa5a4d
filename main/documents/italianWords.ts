/**
 * Dates and cadences in the words of a letter to a patient: "lunedì 17 marzo 2025",
 * "marzo, luglio e novembre 2025", "ogni 6 mesi", "2 volte l'anno".
 */
import type { Cadence, PeriodUnit } from '../../shared/domain/pai/cadence';
import { weekday } from '../../shared/domain/workingDays';

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const WEEKDAYS = ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'];

const monthOf = (iso: string): number => Number(iso.slice(5, 7));
const yearOf = (iso: string): number => Number(iso.slice(0, 4));

/** "2025-03-17" -> "lunedì 17 marzo 2025". */
export function longItalianDate(iso: string): string {
  return `${WEEKDAYS[weekday(iso)]} ${Number(iso.slice(8, 10))} ${MONTHS[monthOf(iso) - 1]} ${yearOf(iso)}`;
}

/** "2025-03-17" -> "marzo 2025". */
export function monthAndYear(iso: string): string {
  return `${MONTHS[monthOf(iso) - 1]} ${yearOf(iso)}`;
}

/** "a", "a e b", "a, b e c"; "ed" before a word starting with e ("Glicemia ed Emocromo"). */
export function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts.at(-1) as string;
  return `${parts.slice(0, -1).join(', ')} ${/^[eEèÈéÉ]/.test(last) ? 'ed' : 'e'} ${last}`;
}

/**
 * The months holding some of the dates: "marzo, luglio e novembre 2025", "novembre 2025 e marzo
 * 2026" (each year named once, after its months); three months or more without a gap are a span,
 * "da marzo 2025 a febbraio 2026". Empty for no dates.
 */
export function monthsInWords(dates: readonly string[]): string {
  const months = [...new Set(dates.map((d) => yearOf(d) * 12 + monthOf(d) - 1))].sort((a, b) => a - b);
  if (months.length === 0) return '';
  const name = (m: number): string => MONTHS[m % 12] as string;
  const year = (m: number): number => Math.floor(m / 12);
  const first = months[0] as number;
  const last = months.at(-1) as number;
  if (months.length >= 3 && last - first + 1 === months.length) {
    return year(first) === year(last) ? `da ${name(first)} a ${name(last)} ${year(last)}` : `da ${name(first)} ${year(first)} a ${name(last)} ${year(last)}`;
  }
  const years = [...new Set(months.map(year))];
  if (years.length === 1) return `${joinWithAnd(months.map(name))} ${years[0]}`;
  return joinWithAnd(years.map((y) => `${joinWithAnd(months.filter((m) => year(m) === y).map(name))} ${y}`));
}

const UNIT: Record<PeriodUnit, { one: string; many: string; per: string }> = {
  d: { one: 'giorno', many: 'giorni', per: 'al giorno' },
  wk: { one: 'settimana', many: 'settimane', per: 'alla settimana' },
  mo: { one: 'mese', many: 'mesi', per: 'al mese' },
  a: { one: 'anno', many: 'anni', per: "l'anno" },
};

/** A cadence as a patient says it: "ogni 6 mesi", "ogni 2 anni", "ogni 4-6 mesi", "2 volte l'anno". */
export function cadenceInWords(c: Cadence): string {
  // 24 months are "2 anni" to a patient; 18 stay months.
  const inYears = c.periodUnit === 'mo' && c.period % 12 === 0 && (c.periodMax === null || c.periodMax % 12 === 0);
  const unit = inYears ? UNIT.a : UNIT[c.periodUnit];
  const period = inYears ? c.period / 12 : c.period;
  const periodMax = c.periodMax === null ? null : inYears ? c.periodMax / 12 : c.periodMax;
  const ranged = periodMax !== null && periodMax !== period;
  if (c.frequency > 1 && period === 1 && !ranged) return `${c.frequency} volte ${unit.per}`;
  const span = ranged ? `${period}-${periodMax} ${unit.many}` : period === 1 ? unit.one : `${period} ${unit.many}`;
  return c.frequency === 1 ? `ogni ${span}` : `${c.frequency} volte ogni ${span}`;
}
