import { describe, expect, it } from 'vitest';
import { checkSeedCount } from './seedForm';

describe('checkSeedCount', () => {
  it('accepts whole numbers from 1 to 200.000', () => {
    expect(checkSeedCount('1000')).toEqual({ ok: true, count: 1000 });
    expect(checkSeedCount(' 1 ')).toEqual({ ok: true, count: 1 });
    expect(checkSeedCount('200000')).toEqual({ ok: true, count: 200000 });
    expect(checkSeedCount('2.000')).toEqual({ ok: true, count: 2000 });
  });
  it('explains in Italian what is wrong', () => {
    expect(checkSeedCount('')).toEqual({ ok: false, message: 'Indicare quanti pazienti dimostrativi creare.' });
    expect(checkSeedCount('0')).toMatchObject({ ok: false, message: 'Indicare un numero tra 1 e 200.000.' });
    expect(checkSeedCount('200001')).toMatchObject({ ok: false });
    expect(checkSeedCount('1,5')).toMatchObject({ ok: false, message: 'Indicare un numero intero, scritto solo con cifre.' });
    expect(checkSeedCount('-3')).toMatchObject({ ok: false });
    expect(checkSeedCount('1.5')).toMatchObject({ ok: false });
    expect(checkSeedCount('1.50')).toMatchObject({ ok: false });
    expect(checkSeedCount('abc')).toMatchObject({ ok: false });
  });
});
