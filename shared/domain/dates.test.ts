import { describe, expect, it } from 'vitest';
import { addDays, ageOn, formatItalianDate, isIsoDate } from './dates';

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
  it('formats and computes ages the Italian way', () => {
    expect(formatItalianDate('1950-03-07')).toBe('07/03/1950');
    expect(ageOn('1950-03-07', '2026-03-06')).toBe(75);
    expect(ageOn('1950-03-07', '2026-03-07')).toBe(76);
  });
});
