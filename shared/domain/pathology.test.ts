import { describe, expect, it } from 'vitest';
import { parseIcd9 } from './icd9';
import { isKnownPathologyCode, isRegionalPathologyCode, PATHOLOGIES, pathologyChoices, pathologyName, suggestPathologies } from './pathology';

const codes = (icd9: string[]) => suggestPathologies(icd9).map((s) => s.code).sort((a, b) => a - b);

describe('ICD9-CM parsing', () => {
  it('reads dotted, undotted and V codes', () => {
    expect(parseIcd9('250.01')).toEqual({ category: '250', sub: '01', text: '250.01' });
    expect(parseIcd9('25001')).toEqual({ category: '250', sub: '01', text: '250.01' });
    expect(parseIcd9('v4511')).toEqual({ category: 'V45', sub: '11', text: 'V45.11' });
    expect(parseIcd9('401')).toEqual({ category: '401', sub: '', text: '401' });
    expect(parseIcd9('diabete')).toBeNull();
    expect(parseIcd9('250.123')).toBeNull();
  });
});

describe('pathology catalogue', () => {
  it('holds the 11 first-application pathologies with their regional codes', () => {
    expect(PATHOLOGIES.map((p) => p.code).sort((a, b) => a - b)).toEqual([9, 14, 17, 20, 23, 29, 30, 39, 44, 50, 56]);
    expect(pathologyName(56)).toBe('Ipertensione arteriosa');
    expect(pathologyName(16)).toBe('Diabete mellito tipo 2 complicato');
    expect(pathologyName(2)).toBe('Insufficienza renale cronica in dialisi');
    expect(pathologyName(99)).toBeNull();
  });

  it('suggests each pathology from its ICD9-CM group', () => {
    expect(codes(['518.83'])).toEqual([9]);
    expect(codes(['V46.2'])).toEqual([9]);
    expect(codes(['428.0'])).toEqual([20]);
    expect(codes(['410.9'])).toEqual([29]);
    expect(codes(['414.01'])).toEqual([29]);
    expect(codes(['491.2'])).toEqual([39]);
    expect(codes(['496'])).toEqual([39]);
    expect(codes(['493.2'])).toEqual([]); // asthma is not BPCO
    expect(codes(['401.9'])).toEqual([56]);
    expect(codes(['440.21'])).toEqual([14]);
    expect(codes(['434.91'])).toEqual([23]);
    expect(codes(['427.31'])).toEqual([30]);
    expect(codes(['585.4'])).toEqual([17]);
  });

  it('tells the diabetes types and their complicated forms apart', () => {
    expect(codes(['250.00'])).toEqual([50]);
    expect(codes(['250.02'])).toEqual([50]);
    expect(codes(['250.01'])).toEqual([44]);
    expect(codes(['250.03'])).toEqual([44]);
    expect(codes(['250.40'])).toEqual([16]); // type 2 with renal complications
    expect(codes(['250.61'])).toEqual([8]); // type 1 with neurological complications
    expect(codes(['250'])).toEqual([]); // type unknown: no suggestion
  });

  it('recognises hypertensive heart failure and dialysis', () => {
    expect(codes(['402.11'])).toEqual([20, 56]);
    expect(codes(['402.10'])).toEqual([56]);
    expect(codes(['404.93'])).toEqual([20, 56]);
    expect(codes(['V45.11'])).toEqual([2]);
    expect(codes(['V56.0'])).toEqual([2]);
  });

  it('keeps one suggestion per pathology, with the diagnosis that suggested it', () => {
    const s = suggestPathologies(['401.1', '401.9', 'not-a-code', '428.0']);
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ code: 56, icd9: '401.1', rule: '401-405', baseCode: 56 });
  });
});

describe('the regional list', () => {
  it('names every one of the 65 codes, the first application in its own words', () => {
    expect(pathologyName(56)).toBe('Ipertensione arteriosa');
    expect(pathologyName(1)).toBe('Trapiantati attivi');
    expect(pathologyName(99)).toBeNull();
    expect(isRegionalPathologyCode(1)).toBe(true);
    expect(isKnownPathologyCode(1)).toBe(false);
  });
  it('offers the first application first, then the rest by name', () => {
    const choices = pathologyChoices();
    expect(choices).toHaveLength(65);
    expect(new Set(choices.map((c) => c.code)).size).toBe(65);
    expect(choices.slice(0, 14).every((c) => c.firstApplication)).toBe(true);
    expect(choices[14]).toMatchObject({ firstApplication: false });
    const rest = choices.filter((c) => !c.firstApplication).map((c) => c.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'it')));
  });
});
