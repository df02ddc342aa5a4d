import { describe, expect, it } from 'vitest';
import { easterSunday, isNationalHoliday, isWorkingDay, nextWorkingDay } from './workingDays';

describe('working days', () => {
  it('knows Easter', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2028)).toBe('2028-04-16');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it("knows Italy's national holidays, Easter Monday included", () => {
    expect(isNationalHoliday('2027-03-29')).toBe(true);
    expect(isNationalHoliday('2026-12-08')).toBe(true);
    expect(isNationalHoliday('2026-06-02')).toBe(true);
    expect(isNationalHoliday('2026-12-09')).toBe(false);
  });

  it('moves a call to the next working day: over weekends, holidays and the turn of the year', () => {
    expect(nextWorkingDay('2026-12-01')).toBe('2026-12-02'); // Tuesday -> Wednesday
    expect(nextWorkingDay('2026-12-04')).toBe('2026-12-07'); // Friday -> Monday
    expect(nextWorkingDay('2026-12-07')).toBe('2026-12-09'); // 8 December
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28'); // Christmas, Santo Stefano, Sunday
    expect(nextWorkingDay('2027-12-31')).toBe('2028-01-03'); // New Year's Day, weekend
    expect(nextWorkingDay('2027-03-26')).toBe('2027-03-30'); // Friday before Easter Monday
    expect(nextWorkingDay('2028-02-28')).toBe('2028-02-29');
    expect(isWorkingDay('2028-02-29')).toBe(true);
  });
});
