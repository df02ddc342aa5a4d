import { describe, expect, it } from 'vitest';
import { anItem, aPai, yearly } from '../../../test/support/paiFixtures';
import { paiCompleteness } from './completeness';

describe('PAI completeness', () => {
  it('counts the five sections', () => {
    const full = aPai('2026-01-10', [anItem('89.52', yearly, '2026-01-10')]);
    expect(paiCompleteness(full)).toEqual({
      sections: { pathologies: true, drugs: true, prestazioni: true, lifestyle: true, vaccinations: true },
      missing: [],
      percent: 100,
    });
    const partial = { ...full, pathologies: [{ code: 50, role: 2 as const, severity: 2 as const }], vaccinations: [], drugs: [] };
    expect(paiCompleteness(partial)).toMatchObject({ missing: ['pathologies', 'drugs', 'vaccinations'], percent: 40 });
    expect(paiCompleteness({ ...partial, items: [], lifestyle: [] }).percent).toBe(0);
  });
});
