import { describe, expect, it } from 'vitest';
import { shippedCatalogue } from '../../../test/support/catalogue';
import { anItem, aPai, monthly } from '../../../test/support/paiFixtures';
import { PATHOLOGIES } from '../pathology';
import { cadenceLabel } from './cadence';
import { applyTemplates, itemsFromTemplates, mergeTemplates, PAI_TEMPLATES, templatesByIds, templatesForPathology, UnknownTemplateError } from './templates';
import { paiIssues } from './validation';

const byId = (id: string) => templatesByIds(id)[0]!;
const cadenceOf = (id: string, code: string) => {
  const item = byId(id).items.find((i) => i.code === code);
  return item ? cadenceLabel(item.cadence) : null;
};

describe('PAI templates', () => {
  it('cover the 11 pathologies of the first application, one file each', () => {
    expect(PAI_TEMPLATES.map((t) => t.id)).toEqual([
      'diabete-2', 'diabete-1', 'ipertensione', 'bpco', 'insufficienza-respiratoria', 'scompenso',
      'cardiopatia-ischemica', 'miocardiopatia-aritmica', 'vasculopatia-arteriosa', 'vasculopatia-cerebrale', 'insufficienza-renale',
    ]);
    for (const p of PATHOLOGIES) expect(templatesForPathology(p.code), p.name).toHaveLength(1);
    expect(templatesForPathology(16).map((t) => t.id)).toEqual(['diabete-2']);
    expect(templatesForPathology(2).map((t) => t.id)).toEqual(['insufficienza-renale']);
    expect(PAI_TEMPLATES.every((t) => t.reviewRequired)).toBe(true);
  });

  it('use only codes of the catalogue, with the catalogue\'s description', () => {
    const catalogue = shippedCatalogue();
    const wrong: string[] = [];
    for (const t of PAI_TEMPLATES) {
      for (const entry of t.items.flatMap((i) => [i, ...i.alternatives])) {
        const found = catalogue.lookup(entry.code);
        if (!found.inCatalogue) wrong.push(`${t.id}: ${entry.code} not in the catalogue`);
        else if (found.description !== entry.description) wrong.push(`${t.id}: ${entry.code} is "${found.description}", not "${entry.description}"`);
      }
      const codes = t.items.map((i) => i.code);
      if (new Set(codes).size !== codes.length) wrong.push(`${t.id}: a code repeated`);
    }
    expect(wrong).toEqual([]);
  });

  it('hold the issue\'s examples', () => {
    expect(cadenceOf('diabete-2', '90.28.1')).toBe('ogni 4-6 mesi');
    for (const code of ['90.27.1', '90.16.3', '90.33.4', '90.14.3', '90.14.1', '90.43.2', '90.44.3', '95.02', '89.52', '89.01']) expect(cadenceOf('diabete-2', code), code).not.toBeNull();
    expect(byId('diabete-2').items.find((i) => i.code === '95.02')?.alternatives.map((a) => a.code)).toEqual(['95.11']);
    for (const code of ['89.52', '90.16.3', '90.37.4', '90.40.4', '90.14.3', '90.27.1', '90.44.3']) expect(cadenceOf('ipertensione', code), code).not.toBeNull();
    for (const code of ['89.37.2', '89.01.L']) expect(cadenceOf('bpco', code), code).not.toBeNull();
    for (const code of ['89.01.3', '88.72.2', '90.36.6', '90.16.3']) expect(cadenceOf('scompenso', code), code).not.toBeNull();
  });

  it('merge without duplicates, keeping the tighter cadence', () => {
    const merged = mergeTemplates(templatesByIds('diabete-2,ipertensione'));
    const codes = merged.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...new Set([...byId('diabete-2').items, ...byId('ipertensione').items].map((i) => i.code))]);
    const glucose = merged.find((m) => m.code === '90.27.1');
    expect(glucose && cadenceLabel(glucose.cadence)).toBe('ogni 4-6 mesi');
    expect(glucose?.fromTemplates).toEqual(['diabete-2', 'ipertensione']);
    expect(merged.find((m) => m.code === '90.37.4')?.fromTemplates).toEqual(['ipertensione']);
    // The same result whichever template comes first.
    const reversed = mergeTemplates(templatesByIds('ipertensione, diabete-2'));
    expect(cadenceLabel(reversed.find((m) => m.code === '90.27.1')!.cadence)).toBe('ogni 4-6 mesi');
    const kidney = mergeTemplates(templatesByIds('insufficienza-renale,diabete-2')).find((m) => m.code === '90.16.3');
    expect(kidney && cadenceLabel(kidney.cadence)).toBe('ogni 6 mesi');
  });

  it('refuse unknown names, all at once, in Italian', () => {
    expect(templatesByIds('')).toEqual([]);
    expect(templatesByIds('diabete-2, diabete-2').map((t) => t.id)).toEqual(['diabete-2']);
    const e = (() => { try { templatesByIds('diabete-3,ipertensione,gotta'); } catch (err) { return err as UnknownTemplateError; } })();
    expect(e).toBeInstanceOf(UnknownTemplateError);
    expect(e?.unknown).toEqual(['diabete-3', 'gotta']);
    expect(e?.userMessage).toMatch(/^Modelli di PAI sconosciuti: diabete-3, gotta\. Modelli disponibili: diabete-2, diabete-1, /);
  });

  it('give PAI items marked with their templates, from the PAI\'s first day, valid against the catalogue', () => {
    const items = itemsFromTemplates(mergeTemplates(templatesByIds('diabete-2')), '2027-01-10');
    const eye = items.find((i) => i.code === '95.02');
    expect(eye).toMatchObject({ fromTemplates: ['diabete-2'], priority: null, timing: { period: 24, periodUnit: 'mo', bounds: { start: '2027-01-10', end: null } } });
    expect(eye?.note).toBe('ogni 2 anni senza retinopatia, ogni anno se presente; in alternativa: 95.11 FOTOGRAFIA DEL FUNDUS');
    const pai = applyTemplates(aPai('2027-01-10', []), templatesByIds('diabete-2,ipertensione,scompenso'));
    expect(paiIssues(pai, shippedCatalogue())).toEqual([]);
  });

  it('leave what the MMG planned as he wrote it', () => {
    const mine = anItem('90.28.1', monthly(3), '2027-01-10', { note: 'scelta del medico' });
    const pai = applyTemplates(aPai('2027-01-10', [mine]), templatesByIds('diabete-2'));
    expect(pai.items[0]).toEqual(mine);
    expect(pai.items.filter((i) => i.code === '90.28.1')).toHaveLength(1);
    expect(pai.items).toHaveLength(byId('diabete-2').items.length);
  });
});
