import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../shared/domain/pai/cadence';
import { cadenceInWords, joinWithAnd, longItalianDate, monthAndYear, monthsInWords } from './italianWords';

const cadence = (frequency: number, period: number, periodUnit: Cadence['periodUnit'], periodMax: number | null = null): Cadence => ({ frequency, period, periodMax, periodUnit });

describe('cadenceInWords', () => {
  it.each([
    [cadence(1, 6, 'mo'), 'ogni 6 mesi'],
    [cadence(1, 4, 'mo', 6), 'ogni 4-6 mesi'],
    [cadence(1, 1, 'a'), 'ogni anno'],
    [cadence(1, 12, 'mo'), 'ogni anno'],
    [cadence(1, 24, 'mo'), 'ogni 2 anni'],
    [cadence(1, 12, 'mo', 24), 'ogni 1-2 anni'],
    [cadence(1, 12, 'mo', 18), 'ogni 12-18 mesi'],
    [cadence(2, 1, 'a'), "2 volte l'anno"],
    [cadence(2, 12, 'mo'), "2 volte l'anno"],
    [cadence(3, 1, 'wk'), '3 volte alla settimana'],
    [cadence(2, 1, 'd'), '2 volte al giorno'],
    [cadence(1, 1, 'mo'), 'ogni mese'],
    [cadence(1, 3, 'mo'), 'ogni 3 mesi'],
    [cadence(1, 2, 'wk'), 'ogni 2 settimane'],
    [cadence(2, 3, 'a'), '2 volte ogni 3 anni'],
    [cadence(2, 1, 'mo', 2), '2 volte ogni 1-2 mesi'],
    [cadence(1, 6, 'mo', 6), 'ogni 6 mesi'],
  ])('%o is "%s"', (c, words) => {
    expect(cadenceInWords(c)).toBe(words);
  });
});

describe('dates in words', () => {
  it('names the weekday, the day and the month', () => {
    expect(longItalianDate('2025-03-17')).toBe('lunedì 17 marzo 2025');
    expect(longItalianDate('2026-02-01')).toBe('domenica 1 febbraio 2026');
    expect(monthAndYear('2025-12-31')).toBe('dicembre 2025');
  });

  it('lists the months, each year once, and spans three months or more in a row', () => {
    expect(monthsInWords([])).toBe('');
    expect(monthsInWords(['2025-03-01'])).toBe('marzo 2025');
    expect(monthsInWords(['2025-11-01', '2025-03-01', '2025-07-01', '2025-03-20'])).toBe('marzo, luglio e novembre 2025');
    expect(monthsInWords(['2025-09-15', '2026-03-15'])).toBe('settembre 2025 e marzo 2026');
    expect(monthsInWords(['2025-06-01', '2025-09-01', '2025-12-01', '2026-03-01'])).toBe('giugno, settembre e dicembre 2025 e marzo 2026');
    expect(monthsInWords(['2025-03-03', '2025-04-03', '2025-05-03'])).toBe('da marzo a maggio 2025');
    const weekly = Array.from({ length: 52 }, (_, i) => new Date(Date.UTC(2025, 2, 1 + 7 * i)).toISOString().slice(0, 10));
    expect(monthsInWords(weekly)).toBe('da marzo 2025 a febbraio 2026');
  });

  it('joins with commas and "e"', () => {
    expect(joinWithAnd([])).toBe('');
    expect(joinWithAnd(['a'])).toBe('a');
    expect(joinWithAnd(['a', 'b', 'c'])).toBe('a, b e c');
    expect(joinWithAnd(['Glicemia', 'Emoglobina glicata'])).toBe('Glicemia ed Emoglobina glicata');
  });
});
