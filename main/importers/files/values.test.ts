import { describe, expect, it } from 'vitest';
import { excelSerialToIso, normalizeCf, parseExemptions, parseIcd9List, parseItalianDate, parseLetterType, parseLevel, parsePathologies, parseSex, splitList } from './values';

const date = (raw: string, options = {}) => parseItalianDate(raw, { today: '2024-05-02', ...options });

describe('Italian dates', () => {
  it('reads the usual forms', () => {
    expect(date('07/03/1950')).toEqual({ value: '1950-03-07' });
    expect(date('7/3/1950')).toEqual({ value: '1950-03-07' });
    expect(date('07-03-1950')).toEqual({ value: '1950-03-07' });
    expect(date('07.03.1950')).toEqual({ value: '1950-03-07' });
    expect(date('1950-03-07')).toEqual({ value: '1950-03-07' });
    expect(date('1950-03-07T00:00:00.000Z')).toEqual({ value: '1950-03-07' });
    expect(date('07/03/1950 00:00:00')).toEqual({ value: '1950-03-07' });
    expect(date('07031950')).toEqual({ value: '1950-03-07' });
    expect(date('19500307')).toEqual({ value: '1950-03-07' });
  });

  it('completes two-digit years: birth dates in the past, letter dates in this century', () => {
    expect(date('7/3/50')).toEqual({ value: '1950-03-07' });
    expect(date('1/1/24')).toEqual({ value: '2024-01-01' });
    expect(date('1/1/25')).toEqual({ value: '1925-01-01' });
    expect(date('16/4/18', { century: 'recent' })).toEqual({ value: '2018-04-16' });
    expect(date('16/4/98', { century: 'recent' })).toEqual({ value: '2098-04-16' });
  });

  it('reads year-first two-digit dates when told', () => {
    expect(date('50/03/07', { order: 'ymd' })).toEqual({ value: '1950-03-07' });
    expect(date('07/03/1950', { order: 'ymd' })).toEqual({ value: '1950-03-07' });
  });

  it('reads Excel serial numbers', () => {
    expect(date('18329')).toEqual({ value: '1950-03-07' });
    expect(date('43206')).toEqual({ value: '2018-04-16' });
    expect(excelSerialToIso(1)).toBeNull();
    expect(date('1950')?.value).toBeNull();
  });

  it('warns on impossible or unreadable dates and leaves them null', () => {
    expect(date('31/02/1950')).toEqual({ value: null, warning: 'Data "31/02/1950" non valida: campo lasciato vuoto.' });
    expect(date('29/02/1951')?.value).toBeNull();
    expect(date('29/02/1952')).toEqual({ value: '1952-02-29' });
    expect(date('13/13/1950')?.value).toBeNull();
    expect(date('ieri')?.warning).toContain('"ieri"');
    expect(date('   ')).toBeNull();
    expect(parseItalianDate(null, { today: '2024-05-02' })).toBeNull();
  });
});

describe('levels, sex, letter types', () => {
  it('reads the chronic level', () => {
    for (const raw of ['1', 'livello 1', 'Livello 1', 'L1', 'l 1', 'Liv. 1', '1.0', '1 - alta']) expect(parseLevel(raw)).toEqual({ value: 1 });
    expect(parseLevel('livello 2')).toEqual({ value: 2 });
    expect(parseLevel('L3')).toEqual({ value: 3 });
    expect(parseLevel('7')?.warning).toContain('"7"');
    expect(parseLevel('4')?.warning).toContain('non è un livello');
    expect(parseLevel('media')?.value).toBeNull();
    expect(parseLevel('')).toBeNull();
  });

  it('reads the sex', () => {
    for (const raw of ['M', 'm', 'maschio', 'Maschile', 'male']) expect(parseSex(raw)).toEqual({ value: 'M' });
    for (const raw of ['F', 'femmina', 'Femminile', 'FEMALE']) expect(parseSex(raw)).toEqual({ value: 'F' });
    expect(parseSex('X')?.warning).toContain('"X"');
  });

  it('reads the letter type', () => {
    for (const raw of ['3', 'tipo 3', 'Tipo 3', 'lettera 3', 'Lettera tipo 3', 'T3', '3.0']) expect(parseLetterType(raw)).toEqual({ value: 3 });
    expect(parseLetterType('6')?.warning).toContain('da 1 a 5');
  });
});

describe('lists and codes', () => {
  it('splits lists on , ; | and line breaks', () => {
    expect(splitList('56, 50;20|17\n9')).toEqual(['56', '50', '20', '17', '9']);
  });

  it('reads regional pathology codes and first-application names', () => {
    expect(parsePathologies('56|50')).toEqual({ codes: [56, 50], warnings: [] });
    expect(parsePathologies('Scompenso cardiaco; bpco; IPERTENSIONE ARTERIOSA')).toEqual({ codes: [20, 39, 56], warnings: [] });
    expect(parsePathologies('Insufficienza renale cronica in dialisi, diabete mellito tipo 2 complicato').codes).toEqual([2, 16]);
    expect(parsePathologies('ossigenoterapia').codes).toEqual([9]);
    expect(parsePathologies('56 - Ipertensione arteriosa, 56').codes).toEqual([56]);
    const unknown = parsePathologies('56, 99, Artrite reumatoide');
    expect(unknown.codes).toEqual([56]);
    expect(unknown.warnings).toEqual([
      'Patologia "99" non riconosciuta tra quelle della prima applicazione: ignorata.',
      'Patologia "Artrite reumatoide" non riconosciuta tra quelle della prima applicazione: ignorata.',
    ]);
  });

  it('reads ICD9-CM lists, with or without dots and descriptions', () => {
    expect(parseIcd9List('250.00|401.9').problems.map((p) => p.icd9)).toEqual(['250.00', '401.9']);
    expect(parseIcd9List('4019; 4928').problems.map((p) => p.icd9)).toEqual(['401.9', '492.8']);
    expect(parseIcd9List('25000 4019').problems.map((p) => p.icd9)).toEqual(['250.00', '401.9']);
    expect(parseIcd9List('V45.11 Dialisi').problems).toEqual([{ icd9: 'V45.11', description: 'Dialisi' }]);
    expect(parseIcd9List('401.9 V45.11 - Dialisi\n428.0').problems).toEqual([
      { icd9: '401.9', description: null },
      { icd9: 'V45.11', description: 'Dialisi' },
      { icd9: '428.0', description: null },
    ]);
    expect(parseIcd9List('diabete')).toEqual({ problems: [], warnings: ['Codice ICD9-CM "diabete" non valido: ignorato.'] });
  });

  it('normalizes codici fiscali without validating them', () => {
    expect(normalizeCf(' rssmra 58d12 g388c ')).toBe('RSSMRA58D12G388C');
    expect(normalizeCf('RSSMRA58D12G388X')).toBe('RSSMRA58D12G388X');
  });

  it('reads exemption codes', () => {
    expect(parseExemptions('013.250 031.401.9; 0A31')).toEqual(['013.250', '031.401.9', '0A31']);
  });
});
