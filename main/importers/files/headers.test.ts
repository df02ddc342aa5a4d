import { describe, expect, it } from 'vitest';
import { HEADER_SYNONYMS, matchColumns, missingColumnError, type ColumnField } from './headers';

const ALL = Object.keys(HEADER_SYNONYMS) as ColumnField[];
const fieldOf = (header: string) => {
  const { columns } = matchColumns([header], ALL);
  return (Object.entries(columns).find(([, i]) => i === 0)?.[0] ?? null) as ColumnField | null;
};

describe('header synonyms', () => {
  it.each([
    ['Codice Fiscale', 'codiceFiscale'],
    ['CF', 'codiceFiscale'],
    ['C.F.', 'codiceFiscale'],
    ['cod. fiscale', 'codiceFiscale'],
    ['CODICEFISCALE', 'codiceFiscale'],
    ['Cod.Fisc.', 'codiceFiscale'],
    ['Codice fiscale assistito', 'codiceFiscale'],
    ['Cognome', 'surname'],
    ['SURNAME', 'surname'],
    ['Nome', 'givenName'],
    ['Given name', 'givenName'],
    ['Data nascita', 'birthDate'],
    ['Data di nascita', 'birthDate'],
    ['Nascita', 'birthDate'],
    ['Dt. nascita', 'birthDate'],
    ['DataNascita', 'birthDate'],
    ['Data di nascita (gg/mm/aaaa)', 'birthDate'],
    ['Sesso', 'sex'],
    ['Livello', 'chronicLevel'],
    ['Livello cronicità', 'chronicLevel'],
    ['LIVELLO DI CRONICITA\'', 'chronicLevel'],
    ['Stratificazione', 'chronicLevel'],
    ['Patologie', 'pathologies'],
    ['Patologia', 'pathologies'],
    ['Codici patologia', 'pathologies'],
    ['Tipo lettera', 'letterType'],
    ['Lettera', 'letterType'],
    ['Tipologia lettera', 'letterType'],
    ['Data lettera', 'letterDate'],
    ['Data invio', 'letterDate'],
    ['Telefono', 'phone'],
    ['Tel.', 'phone'],
    ['Cellulare', 'mobile'],
    ['Cell.', 'mobile'],
    ['Telefono cellulare', 'mobile'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Diagnosi ICD9', 'icd9'],
    ['Esenzioni', 'exemptions'],
  ] as const)('%s -> %s', (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  it('does not take columns about someone or something else', () => {
    expect(fieldOf('CF medico')).toBeNull();
    expect(fieldOf('Cognome MMG')).toBeNull();
    expect(fieldOf('Luogo di nascita')).toBeNull();
    expect(fieldOf('Comune nascita')).toBeNull();
  });

  it('gives each header to one field, the best match first', () => {
    const headers = ['Data lettera', 'Tipo lettera', 'Tel', 'Tel. cellulare', 'Luogo di nascita', 'Data di nascita'];
    expect(matchColumns(headers, ALL).columns).toEqual({ letterDate: 0, letterType: 1, phone: 2, mobile: 3, birthDate: 5 });
  });

  it('sets aside a combined "Cognome e nome" column', () => {
    const m = matchColumns(['CF', 'Cognome e nome', 'Nominativo'], ALL);
    expect(m.columns).toEqual({ codiceFiscale: 0 });
    expect(m.combinedName).toEqual([1, 2]);
  });

  it('names the missing column in Italian and lists the headers found', () => {
    const err = missingColumnError('codiceFiscale', ['Cognome', 'Nome', ''], 'lista.csv');
    expect(err.code).toBe('missing-column');
    expect(err.userMessage).toBe(
      'Nel file manca la colonna «Codice fiscale» (intestazioni riconosciute: «Codice fiscale», «CF», «C.F.», «Cod. fiscale»). Colonne trovate: «Cognome», «Nome».',
    );
  });

  it('never quotes the first line of a file with one column, nor a whole long line', () => {
    const line = 'root:x:0:0:root:/root:/bin/bash';
    const one = missingColumnError('codiceFiscale', [line], '/etc/passwd');
    expect(one.userMessage).toMatch(/una sola colonna/);
    expect(`${one.userMessage} ${one.message}`).not.toContain('root');
    const long = 'x'.repeat(39) + 'SEGRETO';
    const two = missingColumnError('codiceFiscale', ['Cognome', long], 'lista.csv');
    expect(two.userMessage).toContain(`«${'x'.repeat(39)}S…»`);
    expect(`${two.userMessage} ${two.message}`).not.toContain('SEGRETO');
  });
});
