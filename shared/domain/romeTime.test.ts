import { describe, expect, it } from 'vitest';
import { ClockTime, hoursBetween, Instant, instantMs, isRomeSummerTime, romeDateOf, romeWallTimeMs } from './romeTime';

/** The time-zone database's answer, to check the arithmetic against. */
const romeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
function romeWallOf(ms: number): string {
  const p = Object.fromEntries(romeParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('Rome wall-clock time', () => {
  it('knows the summer-time changes of 2026 and 2027', () => {
    expect(isRomeSummerTime(instantMs('2026-03-29T00:59:00Z'))).toBe(false);
    expect(isRomeSummerTime(instantMs('2026-03-29T01:00:00Z'))).toBe(true);
    expect(isRomeSummerTime(instantMs('2026-10-25T00:59:00Z'))).toBe(true);
    expect(isRomeSummerTime(instantMs('2026-10-25T01:00:00Z'))).toBe(false);
    expect(isRomeSummerTime(instantMs('2027-03-28T01:00:00Z'))).toBe(true);
    expect(isRomeSummerTime(instantMs('2027-10-31T01:00:00Z'))).toBe(false);
  });

  it('agrees with the time-zone database on every day at 09:00 and 00:30 from 2017 to 2040', () => {
    const mismatches: string[] = [];
    for (let day = Date.UTC(2017, 0, 1); day < Date.UTC(2041, 0, 1); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (const time of ['09:00', '00:30']) {
        const ms = romeWallTimeMs(date, time);
        if (romeWallOf(ms) !== `${date} ${time}`) mismatches.push(`${date} ${time}`);
        if (romeDateOf(ms) !== date) mismatches.push(`day of ${date} ${time}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('resolves the skipped and the repeated hour like the core clock', () => {
    // 29 March 2026, 02:30 does not exist: the instant an hour later (03:30 CEST).
    expect(new Date(romeWallTimeMs('2026-03-29', '02:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026, 02:30 happens twice: the second one (CET).
    expect(new Date(romeWallTimeMs('2026-10-25', '02:30')).toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('counts real hours across the night the clocks change', () => {
    expect(hoursBetween(romeWallTimeMs('2026-03-28', '12:00'), romeWallTimeMs('2026-03-29', '12:00'))).toBe(23);
    expect(hoursBetween(romeWallTimeMs('2026-10-24', '12:00'), romeWallTimeMs('2026-10-25', '12:00'))).toBe(25);
  });

  it('gives the Rome day of an instant near midnight', () => {
    expect(romeDateOf(instantMs('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
    expect(romeDateOf(instantMs('2026-01-14T22:30:00Z'))).toBe('2026-01-14');
    expect(romeDateOf(instantMs('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('accepts instants with their offset only, and times as HH:MM', () => {
    expect(Instant.safeParse('2026-03-01T09:00:00+01:00').success).toBe(true);
    expect(Instant.safeParse('2026-03-01T08:00:00.000Z').success).toBe(true);
    expect(Instant.safeParse('2026-03-01T09:00:00').success).toBe(false);
    expect(Instant.safeParse('2026-03-01').success).toBe(false);
    expect(ClockTime.safeParse('08:05').success).toBe(true);
    expect(ClockTime.safeParse('24:00').success).toBe(false);
    expect(ClockTime.safeParse('8:05').error?.issues[0]?.message).toBe('ora non valida (atteso HH:MM)');
  });
});
