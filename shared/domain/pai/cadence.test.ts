import { describe, expect, it } from 'vitest';
import { Cadence, cadenceLabel, cadenceProblems, cadenceStep, nthOccurrence, tighterCadence, Timing, toFhirTiming } from './cadence';

const c = (frequency: number, period: number, periodUnit: Cadence['periodUnit'], periodMax: number | null = null): Cadence => ({ frequency, period, periodMax, periodUnit });

describe('cadence', () => {
  it('turns frequency and period into a step of whole days or months', () => {
    expect(cadenceStep(c(1, 4, 'mo'))).toEqual({ unit: 'month', count: 4 });
    expect(cadenceStep(c(2, 1, 'a'))).toEqual({ unit: 'month', count: 6 });
    expect(cadenceStep(c(1, 2, 'a'))).toEqual({ unit: 'month', count: 24 });
    expect(cadenceStep(c(1, 2, 'wk'))).toEqual({ unit: 'day', count: 14 });
    expect(cadenceStep(c(3, 1, 'mo'))).toBeNull();
  });

  it('refuses a zero or negative cadence with an Italian message', () => {
    for (const period of [0, -3]) {
      const parsed = Cadence.safeParse(c(1, period, 'mo'));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([
        expect.objectContaining({ path: ['period'], message: 'La cadenza deve essere maggiore di zero: indicare ogni quanti giorni, settimane, mesi o anni.' }),
      ]);
    }
    expect(cadenceProblems(c(0, 1, 'a'))).toEqual([{ field: 'frequency', message: 'La frequenza deve essere di almeno una volta per periodo.' }]);
    expect(cadenceProblems(c(1, 6, 'mo', 4))).toEqual([{ field: 'periodMax', message: 'La cadenza massima non può essere inferiore alla cadenza.' }]);
    expect(cadenceProblems(c(3, 1, 'mo'))[0]?.message).toBe('3 volte ogni 1 mese non danno un intervallo intero: indicare la cadenza in giorni o settimane.');
    expect(Cadence.safeParse(c(1, 1.5, 'mo')).error?.issues[0]?.message).toBe('La cadenza deve essere un numero intero di giorni, settimane, mesi o anni.');
    expect(Cadence.safeParse({ ...c(1, 1, 'mo'), periodUnit: 'h' }).success).toBe(false);
  });

  it('anchors a timing and refuses an end before its start', () => {
    const timing = { ...c(1, 4, 'mo', 6), bounds: { start: '2026-03-01', end: '2026-02-01' } };
    expect(Timing.safeParse(timing).error?.issues[0]).toMatchObject({ path: ['bounds', 'end'], message: 'La data di fine non può precedere la data di inizio.' });
    expect(Timing.safeParse({ ...timing, bounds: { start: '2026-03-01', end: null } }).success).toBe(true);
  });

  it('counts every occurrence from the anchor, so month ends do not drift', () => {
    const step = { unit: 'month', count: 1 } as const;
    expect([0, 1, 2, 3].map((k) => nthOccurrence('2027-01-31', step, k))).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(nthOccurrence('2028-02-29', { unit: 'month', count: 12 }, 1)).toBe('2029-02-28');
    expect(nthOccurrence('2028-02-29', { unit: 'month', count: 12 }, 4)).toBe('2032-02-29');
    expect(nthOccurrence('2026-03-27', { unit: 'day', count: 7 }, 1)).toBe('2026-04-03');
  });

  it('keeps the tighter of two cadences', () => {
    expect(tighterCadence(c(1, 6, 'mo'), c(1, 4, 'mo', 6))).toEqual(c(1, 4, 'mo', 6));
    expect(tighterCadence(c(1, 1, 'a'), c(2, 1, 'a'))).toEqual(c(2, 1, 'a'));
    expect(tighterCadence(c(1, 4, 'mo', 6), c(1, 4, 'mo'))).toEqual(c(1, 4, 'mo'));
    expect(tighterCadence(c(1, 12, 'mo'), c(1, 1, 'a'))).toEqual(c(1, 12, 'mo'));
    expect(tighterCadence(c(3, 1, 'mo'), c(1, 1, 'a'))).toEqual(c(1, 1, 'a'));
  });

  it('says the cadence in Italian and as FHIR Timing', () => {
    expect(cadenceLabel(c(1, 4, 'mo', 6))).toBe('ogni 4-6 mesi');
    expect(cadenceLabel(c(1, 1, 'a'))).toBe('ogni anno');
    expect(cadenceLabel(c(2, 1, 'a'))).toBe('2 volte ogni anno');
    expect(cadenceLabel(c(1, 2, 'wk'))).toBe('ogni 2 settimane');
    expect(toFhirTiming({ ...c(1, 4, 'mo', 6), bounds: { start: '2027-01-10', end: null } })).toEqual({
      repeat: { boundsPeriod: { start: '2027-01-10' }, frequency: 1, period: 4, periodMax: 6, periodUnit: 'mo' },
    });
  });
});
