import { describe, expect, it } from 'vitest';
import { CSV_BOM } from './csv';
import {
  adapterName,
  buildOptions,
  buildRejectsCsv,
  canUndo,
  checkMapping,
  checkMappingName,
  DEFAULT_DB,
  EMPTY_MAPPING,
  formatEta,
  guessMapping,
  keptText,
  mappingFromSaved,
  mappingToOption,
  missingColumns,
  normalizeHeader,
  outcomeCounts,
  outcomeSummary,
  parseJsonOptions,
  previewSummaryText,
  progressPercent,
  progressValueText,
  rateText,
  readsChosenFile,
  rejectsFileName,
  rejectsShownText,
  rowsDoneText,
  runStatusLabel,
  runStatusTone,
  sampleValues,
  sourceFormKind,
  undoQuestion,
  undoResultText,
  type SourceForm,
} from './importing';

const chosen = { file: 'file_0123456789abcdef0123456789abcdef', name: 'lista_ats.csv', size: 1234 };
const form = (over: Partial<SourceForm> = {}): SourceForm => ({
  file: null,
  mapping: { ...EMPTY_MAPPING },
  dateFormat: '',
  db: { ...DEFAULT_DB },
  json: '',
  ...over,
});

describe('source forms', () => {
  it('gives each built-in adapter its form, plug-ins the JSON editor and, if they read a file, the file chooser', () => {
    expect(sourceFormKind({ id: 'ats-list', source: 'file' })).toBe('file');
    expect(sourceFormKind({ id: 'fhir-bundle', source: 'file' })).toBe('file');
    expect(sourceFormKind({ id: 'mapped-file', source: 'file' })).toBe('mapped');
    expect(sourceFormKind({ id: 'millewin', source: 'database' })).toBe('database');
    expect(sourceFormKind({ id: 'toString', source: 'database' })).toBe('json');
    expect(sourceFormKind({ id: 'my-plugin', source: 'folder' })).toBe('json');
    expect(sourceFormKind({ id: 'my-plugin', source: 'file' })).toBe('file-json');
    expect((['file', 'mapped', 'file-json'] as const).every(readsChosenFile)).toBe(true);
    expect((['database', 'json'] as const).some(readsChosenFile)).toBe(false);
  });

  it('names the chosen file by its handle, never by a path', () => {
    expect(buildOptions('file', form({ file: chosen }))).toEqual({ ok: true, options: { file: chosen.file } });
    expect(buildOptions('file', form())).toEqual({ ok: false, field: 'file', message: 'Scegliere il file da importare.' });
    expect(buildOptions('file-json', form({ file: chosen, json: '{"foglio": 2}' }))).toEqual({ ok: true, options: { foglio: 2, file: chosen.file } });
    expect(buildOptions('file-json', form({ json: '{"foglio": 2}' }))).toMatchObject({ ok: false, field: 'file' });
    expect(buildOptions('file-json', form({ file: chosen, json: '{' }))).toMatchObject({ ok: false, field: 'json' });
  });

  it('adds the mapping and the date format of a mapped file only when given', () => {
    expect(buildOptions('mapped', form({ file: chosen }))).toEqual({ ok: true, options: { file: chosen.file } });
    const mapping = { ...EMPTY_MAPPING, codiceFiscale: 'CF', surname: 'Cognome' };
    expect(buildOptions('mapped', form({ file: chosen, mapping, dateFormat: 'dmy' }))).toEqual({
      ok: true,
      options: { file: chosen.file, mapping: { codiceFiscale: 'CF', surname: 'Cognome' }, dateFormat: 'dmy' },
    });
    const noCf = { ...EMPTY_MAPPING, surname: 'Cognome' };
    expect(buildOptions('mapped', form({ file: chosen, mapping: noCf }))).toMatchObject({ ok: false, field: 'mapping' });
    expect(buildOptions('mapped', form({ mapping }))).toMatchObject({ ok: false, field: 'file' });
  });

  it('checks the Millewin connection and sends the port as a number', () => {
    const db = { host: 'server-studio', port: '5433', database: 'milleps', user: 'postgres', password: 'segreta', doctor: '7' };
    expect(buildOptions('database', form({ db }))).toEqual({
      ok: true,
      options: { host: 'server-studio', port: 5433, database: 'milleps', user: 'postgres', password: 'segreta', doctor: '7' },
    });
    // Empty server, port and database: the core uses Millewin's ODBC entry, 5432 and milleps.
    expect(buildOptions('database', form({ db: { ...DEFAULT_DB, user: ' postgres ', doctor: '7' } }))).toEqual({
      ok: true,
      options: { user: 'postgres', doctor: '7' },
    });
    expect(buildOptions('database', form({ db: { ...db, user: ' ' } }))).toMatchObject({ ok: false, field: 'db.user' });
    expect(buildOptions('database', form({ db: { ...db, doctor: '' } }))).toMatchObject({ ok: false, field: 'db.doctor' });
    for (const port of ['0', '65536', 'abc', '54 32']) {
      expect(buildOptions('database', form({ db: { ...db, port } }))).toMatchObject({ ok: false, field: 'db.port' });
    }
  });

  it('validates the JSON options of a plug-in', () => {
    expect(parseJsonOptions('{"sheet": 2, "doctor": "Rossi"}')).toEqual({ ok: true, options: { sheet: 2, doctor: 'Rossi' } });
    expect(parseJsonOptions('  ')).toEqual({ ok: true, options: {} });
    expect(parseJsonOptions("{path: 'x'}")).toMatchObject({ ok: false, field: 'json', message: expect.stringMatching(/JSON valido/) });
    for (const notObject of ['[1]', '"x"', '3', 'null']) {
      expect(parseJsonOptions(notObject)).toMatchObject({ ok: false, message: expect.stringMatching(/oggetto JSON/) });
    }
    expect(buildOptions('json', form({ json: '{"a":1}' }))).toEqual({ ok: true, options: { a: 1 } });
  });
});

