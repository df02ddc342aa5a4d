import { describe, expect, it } from 'vitest';
import { cleanText, decodeBytes, mapPatient, mapProblems, mapTherapies, parseDate, parseSex, type PatientRow } from './mapping';

const row = (over: Partial<PatientRow> = {}): PatientRow => ({
  k: '1001',
  cognome: 'ROSSI',
  nome: 'MARIO',
  nascita: '1950-03-12',
  sesso: 'M',
  codice_fiscale: 'RSSMRA50C12F205Z',
  pa_convenzione: 'S',
  pa_drevoca: null,
  tel_cell: null,
  email: null,
  ...over,
});

describe('text', () => {
  it('trims, drops NULs, makes blank null', () => {
    expect(cleanText('  Galli ')).toBe('Galli');
    expect(cleanText('RSSMRA50C12F205Z')).toBe('RSSMRA50C12F205Z');
    expect(cleanText('                ')).toBeNull();
    expect(cleanText('')).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText(undefined)).toBeNull();
    expect(cleanText('A\u0000B')).toBe('AB');
    expect(cleanText(42)).toBe('42');
  });

  it('decodes bytes as UTF-8, or as Windows-1252 when they are not UTF-8', () => {
    expect(decodeBytes(Buffer.from('Nicolò', 'utf8'))).toBe('Nicolò');
    expect(decodeBytes(Buffer.from([0x4e, 0x69, 0x63, 0x6f, 0x6c, 0xf2]))).toBe('Nicolò');
    expect(decodeBytes(Buffer.from([0x50, 0x65, 0x72, 0xf9]))).toBe('Perù');
    expect(cleanText(Buffer.from(" D'Angelo ", 'latin1'))).toBe("D'Angelo");
  });
});

describe('dates', () => {
  it.each([
    ['1950-03-12', '1950-03-12'],
    ['1950-03-12 00:00:00', '1950-03-12'],
    ['1950-03-12T10:00:00+01', '1950-03-12'],
    ['1950/3/2', '1950-03-02'],
    ['12/03/1950', '1950-03-12'],
    ['2/3/1950', '1950-03-02'],
    ['12.03.1950', '1950-03-12'],
    ['12-03-1950', '1950-03-12'],
    [' 12/03/1950 ', '1950-03-12'],
    ['12/03/1950 00:00', '1950-03-12'],
    ['19500312', '1950-03-12'],
  ])('reads %j', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each([null, '', '   ', '31/02/1950', '1950-13-01', '00/00/0000', 'ieri', '12/03/50', '0001-01-01', 12])('gives null for %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('reads a JS Date by its local calendar day', () => {
    expect(parseDate(new Date(1950, 2, 12))).toBe('1950-03-12');
    expect(parseDate(new Date('invalid'))).toBeNull();
  });
});

describe('sex', () => {
  it.each([
    ['M', 'M'], ['m', 'M'], [' F ', 'F'], ['f', 'F'], [1, 'M'], [2, 'F'], ['1', 'M'], ['2', 'F'], ['Maschio', 'M'], ['FEMMINA', 'F'],
  ])('reads %j', (input, sex) => {
    expect(parseSex(input)).toBe(sex);
  });

  it('tells absent from not understood', () => {
    expect(parseSex(null)).toBeNull();
    expect(parseSex(' ')).toBeNull();
    expect(parseSex('X')).toBe('unknown');
    expect(parseSex(0)).toBe('unknown');
  });
});

