import { z } from 'zod';

/**
 * Wall-clock time in the studio (Europe/Rome) and real instants, for the rules counted in hours
 * (the 48 hours of a cancellation). Computed from the EU summer-time rule, in force since 1996:
 * from the last Sunday of March to the last Sunday of October, both at 01:00 UTC. No Date in
 * local time and no time-zone database, so the answer is the same on any machine.
 */

/** A moment, as ISO 8601 with its offset ("2027-03-01T08:00:00Z", "…T09:00:00+01:00"). */
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, { error: 'istante non valido (atteso AAAA-MM-GGTHH:MM con il fuso, per esempio Z)' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'istante non valido' });
export type Instant = z.infer<typeof Instant>;

/** A time of day on the studio's clock, "HH:MM". */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'ora non valida (atteso HH:MM)' });
export type ClockTime = z.infer<typeof ClockTime>;

const HOUR = 3_600_000;

/** Milliseconds since the epoch of an Instant: the offset is in the text, so no zone is guessed. */
export function instantMs(instant: string): number {
  return Date.parse(instant);
}

/** 01:00 UTC of the last Sunday of `month` (1-12) in `year`. */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

export function isRomeSummerTime(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayOneUtc(year, 3) && ms < lastSundayOneUtc(year, 10);
}

/**
 * The instant a Rome wall-clock time names. In the hour skipped in spring it is the instant an
 * hour later; in the hour repeated in autumn, the second of the two (as main/clock.ts does).
 */
export function romeWallTimeMs(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const winter = wall - HOUR;
  if (!isRomeSummerTime(winter)) return winter;
  const summer = wall - 2 * HOUR;
  return isRomeSummerTime(summer) ? summer : winter;
}

/** The calendar day in Rome at an instant. */
export function romeDateOf(ms: number): string {
  const offset = isRomeSummerTime(ms) ? 2 * HOUR : HOUR;
  return new Date(ms + offset).toISOString().slice(0, 10);
}

/** Real hours from `fromMs` to `toMs` (47 across the night clocks go forward, 49 back). */
export function hoursBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / HOUR;
}
