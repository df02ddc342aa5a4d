import { describe, expect, it } from 'vitest';
import { shippedCatalogue } from '../../../test/support/catalogue';
import { anItem, aPai, monthly, yearly } from '../../../test/support/paiFixtures';
import { ChronicDrug, Pai, PaiItem, PaiPathology } from './model';
import { activationIssues, errorsOf, paiIssues } from './validation';

const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe('PAI fields', () => {
  it('refuses bad input with Italian messages', () => {
    expect(PaiPathology.safeParse({ code: 99, role: 1, severity: 1 }).error?.issues[0]?.message).toBe('La patologia non è nell\'elenco regionale delle 65 patologie croniche.');
    expect(PaiPathology.safeParse({ code: 50, role: 5, severity: 1 }).error?.issues[0]?.message).toBe('Ruolo della patologia non valido (1-4).');
    expect(PaiPathology.safeParse({ code: 50, role: 1, severity: 4 }).error?.issues[0]?.message).toBe('Gravità non valida (1 alta, 2 media, 3 bassa).');
    expect(ChronicDrug.safeParse({ atc: 'C09', name: 'Ramipril', dosage: null }).error?.issues[0]?.message).toBe('Codice ATC non valido: attesi 7 caratteri come C09AA05.');
    expect(ChronicDrug.parse({ atc: ' c09aa05 ', name: 'Ramipril', dosage: null }).atc).toBe('C09AA05');
    const zero = PaiItem.safeParse(anItem('90.28.1', monthly(0), '2026-01-10'));
    expect(zero.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'timing.period: La cadenza deve essere maggiore di zero: indicare ogni quanti giorni, settimane, mesi o anni.',
    ]);
    const pai = Pai.safeParse(aPai('2026-01-10', [], { authorCf: 'RSSMRA85T10A562X' }));
    expect(pai.error?.issues[0]?.path).toEqual(['authorCf']);
    expect(Pai.parse(aPai('2026-01-10', [anItem(' 89.01.l ', yearly, '2026-01-10')])).items[0]?.code).toBe('89.01.L');
  });
});

describe('PAI rules', () => {
  const ready = aPai('2026-01-10', [anItem('90.28.1', monthly(4, 6), '2026-01-10')]);

  it('passes a complete PAI', () => {
    expect(activationIssues(ready, shippedCatalogue())).toEqual([]);
  });

  it('wants exactly one primary pathology', () => {
    expect(messages(paiIssues({ ...ready, pathologies: [{ code: 50, role: 2, severity: 2 }] }, null))).toEqual(['Manca la patologia primaria: indicarne una.']);
    expect(messages(paiIssues({ ...ready, pathologies: [{ code: 50, role: 1, severity: 2 }, { code: 56, role: 1, severity: 3 }] }, null))).toEqual([
      'Le patologie primarie sono 2: ne va indicata una sola, le altre come secondarie o ulteriori.',
    ]);
    expect(messages(paiIssues({ ...ready, pathologies: [] }, null))).toEqual(['Indicare le patologie del paziente, tra cui la primaria.']);
    expect(messages(paiIssues({ ...ready, pathologies: [{ code: 50, role: 1, severity: 2 }, { code: 50, role: 3, severity: 3 }] }, null))).toEqual([
      'La patologia "Diabete mellito tipo 2" compare più volte.',
    ]);
  });

  it('refuses activation without lifestyle goals, or with nothing planned', () => {
    const issues = activationIssues({ ...ready, lifestyle: [], items: [] }, null);
    expect(issues.map((i) => [i.code, i.path, i.severity, i.message])).toEqual([
      ['no-items', 'items', 'error', 'Per attivare il PAI occorre almeno una prestazione programmata.'],
      ['no-lifestyle', 'lifestyle', 'error', 'Per attivare il PAI occorre almeno un obiettivo sullo stile di vita.'],
    ]);
    expect(paiIssues({ ...ready, lifestyle: [] }, null)).toEqual([]);
  });

  it('checks each item: cadence, dates, duplicates', () => {
    const pai = aPai('2026-01-10', [
      anItem('90.28.1', monthly(0), '2026-01-10'),
      anItem('90.27.1', { frequency: 1, period: -2, periodMax: null, periodUnit: 'mo' }, '2026-01-10'),
      anItem('89.52', yearly, '2025-12-01'),
      anItem('89.52', yearly, '2026-01-10'),
    ]);
    expect(errorsOf(paiIssues(pai, null)).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'items.0.timing.period: 90.28.1: La cadenza deve essere maggiore di zero: indicare ogni quanti giorni, settimane, mesi o anni.',
      'items.1.timing.period: 90.27.1: La cadenza deve essere maggiore di zero: indicare ogni quanti giorni, settimane, mesi o anni.',
      'items.2.timing.bounds.start: 89.52 inizia il 01/12/2025, prima della validità del PAI (dal 10/01/2026).',
      'items.3: La prestazione 89.52 compare più volte: tenerne una sola, con la cadenza voluta.',
    ]);
  });

  it('keeps 12 months of validity', () => {
    expect(messages(paiIssues({ ...ready, validTo: '2026-12-31' }, null))).toEqual(['Il PAI vale 12 mesi: dal 10/01/2026 al 09/01/2027.']);
  });

  it('flags, without refusing, a code outside the catalogue and an item that does not fall this year', () => {
    const pai = aPai('2026-01-10', [anItem('0090042', yearly, '2026-01-10'), anItem('95.02', monthly(24), '2027-02-01')]);
    const issues = activationIssues(pai, shippedCatalogue());
    expect(errorsOf(issues)).toEqual([]);
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      ['not-in-catalogue', 'Il codice 0090042 non è nel catalogo nazionale delle prestazioni: verificarlo.'],
      ['no-occurrence', '95.02 (ogni 24 mesi) non cade in questo PAI: resta nel piano e passa al rinnovo.'],
    ]);
  });
});
