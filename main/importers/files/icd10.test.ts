import { describe, expect, it } from 'vitest';
import { suggestPathologies } from '../../../shared/domain/pathology';
import { parseIcd10, suggestPathologiesFromIcd10 } from './icd10';

const codes = (icd10: string[]) => suggestPathologiesFromIcd10(icd10).map((s) => s.code).sort((a, b) => a - b);
const icd9Codes = (icd9: string[]) => suggestPathologies(icd9).map((s) => s.code).sort((a, b) => a - b);

describe('ICD-10 parsing', () => {
  it('reads dotted and undotted codes', () => {
    expect(parseIcd10('E11.65')).toEqual({ category: 'E11', sub: '65', text: 'E11.65' });
    expect(parseIcd10('e1165')).toEqual({ category: 'E11', sub: '65', text: 'E11.65' });
    expect(parseIcd10('I10')).toEqual({ category: 'I10', sub: '', text: 'I10' });
    expect(parseIcd10('250.00')).toBeNull();
    expect(parseIcd10('diabete')).toBeNull();
  });
});

describe('ICD-10 to first-application pathologies', () => {
  it.each([
    [['J96.1'], [9]],
    [['J96.10'], [9]],
    [['Z99.81'], [9]],
    [['J96.0'], []],
    [['I50.9'], [20]],
    [['I11.0'], [20, 56]],
    [['I13.2'], [20, 56]],
    [['I11.9'], [56]],
    [['E10.9'], [44]],
    [['E10'], [44]],
    [['E10.2'], [8]],
    [['E11.9'], [50]],
    [['E11.65'], [16]],
    [['E14.9'], [50]],
    [['E13.9'], []],
    [['I21.4'], [29]],
    [['I25.10'], [29]],
    [['J44.9'], [39]],
    [['J43.9'], [39]],
    [['J47'], [39]],
    [['J45.9'], []],
    [['I10'], [56]],
    [['I15.0'], [56]],
    [['I70.2'], [14]],
    [['I73.9'], [14]],
    [['I74'], []],
    [['I63.9'], [23]],
    [['G45.9'], [23]],
    [['I48.0'], [30]],
    [['I47.1'], [30]],
    [['I45.1'], []],
    [['N18.3'], [17]],
    [['N18.6', 'Z99.2'], [2, 17]],
    [['Z49.1'], [2]],
    [['N17.9'], []],
  ])('%j -> %j', (input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('agrees with the ICD9-CM catalogue on equivalent diagnoses', () => {
    const pairs: [string, string][] = [
      ['518.83', 'J96.1'],
      ['428.0', 'I50.0'],
      ['402.91', 'I11.0'],
      ['250.01', 'E10.9'],
      ['250.41', 'E10.2'],
      ['250.00', 'E11.9'],
      ['250.60', 'E11.4'],
      ['414.01', 'I25.1'],
      ['496', 'J44.9'],
      ['401.9', 'I10'],
      ['440.21', 'I70.2'],
      ['434.91', 'I63.9'],
      ['435.9', 'G45.9'],
      ['427.31', 'I48.9'],
      ['585.3', 'N18.3'],
      ['V45.11', 'Z99.2'],
    ];
    for (const [icd9, icd10] of pairs) expect([icd10, codes([icd10])]).toEqual([icd10, icd9Codes([icd9])]);
  });

  it('names the suggestion and its rule', () => {
    expect(suggestPathologiesFromIcd10(['e11.65', 'I10', 'I10'])).toEqual([
      { code: 16, name: 'Diabete mellito tipo 2 complicato', baseCode: 50, icd10: 'E11.65', rule: 'E11, E14' },
      { code: 56, name: 'Ipertensione arteriosa', baseCode: 56, icd10: 'I10', rule: 'I10-I15' },
    ]);
  });
});
