import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aPai, anItem, monthly, yearly } from '../../test/support/paiFixtures';
import { draftState, firstIssue, flaggedCodes, newItem, removeAt, replaceAt, suggestedTemplates, wholeNumber } from './pai';

describe('the PAI page logic', () => {
  it('pre-checks the templates of the patient\'s pathologies', () => {
    const templates = [
      { id: 'diabete-2', pathologyCodes: [50, 16] },
      { id: 'ipertensione', pathologyCodes: [56] },
      { id: 'bpco', pathologyCodes: [39] },
    ];
    expect(suggestedTemplates(templates, [56, 16])).toEqual(['diabete-2', 'ipertensione']);
    expect(suggestedTemplates(templates, [])).toEqual([]);
  });

  it('names the codes the core flagged outside the catalogue by their item', () => {
    const pai = aPai('2026-03-02', [anItem('90.27.1', yearly, '2026-03-02'), anItem('ZZ99', yearly, '2026-03-02')]);
    const issues = [
      { code: 'not-in-catalogue', path: 'items.1.code', message: 'x', severity: 'warning' as const },
      { code: 'cadence', path: 'items.0.timing.period', message: 'y', severity: 'error' as const },
    ];
    expect([...flaggedCodes({ pai, issues })]).toEqual(['ZZ99']);
  });

  it('blocks activation with the first error and counts the others', () => {
    const ready = aPai('2026-03-02', [anItem('90.27.1', monthly(6), '2026-03-02')]);
    expect(draftState(ready, new Set()).activationBlocked).toBeNull();
    expect(draftState(ready, new Set()).completeness.percent).toBe(100);
    const bare = { ...ready, lifestyle: [], items: [] };
    const state = draftState(bare, new Set());
    expect(state.activationBlocked).toMatch(/^Non attivabile: Per attivare il PAI occorre almeno una prestazione programmata\. \(e un altro problema\)$/);
    expect(state.completeness.missing).toEqual(['prestazioni', 'lifestyle']);
  });

  it('warns once about a code outside the catalogue without blocking', () => {
    const pai = aPai('2026-03-02', [anItem('ZZ99', yearly, '2026-03-02')]);
    const state = draftState(pai, new Set(['ZZ99']));
    expect(state.activationBlocked).toBeNull();
    expect(state.warnings.map((w) => w.message)).toEqual(['Il codice ZZ99 non è nel catalogo nazionale delle prestazioni: verificarlo.']);
  });

  it('shows a zero cadence as an error of the item', () => {
    const pai = aPai('2026-03-02', [anItem('90.27.1', { ...yearly, period: wholeNumber('x') }, '2026-03-02')]);
    expect(draftState(pai, new Set()).errors[0]?.message).toMatch(/^90\.27\.1: La cadenza deve essere maggiore di zero/);
  });

  it('adds a hand-written item once a year from the PAI start, code in capitals', () => {
    expect(newItem({ code: ' 89.7b ', description: '' }, '2026-03-02')).toEqual({
      code: '89.7B',
      description: '89.7B',
      timing: { frequency: 1, period: 1, periodMax: null, periodUnit: 'a', bounds: { start: '2026-03-02', end: null } },
      priority: null,
      fromTemplates: [],
      note: null,
    });
  });

  it('reads whole numbers only', () => {
    expect(wholeNumber(' 3 ')).toBe(3);
    expect(wholeNumber('1.5')).toBe(0);
    expect(wholeNumber('')).toBe(0);
  });

  it('replaces and removes list elements without touching the others', () => {
    expect(replaceAt(['a', 'b', 'c'], 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(removeAt(['a', 'b', 'c'], 0)).toEqual(['b', 'c']);
  });

  it('gives the first Italian message of a schema', () => {
    const r = z.object({ a: z.string().min(1, 'Indicare a.') }).safeParse({ a: '' });
    expect(r.success ? '' : firstIssue(r.error)).toBe('Indicare a.');
  });
});
