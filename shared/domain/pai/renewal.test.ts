import { describe, expect, it } from 'vitest';
import { anItem, aPai, monthly, yearly } from '../../../test/support/paiFixtures';
import type { Pai } from './model';
import { renewalDraft, renewalDue, renewalDueOn } from './renewal';
import { paiSchedule } from './schedule';
import { PaiVersionError } from './versions';

/** A second, valid codice fiscale: the MMG who renews. */
const OTHER_MMG = 'BNCLRA70A41F205E';

const active = (validFrom: string, items: Pai['items'], overrides: Partial<Pai> = {}): Pai => ({ ...aPai(validFrom, items), status: 'active', activatedOn: validFrom, ...overrides });

describe('PAI renewal', () => {
  it('is due 30 days before the PAI expires', () => {
    const pai = active('2026-01-15', []);
    expect(renewalDueOn(pai)).toBe('2026-12-15');
    expect(renewalDue(pai, '2026-12-14')).toBe(false);
    expect(renewalDue(pai, '2026-12-15')).toBe(true);
    expect(renewalDue({ ...pai, status: 'draft' }, '2026-12-20')).toBe(false);
  });

  it('pre-fills the next year\'s draft from the old PAI, keeping each item\'s rhythm', () => {
    const old = active('2026-01-15', [anItem('90.28.1', monthly(4, 6), '2026-01-15'), anItem('89.52', yearly, '2026-03-01')], {
      vaccinations: [{ vaccine: 'Antinfluenzale', dueOn: '2026-10-15', doneOn: '2026-10-20' }, { vaccine: 'Antipneumococcica', dueOn: '2026-11-01', doneOn: null }],
    });
    const { draft, carriedOver, ended } = renewalDraft(old, [old], { today: '2026-12-16', authorCf: OTHER_MMG, lastPerformed: new Map() });
    expect(draft).toMatchObject({ year: 2027, version: 1, status: 'draft', validFrom: '2027-01-15', validTo: '2028-01-14', createdOn: '2026-12-16', authorCf: OTHER_MMG, activatedOn: null });
    expect(draft.pathologies).toEqual(old.pathologies);
    expect(draft.drugs).toEqual(old.drugs);
    expect(draft.lifestyle).toEqual(old.lifestyle);
    expect(draft.vaccinations).toEqual([{ vaccine: 'Antipneumococcica', dueOn: '2026-11-01', doneOn: null }]);
    expect(draft.items.map((i) => `${i.code} ${i.timing.bounds.start}`)).toEqual(['90.28.1 2027-01-15', '89.52 2027-03-01']);
    expect(carriedOver).toEqual([]);
    expect(ended).toEqual([]);
  });

  it('counts from the last performance when known', () => {
    const old = active('2026-01-15', [anItem('90.28.1', monthly(4), '2026-01-15'), anItem('89.52', yearly, '2026-01-15')]);
    const performed = new Map([['90.28.1', '2026-12-01'], ['89.52', '2025-11-01']]);
    const { draft } = renewalDraft(old, [old], { today: '2026-12-20', authorCf: OTHER_MMG, lastPerformed: performed });
    // Four months after the last HbA1c; the ECG is overdue, so due on the first day.
    expect(draft.items.map((i) => `${i.code} ${i.timing.bounds.start}`)).toEqual(['90.28.1 2027-04-01', '89.52 2027-01-15']);
  });

  it('carries over an item due less often than yearly to the year it falls in', () => {
    const y2026 = active('2026-01-15', [anItem('95.02', monthly(24), '2026-01-15'), anItem('89.52', yearly, '2026-01-15')]);
    const r2027 = renewalDraft(y2026, [y2026], { today: '2026-12-20', authorCf: OTHER_MMG, lastPerformed: new Map() });
    expect(r2027.carriedOver).toEqual(['95.02']);
    expect(paiSchedule(r2027.draft).map((o) => o.code)).toEqual(['89.52']);
    const y2027: Pai = { ...r2027.draft, status: 'active', activatedOn: '2027-01-15' };
    const r2028 = renewalDraft(y2027, [y2026, y2027], { today: '2027-12-20', authorCf: OTHER_MMG, lastPerformed: new Map() });
    expect(r2028.carriedOver).toEqual([]);
    expect(paiSchedule(r2028.draft).map((o) => `${o.code} ${o.date}`)).toEqual(['89.52 2028-01-15', '95.02 2028-01-15']);
  });

  it('leaves out items that ended, and starts a late renewal today', () => {
    const ending = anItem('90.27.1', monthly(3), '2026-01-15', { timing: { ...monthly(3), bounds: { start: '2026-01-15', end: '2026-12-31' } } });
    const expired: Pai = { ...active('2026-01-15', [ending, anItem('89.52', yearly, '2026-01-15')]), status: 'expired', closedOn: '2027-01-15' };
    const { draft, ended } = renewalDraft(expired, [expired], { today: '2027-02-03', authorCf: OTHER_MMG, lastPerformed: new Map() });
    expect(ended).toEqual(['90.27.1']);
    expect(draft).toMatchObject({ validFrom: '2027-02-03', validTo: '2028-02-02' });
    expect(draft.items.map((i) => `${i.code} ${i.timing.bounds.start}`)).toEqual(['89.52 2028-01-15']);
  });

  it('renews a PAI from 29 February on its anniversary', () => {
    const leap = active('2028-02-29', [anItem('89.52', yearly, '2028-02-29')]);
    const { draft } = renewalDraft(leap, [leap], { today: '2029-02-01', authorCf: OTHER_MMG, lastPerformed: new Map() });
    expect(draft).toMatchObject({ validFrom: '2029-02-28', validTo: '2030-02-27' });
    expect(paiSchedule(draft).map((o) => o.date)).toEqual(['2029-02-28']);
  });

  it('refuses to renew a draft, or into a year already planned', () => {
    const old = active('2026-01-15', []);
    expect(() => renewalDraft({ ...old, status: 'draft' }, [], { today: '2026-12-20', authorCf: OTHER_MMG, lastPerformed: new Map() })).toThrow(PaiVersionError);
    expect(() => renewalDraft(old, [old, { patientId: 1, year: 2027, version: 1, status: 'draft' }], { today: '2026-12-20', authorCf: OTHER_MMG, lastPerformed: new Map() })).toThrow(/draft PAI for 2027/);
  });
});
