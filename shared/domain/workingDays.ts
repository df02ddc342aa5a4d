import { addDays } from './dates';

/**
 * The studio's working days: Monday to Friday, except Italy's national holidays. A call that found
 * nobody is tried again on the next working day.
 */

/** Easter Sunday of a Gregorian year (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Capodanno, Epifania, Liberazione, Lavoro, Repubblica, Ferragosto, Ognissanti, Immacolata, Natale, Santo Stefano. */
const FIXED_HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];

export function isNationalHoliday(isoDate: string): boolean {
  if (FIXED_HOLIDAYS.includes(isoDate.slice(5))) return true;
  // Lunedì dell'Angelo.
  return isoDate === addDays(easterSunday(Number(isoDate.slice(0, 4))), 1);
}

/** 0 Sunday ... 6 Saturday, for an ISO date (no time zone involved). */
export function weekday(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWorkingDay(isoDate: string): boolean {
  const day = weekday(isoDate);
  return day !== 0 && day !== 6 && !isNationalHoliday(isoDate);
}

/** The first working day after `isoDate`. */
export function nextWorkingDay(isoDate: string): string {
  let day = addDays(isoDate, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
