import { describe, expect, it } from 'vitest';
import { anItem, aPai, MMG_CF, monthly } from '../../../test/support/paiFixtures';
import type { Pai, PaiRef } from './model';
import { moveStart, newPaiDraft, nextVersion, PaiVersionError, revisePai } from './versions';

const input = { patientId: 1, validFrom: '2026-01-10', chronicLevel: 2 as const, authorCf: MMG_CF, pathologies: [{ code: 56, role: 1 as const, severity: 2 as const }] };
const ref = (year: number, version: number, status: Pai['status']): PaiRef => ({ patientId: 1, year, version, status });

function refusal(run: () => unknown): PaiVersionError {
  try {
    run();
  } catch (e) {
    return e as PaiVersionError;
  }
  throw new Error('expected a refusal');
}

describe('PAI versions', () => {
  it('starts a year with an empty first draft valid 12 months', () => {
    expect(newPaiDraft(input, [], '2026-01-08')).toMatchObject({ year: 2026, version: 1, status: 'draft', validFrom: '2026-01-10', validTo: '2027-01-09', createdOn: '2026-01-08', items: [] });
  });

  it('keeps one live PAI a year', () => {
    expect(refusal(() => newPaiDraft(input, [ref(2026, 1, 'active')], '2026-02-01')).userMessage).toBe('Il PAI 2026 è già attivo: per cambiarlo crearne una nuova versione.');
    expect(refusal(() => newPaiDraft(input, [ref(2026, 1, 'draft')], '2026-02-01')).userMessage).toBe('Esiste già una bozza del PAI 2026: continuare quella.');
    // Another patient's PAI, or a cancelled one, leaves the year free; versions go on counting.
    expect(newPaiDraft(input, [{ ...ref(2026, 1, 'active'), patientId: 2 }, ref(2026, 1, 'cancelled')], '2026-02-01').version).toBe(2);
    expect(nextVersion([ref(2026, 1, 'superseded'), ref(2026, 2, 'active'), ref(2025, 5, 'expired')], 1, 2026)).toBe(3);
  });

  it('makes a new version of an active PAI as a draft with the same content', () => {
    const active: Pai = { ...aPai('2026-01-10', [anItem('90.28.1', monthly(4), '2026-01-10')]), status: 'active', activatedOn: '2026-01-10' };
    const v2 = revisePai(active, [active], '2026-04-01');
    expect(v2).toEqual({ ...active, version: 2, status: 'draft', createdOn: '2026-04-01', activatedOn: null });
    expect(refusal(() => revisePai(active, [active, { ...ref(2026, 2, 'draft') }], '2026-04-01')).code).toBe('pai-year-taken');
    expect(refusal(() => revisePai({ ...active, status: 'draft' }, [], '2026-04-01')).userMessage).toBe('Si crea una nuova versione solo di un PAI attivo.');
  });

  it('moves a late draft to start today, with the items that started before', () => {
    const late = aPai('2026-01-10', [anItem('90.28.1', monthly(4), '2026-01-10'), anItem('89.52', monthly(12), '2026-03-01')]);
    const moved = moveStart(late, '2026-01-25');
    expect(moved).toMatchObject({ year: 2026, validFrom: '2026-01-25', validTo: '2027-01-24' });
    expect(moved.items.map((i) => i.timing.bounds.start)).toEqual(['2026-01-25', '2026-03-01']);
  });
});
