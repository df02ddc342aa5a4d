import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, daysBetween, formatItalianDate, isIsoDate } from './dates';

describe('dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('07/03/1950')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-12-00')).toBe(false);
    expect(isIsoDate('2026-12-31')).toBe(true);
  });
  it('adds days across months and DST changes', () => {
    expect(addDays('2026-03-27', 7)).toBe('2026-04-03');
    expect(addDays('2026-10-23', 7)).toBe('2026-10-30');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });
  it('adds months keeping the day, or the month end when the month is shorter', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-10-25', 5)).toBe('2027-03-25');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-15', -13)).toBe('2025-12-15');
  });
  it('counts days across years, leap days and DST changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365);
  });
  it('formats and computes ages the Italian way', () => {
    expect(formatItalianDate('1950-03-07')).toBe('07/03/1950');
    expect(ageOn('1950-03-07', '2026-03-06')).toBe(75);
    expect(ageOn('1950-03-07', '2026-03-07')).toBe(76);
  });
});
