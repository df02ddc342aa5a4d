import { z } from 'zod';

/** Calendar date as YYYY-MM-DD, checked to exist (no 31 February). */
export const IsoDate = z.string().refine(isIsoDate, { message: 'data non valida (atteso AAAA-MM-GG)' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Checked without building a Date: imports call this for every row. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/** Adds whole days to an ISO date, in UTC so that daylight saving never shifts the result. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Adds calendar months. A day the target month lacks becomes its last day, as with a term in
 * months (31 January + 1 month = 28 or 29 February; 29 February + 12 months = 28 February).
 * Counted on the numbers alone: no Date, so no time zone can move the day.
 */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days from `from` to `to`, both ISO dates: negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  const utc = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** "1950-03-07" -> "07/03/1950", the form Italian users read and write. */
export function formatItalianDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Whole years between a birth date and a day, both ISO. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** No patient of this studio was born before this day. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Why a birth date cannot be a patient's (in the future, before 1900), in English and Italian; null when it can. */
export function birthDateProblem(birthDate: string, today: string): { en: string; it: string } | null {
  if (birthDate > today) return { en: `birth date ${birthDate} is in the future`, it: `La data di nascita ${formatItalianDate(birthDate)} è nel futuro.` };
  if (birthDate < EARLIEST_BIRTH_DATE) return { en: `birth date ${birthDate} is before 1900`, it: `La data di nascita ${formatItalianDate(birthDate)} è anteriore al 1900.` };
  return null;
}