describe('column mapping', () => {
  it('recognizes the usual column names, each column once', () => {
    expect(normalizeHeader(' Data di Nascita ')).toBe('datadinascita');
    expect(normalizeHeader('Livello_Cronicità')).toBe('livellocronicita');
    const headers = ['COD_FISCALE', 'Cognome', 'Nome', 'Data nascita', 'Sesso', 'Tel.', 'Cellulare', 'E-mail', 'Livello cronicità', 'ICD9', 'Esenzioni', 'Note'];
    expect(guessMapping(headers)).toEqual({
      codiceFiscale: 'COD_FISCALE',
      surname: 'Cognome',
      givenName: 'Nome',
      birthDate: 'Data nascita',
      sex: 'Sesso',
      phone: 'Tel.',
      mobile: 'Cellulare',
      email: 'E-mail',
      chronicLevel: 'Livello cronicità',
      icd9: 'ICD9',
      exemptions: 'Esenzioni',
    });
    expect(guessMapping(['colonna1', 'colonna2'])).toEqual(EMPTY_MAPPING);
    // A real export of another program: the best match wins, each column once.
    expect(
      guessMapping(['ID Paz', 'Cod.Fisc.', 'Denominazione', 'Nome proprio', 'Nato il', 'M/F', 'Tel. abitazione', 'Tel. cell.', 'Posta elettr.', 'Diagnosi ICD9', 'Esenzioni', 'Note']),
    ).toEqual({
      codiceFiscale: 'Cod.Fisc.',
      surname: '',
      givenName: 'Nome proprio',
      birthDate: 'Nato il',
      sex: 'M/F',
      phone: 'Tel. abitazione',
      mobile: 'Tel. cell.',
      email: 'Posta elettr.',
      chronicLevel: '',
      icd9: 'Diagnosi ICD9',
      exemptions: 'Esenzioni',
    });
    // Columns about someone else or another date are left alone.
    expect(guessMapping(['CF medico', 'Luogo di nascita', 'DataNascitaPaziente', 'Codice fiscale assistito'])).toMatchObject({
      codiceFiscale: 'Codice fiscale assistito',
      birthDate: 'DataNascitaPaziente',
    });
    // "Nome" is not taken for the surname, nor "Cognome" for the name.
    expect(guessMapping(['Nome', 'Cognome'])).toMatchObject({ surname: 'Cognome', givenName: 'Nome' });
  });

  it('reuses a saved mapping and says which of its columns the file lacks', () => {
    const state = mappingFromSaved({ codiceFiscale: 'CF', surname: 'COGNOME', unknown: 'X' });
    expect(state).toEqual({ ...EMPTY_MAPPING, codiceFiscale: 'CF', surname: 'COGNOME' });
    expect(missingColumns(state, ['CF', 'NOME'])).toEqual(['surname']);
    expect(missingColumns(state, ['CF', 'COGNOME'])).toEqual([]);
    expect(mappingToOption(state)).toEqual({ codiceFiscale: 'CF', surname: 'COGNOME' });
  });

  it('needs the codice fiscale, each column once and only columns of the file', () => {
    expect(checkMapping(EMPTY_MAPPING, null)).toMatchObject({ ok: false, field: 'codiceFiscale', message: expect.stringMatching(/codice fiscale/) });
    const twice = { ...EMPTY_MAPPING, codiceFiscale: 'CF', phone: 'TEL', mobile: 'TEL' };
    expect(checkMapping(twice, null)).toEqual({ ok: false, field: 'mobile', message: 'La colonna "TEL" è scelta sia per Telefono sia per Cellulare.' });
    const absent = { ...EMPTY_MAPPING, codiceFiscale: 'CF', email: 'MAIL' };
    expect(checkMapping(absent, ['CF'])).toEqual({ ok: false, field: 'email', message: 'La colonna "MAIL" scelta per Email non è nel file.' });
    expect(checkMapping(absent, ['CF', 'MAIL'])).toEqual({ ok: true, mapping: { codiceFiscale: 'CF', email: 'MAIL' } });
  });

  it('checks the name a mapping is saved under', () => {
    expect(checkMappingName('  Export studio ')).toEqual({ ok: true, name: 'Export studio' });
    expect(checkMappingName('   ')).toMatchObject({ ok: false });
    expect(checkMappingName('x'.repeat(61))).toMatchObject({ ok: false, message: expect.stringMatching(/60/) });
  });

  it('shows a few sample values of the chosen column', () => {
    const headers = ['CF', 'Cognome'];
    const sample = [['A', 'Rossi'], ['B', ''], ['C', 'Bianchi'], ['D', 'Verdi'], ['E', 'Neri']];
    expect(sampleValues(headers, sample, 'Cognome')).toEqual(['Rossi', 'Bianchi', 'Verdi']);
    expect(sampleValues(headers, sample, 'Assente')).toEqual([]);
    expect(sampleValues(headers, [['A']], 'Cognome')).toEqual([]);
  });
});

