import { describe, expect, it } from 'vitest';
import { InvalidCodiceFiscaleError } from './codiceFiscale';
import { planPatientSearch, SearchQueryError } from './patientSearch';

const codeOf = (text: string) => {
  try {
    planPatientSearch(text);
    return null;
  } catch (err) {
    return (err as SearchQueryError).code;
  }
};

describe('patient search plan', () => {
  it('treats a single word as a surname prefix first, then a given name', () => {
    expect(planPatientSearch('ros')).toEqual({ kind: 'name', splits: [{ surname: 'ROS', given: '' }, { surname: '', given: 'ROS' }] });
  });

  it('tries multi-word text as a whole surname and as surname + name in both orders', () => {
    expect(planPatientSearch("de luca")).toEqual({
      kind: 'name',
      splits: [
        { surname: 'DELUCA', given: '' },
        { surname: 'DE', given: 'LUCA' },
        { surname: 'LUCA', given: 'DE' },
      ],
    });
    expect(planPatientSearch('Rossi   Mario').kind).toBe('name');
  });

  it("ignores accents and apostrophes", () => {
    const plan = planPatientSearch("d'amico nicolò");
    expect(plan.kind === 'name' && plan.splits.slice(0, 2)).toEqual([
      { surname: 'DAMICONICOLO', given: '' },
      { surname: 'DAMICO', given: 'NICOLO' },
    ]);
  });

  it('recognises a codice fiscale or its beginning', () => {
    expect(planPatientSearch('rssmra85')).toEqual({ kind: 'codiceFiscale', prefix: 'RSSMRA85' });
    expect(planPatientSearch('RSSMRA85T10A562S')).toEqual({ kind: 'codiceFiscale', prefix: 'RSSMRA85T10A562S' });
  });

  it('reports a complete but wrong codice fiscale instead of finding nothing', () => {
    expect(() => planPatientSearch('RSSMRA85T10A562T')).toThrow(InvalidCodiceFiscaleError);
  });

  it('refuses empty, too short, too long and absurd searches with a reason', () => {
    expect(codeOf('')).toBe('search-too-short');
    expect(codeOf('   ')).toBe('search-too-short');
    expect(codeOf('r')).toBe('search-too-short');
    expect(codeOf('x'.repeat(65))).toBe('search-invalid');
    expect(codeOf('%%; drop table')).toBe('search-invalid');
    expect(codeOf('ab12$')).toBe('search-invalid');
    expect(codeOf('a b c d e')).toBe('search-invalid');
  });
});
