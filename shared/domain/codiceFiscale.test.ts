import { describe, expect, it } from 'vitest';
import {
  checkCharacter,
  computeCodiceFiscale,
  deomocode,
  describeCodiceFiscale,
  InvalidCodiceFiscaleError,
  isOmocode,
  isValidCodiceFiscale,
  omocodeVariant,
  parseCodiceFiscale,
} from './codiceFiscale';

const problemOf = (input: string) => {
  try {
    parseCodiceFiscale(input);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidCodiceFiscaleError);
    return (err as InvalidCodiceFiscaleError).problem;
  }
};

describe('codice fiscale', () => {
  it('accepts the textbook example and normalizes case and spaces', () => {
    expect(parseCodiceFiscale('rssmra85t10a562s')).toBe('RSSMRA85T10A562S');
    expect(parseCodiceFiscale(' RSS MRA 85T10 A562S ')).toBe('RSSMRA85T10A562S');
  });

  it('computes codes from personal data, women with day + 40', () => {
    expect(computeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'A562' }))
      .toBe('RSSMRA85T10A562S');
    expect(computeCodiceFiscale({ surname: 'Bianchi', givenName: 'Maria', sex: 'F', birthDate: '1950-03-07', birthPlaceCode: 'G388' }))
      .toBe('BNCMRA50C47G388N');
  });

  it('handles apostrophes, accents, short names and the four-consonant rule', () => {
    // D'Amico -> DMC; Nicolò -> NCL (accent dropped); born 29 Feb 1944 (leap year) in Milano.
    expect(computeCodiceFiscale({ surname: "D'Amico", givenName: 'Nicolò', sex: 'M', birthDate: '1944-02-29', birthPlaceCode: 'F205' }))
      .toBe('DMCNCL44B29F205I');
    // Short surname padded with X; foreign birth (Z code).
    expect(computeCodiceFiscale({ surname: 'Fo', givenName: 'Ugo', sex: 'M', birthDate: '2001-01-01', birthPlaceCode: 'Z110' }).slice(0, 6))
      .toBe('FOXGUO');
    // Given name with four or more consonants takes the 1st, 3rd and 4th: Gianfranco -> GFR.
    expect(computeCodiceFiscale({ surname: 'Neri', givenName: 'Gianfranco', sex: 'M', birthDate: '1960-05-01', birthPlaceCode: 'G388' }).slice(3, 6))
      .toBe('GFR');
  });

  it('accepts every omocode variant and decodes the same birth data', () => {
    for (let k = 1; k <= 7; k++) {
      const variant = omocodeVariant('RSSMRA85T10A562S', k);
      expect(isOmocode(variant)).toBe(true);
      expect(parseCodiceFiscale(variant)).toBe(variant);
      expect(deomocode(variant)).toBe('RSSMRA85T10A562S');
      expect(describeCodiceFiscale(variant, '2026-11-23')).toEqual({ sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'A562' });
    }
    expect(omocodeVariant('RSSMRA85T10A562S', 1)).toBe('RSSMRA85T10A56NH');
  });

  it('says why a code is rejected', () => {
    expect(problemOf('')).toBe('empty');
    expect(problemOf('RSSMRA85T10A562')).toBe('length');
    expect(problemOf('RSSMRA85T10A562SX')).toBe('length');
    expect(problemOf('RSSMRA85X10A562S')).toBe('format'); // X is not a month letter
    expect(problemOf('RSSMRA85T10A56WS')).toBe('format'); // W stands for no digit
    expect(problemOf('1SSMRA85T10A562S')).toBe('format');
    expect(problemOf('RSSMRA85T32A562S')).toBe('date'); // day 32
    expect(problemOf('RSSMRA85B30A562S')).toBe('date'); // 30 February
    expect(problemOf('RSSMRA85T10A562T')).toBe('check');
    expect(problemOf('RSSMRA85T10A563S')).toBe('check'); // one digit mistyped
  });

  it('gives an Italian message for the UI and an English one for logs', () => {
    try {
      parseCodiceFiscale('RSSMRA85T10A562T');
      expect.unreachable();
    } catch (err) {
      const e = err as InvalidCodiceFiscaleError;
      expect(e.code).toBe('invalid-codice-fiscale');
      expect(e.message).toMatch(/check character/);
      expect(e.userMessage).toMatch(/carattere di controllo/);
    }
  });

  it('decodes sex and resolves the century against today', () => {
    expect(describeCodiceFiscale('BNCMRA50C47G388N', '2026-11-23')).toEqual({ sex: 'F', birthDate: '1950-03-07', birthPlaceCode: 'G388' });
    const young = computeCodiceFiscale({ surname: 'Fo', givenName: 'Ugo', sex: 'M', birthDate: '2001-01-01', birthPlaceCode: 'Z110' });
    expect(describeCodiceFiscale(young, '2026-11-23').birthDate).toBe('2001-01-01');
  });

  it('check character follows the odd/even tables', () => {
    expect(checkCharacter('RSSMRA85T10A562')).toBe('S');
    expect(isValidCodiceFiscale('BNCMRA50C47G388N')).toBe(true);
    expect(isValidCodiceFiscale('BNCMRA50C47G388M')).toBe(false);
  });
});
