import { describe, expect, it } from 'vitest';
import { daysBetween, formatTimestamp, parseDateInput } from './dateInput';

const today = '2025-03-12';
const ok = (text: string, twoDigitYear: 'past' | 'recent' = 'past') => {
  const r = parseDateInput(text, { today, twoDigitYear });
  return r.ok ? r.iso : `ERR ${r.message}`;
};

describe('parseDateInput', () => {
  it('reads the Italian dd/mm/yyyy and its usual variants', () => {
    expect(ok('05/03/2025')).toBe('2025-03-05');
    expect(ok('5/3/2025')).toBe('2025-03-05');
    expect(ok(' 05.03.2025 ')).toBe('2025-03-05');
    expect(ok('05-03-2025')).toBe('2025-03-05');
    expect(ok('05 03 2025')).toBe('2025-03-05');
    expect(ok('05032025')).toBe('2025-03-05');
    expect(ok('2025-03-05')).toBe('2025-03-05');
  });
  it('places two-digit years in the past for births, in this century for letters and appointments', () => {
    expect(ok('5/3/25')).toBe('2025-03-05');
    expect(ok('050325')).toBe('2025-03-05');
    expect(ok('7/3/50')).toBe('1950-03-07');
    expect(ok('13/3/25')).toBe('1925-03-13');
    expect(ok('13/3/25', 'recent')).toBe('2025-03-13');
    expect(ok('1/2/26', 'recent')).toBe('2026-02-01');
  });
  it('refuses impossible dates and other text, in Italian', () => {
    expect(ok('31/02/2025')).toBe('ERR La data 31/02/2025 non esiste.');
    expect(ok('00/01/2025')).toBe('ERR La data 00/01/2025 non esiste.');
    expect(ok('12/13/2025')).toMatch(/non esiste/);
    expect(ok('2025-02-30')).toBe('ERR La data 30/02/2025 non esiste.');
    expect(ok('ieri')).toMatch(/^ERR Data non valida/);
    expect(ok('1/2/3')).toMatch(/^ERR Data non valida/);
    const empty = parseDateInput('  ', { today });
    expect(empty).toEqual({ ok: false, empty: true, message: 'Indicare la data (giorno/mese/anno).' });
  });
  it('accepts 29 February only in leap years', () => {
    expect(ok('29/02/2024')).toBe('2024-02-29');
    expect(ok('29/02/2023')).toMatch(/non esiste/);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, across months and daylight saving', () => {
    expect(daysBetween('2025-03-12', '2025-03-19')).toBe(7);
    expect(daysBetween('2025-03-12', '2025-03-12')).toBe(0);
    expect(daysBetween('2025-03-12', '2025-03-11')).toBe(-1);
    expect(daysBetween('2025-03-28', '2025-04-02')).toBe(5);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
  });
});

describe('formatTimestamp', () => {
  it("shows a stored instant in the studio's time, summer time included", () => {
    expect(formatTimestamp('2025-03-12T08:05:00.000Z')).toBe('12/03/2025 09:05');
    expect(formatTimestamp('2025-07-01T22:30:00.000Z')).toBe('02/07/2025 00:30');
    expect(formatTimestamp('2027-12-31T23:30:00.000Z')).toBe('01/01/2028 00:30');
  });
  it('leaves anything else as it is', () => {
    expect(formatTimestamp('ieri')).toBe('ieri');
    expect(formatTimestamp('2025-03-12')).toBe('2025-03-12');
  });
});
