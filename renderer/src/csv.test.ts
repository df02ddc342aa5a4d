import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvDocument } from './csv';

describe('CSV for Excel', () => {
  it('quotes cells with separators, quotes and line breaks', () => {
    expect(csvCell('12')).toBe('12');
    expect(csvCell('Codice fiscale "X" non valido')).toBe('"Codice fiscale ""X"" non valido"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('riga\nnuova')).toBe('"riga\nnuova"');
    expect(csvCell(' spazio')).toBe('" spazio"');
    expect(csvCell('')).toBe('');
  });


  it('never lets Excel run a value as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+39 02 1234')).toBe("'+39 02 1234");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a whole file with the byte order mark and CRLF', () => {
    expect(csvDocument(['Cognome', 'Telefono'], [['Rossi', '+39 02 1234'], ['D\'Amico; Anna', '']])).toBe(`${CSV_BOM}Cognome;Telefono\r\nRossi;'+39 02 1234\r\n"D'Amico; Anna";\r\n`);
  });
});
