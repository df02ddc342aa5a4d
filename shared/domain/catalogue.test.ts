import { describe, expect, it } from 'vitest';
import { shippedCatalogue } from '../../test/support/catalogue';
import { Catalogue, CatalogueFormatError, normalizePrestazioneCode, parseCatalogueCsv, prestazioneKind } from './catalogue';

describe('catalogue of prestazioni', () => {
  it('holds the 2,108 prestazioni of the shipped file, quoted descriptions with semicolons included', () => {
    const catalogue = shippedCatalogue();
    expect(catalogue.size).toBe(2108);
    expect(catalogue.lookup('90.28.1')).toEqual({ code: '90.28.1', inCatalogue: true, description: 'Hb - EMOGLOBINA GLICATA' });
    expect(catalogue.lookup('91.60.L').description).toBe('TRASLOCAZIONE (X;18)');
    expect(catalogue.lookup('44.14.1').description).toMatch(/^BIOPSIA TRANSPARIETALE .*45\.14\.1, 45\.14\.2, 45\.14\.3; 45\.16\.1; 45\.16\.2; 44\.19\.3$/);
  });

  it('answers an unknown code as not in the catalogue, without refusing it', () => {
    expect(shippedCatalogue().lookup(' 0090042 ')).toEqual({ code: '0090042', inCatalogue: false, description: null });
    expect(shippedCatalogue().lookup('89.01.l').inCatalogue).toBe(true);
    expect(normalizePrestazioneCode(' 89.7a.3 ')).toBe('89.7A.3');
  });

  it('refuses a damaged file with the line that is wrong', () => {
    expect(() => parseCatalogueCsv('code;description\n89.52;ECG')).toThrow(CatalogueFormatError);
    const repeated = (() => { try { parseCatalogueCsv('codice;descrizione\n89.52;ECG\r\n89.52;ECG'); } catch (e) { return e as CatalogueFormatError; } })();
    expect(repeated?.userMessage).toBe('Catalogo delle prestazioni, riga 3: il codice 89.52 è ripetuto.');
    expect(() => parseCatalogueCsv('codice;descrizione\n89.52')).toThrow(/line 2/);
    expect(parseCatalogueCsv('\uFEFFcodice;descrizione\n"89.52";"ECG ""a riposo"""\n\n').lookup('89.52').description).toBe('ECG "a riposo"');
  });

  it('tells visits from the other prestazioni by the code, as the descriptions do', () => {
    const startsAsVisit = /^(PRIMA |PRMA )?VISITA\b/;
    const disagree = shippedCatalogue()
      .entries()
      .filter((e) => (prestazioneKind(e.code) === 'visita') !== startsAsVisit.test(e.description))
      .map((e) => `${e.code} ${e.description.slice(0, 40)}`);
    expect(disagree).toEqual([]);
    expect(prestazioneKind('89.01')).toBe('visita');
    expect(prestazioneKind('89.7A.3')).toBe('visita');
    expect(prestazioneKind('95.02')).toBe('visita');
    expect(prestazioneKind('89.52')).toBe('strumentale');
    expect(prestazioneKind('88.72.2')).toBe('strumentale');
    expect(prestazioneKind('90.28.1')).toBe('strumentale');
  });
});

describe('Catalogue.search', () => {
  const catalogue = new Catalogue([
    { code: '90.28.1', description: 'Hb - EMOGLOBINA GLICATA' },
    { code: '90.27.1', description: 'GLUCOSIO' },
    { code: '89.52', description: 'ELETTROCARDIOGRAMMA' },
  ]);
  it('finds by the start of the code, then by every word of the description, accents and case ignored', () => {
    expect(catalogue.search('90.2', 10).map((e) => e.code)).toEqual(['90.28.1', '90.27.1']);
    expect(catalogue.search('emoglobina glicàta', 10).map((e) => e.code)).toEqual(['90.28.1']);
    expect(catalogue.search('cardio', 10).map((e) => e.code)).toEqual(['89.52']);
    expect(catalogue.search('90', 1)).toHaveLength(1);
  });
});