describe('mapPatient', () => {
  it('maps a row with its problems and therapies', () => {
    const item = mapPatient(
      row({ tel_cell: ' 333 1234567 ', email: 'm.rossi@example.it' }),
      [
        { cp_code: '250.00', nome_pbl: 'DIABETE MELLITO TIPO 2', data_open: '2010-03-01' },
        { cp_code: ' 401.9 ', nome_pbl: 'IPERTENSIONE', data_open: '01/02/2005' },
      ],
      [{ co_atc: 'A10BA02', co_des: 'METFORMINA' }],
    );
    expect(item).toEqual({
      kind: 'patient',
      row: 'pazienti.codice=1001',
      patient: {
        codiceFiscale: 'RSSMRA50C12F205Z',
        surname: 'ROSSI',
        givenName: 'MARIO',
        birthDate: '1950-03-12',
        sex: 'M',
        mobile: '333 1234567',
        email: 'm.rossi@example.it',
        problems: [
          { icd9: '250.00', description: 'DIABETE MELLITO TIPO 2', since: '2010-03-01' },
          { icd9: '401.9', description: 'IPERTENSIONE', since: '2005-02-01' },
        ],
        therapies: [{ atc: 'A10BA02', description: 'METFORMINA' }],
      },
    });
  });

  it('rejects a patient without codice fiscale, naming him, in Italian', () => {
    for (const cf of [null, '', '                ']) {
      const item = mapPatient(row({ k: '1012  ', codice_fiscale: cf, cognome: 'GRECO', nome: 'ELENA' }));
      expect(item.kind).toBe('reject');
      expect(item.row).toBe('pazienti.codice=1012');
      if (item.kind === 'reject') expect(item.reason).toMatch(/^Codice fiscale mancante in Millewin \(GRECO ELENA\)/);
    }
  });

  it('passes a malformed codice fiscale as is (trimmed): the engine checks it', () => {
    const item = mapPatient(row({ codice_fiscale: ' rssmra50c12f205X ' }));
    expect(item.kind === 'patient' && item.patient.codiceFiscale).toBe('rssmra50c12f205X');
  });

  it('warns about what it could not read, and about private patients and coming revocations', () => {
    const item = mapPatient(row({ nascita: '30/02/1950', sesso: 'X', pa_convenzione: 'N', pa_drevoca: '2099-01-31' }));
    expect(item.kind).toBe('patient');
    if (item.kind !== 'patient') return;
    expect(item.patient.birthDate).toBeNull();
    expect(item.patient.sex).toBeNull();
    expect(item.warnings).toEqual([
      'Data di nascita non leggibile ("30/02/1950"): lasciata vuota.',
      'Sesso non riconosciuto ("X"): lasciato vuoto.',
      'Paziente non in convenzione SSN in Millewin (pa_convenzione = "N").',
      'Revoca dal medico già registrata con decorrenza 31/01/2099.',
    ]);
    const unreadable = mapPatient(row({ pa_drevoca: 'presto' }));
    expect(unreadable.kind === 'patient' && unreadable.warnings).toEqual(['Data di revoca non leggibile ("presto"): il paziente è considerato ancora in carico.']);
  });

  it('has no warnings for a clean row, nor for missing optional values', () => {
    const item = mapPatient(row({ nascita: null, sesso: null, pa_convenzione: null, cognome: null }));
    expect(item).toMatchObject({ kind: 'patient', patient: { surname: null, birthDate: null, sex: null } });
    expect('warnings' in item).toBe(false);
  });

  it('reads integer keys, numeric sex and raw bytes', () => {
    const item = mapPatient(row({ k: 42, sesso: 2, nome: Buffer.from([0x4e, 0x69, 0x63, 0x6f, 0x6c, 0xf2]) }));
    expect(item).toMatchObject({ row: 'pazienti.codice=42', patient: { sex: 'F', givenName: 'Nicolò' } });
  });
});

describe('problems and therapies', () => {
  it('drops empty and repeated problems, keeps one without ICD9', () => {
    expect(
      mapProblems([
        { cp_code: '401.9', nome_pbl: 'IPERTENSIONE', data_open: '2005-05-05' },
        { cp_code: ' 401.9', nome_pbl: 'IPERTENSIONE ', data_open: '2005-05-05 00:00:00' },
        { cp_code: '', nome_pbl: null, data_open: null },
        { cp_code: null, nome_pbl: 'LOMBALGIA', data_open: 'boh' },
      ]),
    ).toEqual([
      { icd9: '401.9', description: 'IPERTENSIONE', since: '2005-05-05' },
      { icd9: null, description: 'LOMBALGIA', since: null },
    ]);
  });

  it('describes a therapy by its ATC when it has no description; drops repeats', () => {
    expect(
      mapTherapies([
        { co_atc: 'C08CA01', co_des: 'AMLODIPINA 5MG' },
        { co_atc: 'C08CA01', co_des: 'amlodipina 5mg' },
        { co_atc: 'B01AC06', co_des: null },
        { co_atc: null, co_des: 'DIETA IPOSODICA' },
        { co_atc: ' ', co_des: ' ' },
      ]),
    ).toEqual([
      { atc: 'C08CA01', description: 'AMLODIPINA 5MG' },
      { atc: 'B01AC06', description: 'B01AC06' },
      { atc: null, description: 'DIETA IPOSODICA' },
    ]);
  });
});