describe('preview and progress texts', () => {
  it('counts the outcomes of the preview', () => {
    const items = [{ outcome: 'create' }, { outcome: 'create' }, { outcome: 'reject' }, { outcome: 'unchanged' }] as const;
    expect(outcomeCounts(items)).toEqual({ create: 2, update: 0, unchanged: 1, reject: 1 });
    expect(outcomeSummary(outcomeCounts(items))).toBe('2 nuovi, 1 invariato, 1 scartato');
    expect(previewSummaryText(items)).toBe('Prime 4 righe: 2 nuovi, 1 invariato, 1 scartato.');
    expect(previewSummaryText([{ outcome: 'update' }])).toBe('Prima riga: 1 aggiornato.');
    expect(previewSummaryText([])).toMatch(/non contiene righe/);
  });

  it('says the remaining time roughly, in Italian', () => {
    expect(formatEta(null)).toBeNull();
    expect(formatEta(0)).toBe('meno di un minuto');
    expect(formatEta(59)).toBe('meno di un minuto');
    expect(formatEta(90)).toBe('circa 2 min');
    expect(formatEta(125)).toBe('circa 2 min');
    expect(formatEta(59 * 60)).toBe('circa 59 min');
    expect(formatEta(3599)).toBe('circa 1 h');
    expect(formatEta(3600 + 25 * 60)).toBe('circa 1 h 25 min');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('describes rows, speed and the share done', () => {
    expect(rateText(1)).toBe('1 riga al secondo');
    expect(rateText(12345)).toBe('12.345 righe al secondo');
    expect(rowsDoneText(1)).toBe('1 riga elaborata');
    expect(rowsDoneText(2000)).toBe('2.000 righe elaborate');
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent(0.426)).toBe(42);
    expect(progressPercent(1.2)).toBe(100);
    expect(progressValueText({ done: 2000, fraction: 0.5, etaSeconds: 120 })).toBe('2.000 righe elaborate, 50%, circa 2 min rimanenti');
    expect(progressValueText({ done: 3, fraction: null, etaSeconds: null })).toBe('3 righe elaborate');
    expect(progressValueText({ done: 3, fraction: 0.9, etaSeconds: 5 })).toBe('3 righe elaborate, 90%, meno di un minuto rimanente');
  });
});

describe('report and history', () => {
  it('says when the rejects shown are not all of them', () => {
    expect(rejectsShownText(40, 40, true)).toBeNull();
    expect(rejectsShownText(100, 2500, true)).toBe('Mostrati i primi 100 scarti di 2.500: il file CSV li contiene tutti.');
    expect(rejectsShownText(100, 2500, false)).toMatch(/contiene i primi 1\.000/);
  });

  it('names the run states in Italian', () => {
    expect(runStatusLabel('done')).toBe('completata');
    expect(runStatusLabel('failed')).toBe('non riuscita');
    expect(runStatusLabel('cancelled')).toBe('annullata');
    expect(runStatusLabel('interrupted')).toBe('interrotta');
    expect(runStatusLabel('undone')).toBe("annullata dall'utente");
    expect(runStatusLabel('running')).toBe('in corso');
    expect(runStatusLabel('nuovo-stato')).toBe('nuovo-stato');
    expect(runStatusTone('done')).toBe('ok');
    expect(runStatusTone('failed')).toBe('error');
    expect(runStatusTone('undone')).toBe('warn');
  });

  it('offers undo only for runs that left something', () => {
    expect(canUndo({ status: 'done' })).toBe(true);
    expect(canUndo({ status: 'interrupted' })).toBe(true);
    expect(canUndo({ status: 'undoing' })).toBe(true);
    for (const status of ['running', 'failed', 'cancelled', 'undone']) expect(canUndo({ status })).toBe(false);
  });

  it('asks and reports the undo in Italian', () => {
    expect(undoQuestion(7)).toBe("Annullare l'importazione n. 7? I pazienti creati saranno rimossi, quelli aggiornati tornano come prima. Quello che lo studio ha fatto dopo l'importazione (telefonate, lettere consegnate, dati corretti, arruolamenti) resta.");
    expect(undoResultText({ runId: 7, removed: 1200, restored: 1, fieldsKept: 0 })).toBe('Importazione n. 7 annullata: 1.200 pazienti rimossi, 1 paziente riportato come prima.');
    expect(undoResultText({ runId: 7, removed: 0, restored: 2, fieldsKept: 1 })).toBe(
      "Importazione n. 7 annullata: 0 pazienti rimossi, 2 pazienti riportati come prima. 1 dato corretto dallo studio dopo l'importazione è rimasto com'era.",
    );
    const enrolled = { reason: 'enrolled' as const };
    expect(keptText([enrolled, enrolled, enrolled])).toBe('3 pazienti non rimossi perché nel frattempo arruolati');
    expect(keptText([enrolled, { reason: 'studio-work' }])).toBe(
      "1 paziente non rimosso perché nel frattempo arruolato; 1 paziente non rimosso perché con attività dello studio dopo l'importazione (telefonate, lettere, modifiche)",
    );
  });

  it('names adapters, falling back to the id', () => {
    const adapters = [{ id: 'ats-list', name: 'Lista ATS' }];
    expect(adapterName(adapters, 'ats-list')).toBe('Lista ATS');
    expect(adapterName(adapters, 'old-plugin')).toBe('old-plugin');
    expect(adapterName(null, 'ats-list')).toBe('ats-list');
  });
});

describe('rejects CSV', () => {

  it('builds a UTF-8 file with BOM, ";" separated, CRLF lines, that Excel opens', () => {
    const csv = buildRejectsCsv([
      { row: '3', reason: 'Codice fiscale "RSSMRA" non valido: lunghezza errata' },
      { row: 'pazienti.codice=42', reason: 'Cognome o nome mancante; riga ignorata' },
      { row: '9', reason: 'Città di nascita: Forlì' },
    ]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe(
      `${CSV_BOM}Riga;Motivo\r\n3;"Codice fiscale ""RSSMRA"" non valido: lunghezza errata"\r\npazienti.codice=42;"Cognome o nome mancante; riga ignorata"\r\n9;Città di nascita: Forlì\r\n`,
    );
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buildRejectsCsv([])).toBe(`${CSV_BOM}Riga;Motivo\r\n`);
  });

  it('names the file after the run', () => {
    expect(rejectsFileName(12, '2025-03-01')).toBe('scarti-importazione-12.csv');
    expect(rejectsFileName(null, '2025-03-01')).toBe('scarti-prova-importazione-2025-03-01.csv');
  });
});
