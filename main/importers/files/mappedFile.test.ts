import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mappedFileAdapter, MappingIncompleteError, readHeaders } from './mappedFile';
import { deleteMapping, listMappings, loadMapping, mappingSlug, saveMapping, type ColumnMapping } from './mappings';
import { collect, context, fixture, patients, rejectsWith, tempDir, writeTemp } from '../../../test/doubles/importFiles';

const dir = tempDir();
const SAVED_AT = new Date('2026-06-15T10:00:00Z');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const EXPORT_MAPPING: ColumnMapping = {
  codiceFiscale: 'Cod.Fisc.',
  surname: 'Denominazione',
  givenName: 'Nome proprio',
  birthDate: 'Nato il',
  sex: 'M/F',
  phone: 'Tel. abitazione',
  mobile: 'Tel. cell.',
  email: 'Posta elettr.',
  icd9: 'Diagnosi ICD9',
  exemptions: 'Esenzioni',
};

describe('saved mappings', () => {
  it('saves, loads, lists and deletes mappings by name', async () => {
    const dataDir = tempDir('pic-data-');
    expect(await listMappings(dataDir)).toEqual([]);
    expect(await loadMapping(dataDir, 'Millewin')).toBeNull();
    const file = await saveMapping(dataDir, 'Export Koinè 2024', EXPORT_MAPPING, { savedAt: SAVED_AT, dateFormat: 'dmy' });
    expect(file).toBe(path.join(dataDir, 'import-mappings', 'export-koine-2024.json'));
    await saveMapping(dataDir, 'Altro programma', { codiceFiscale: 'CF' }, { savedAt: SAVED_AT });
    expect(await listMappings(dataDir)).toEqual(['Altro programma', 'Export Koinè 2024']);
    expect(await loadMapping(dataDir, 'Export Koinè 2024')).toMatchObject({ name: 'Export Koinè 2024', mapping: EXPORT_MAPPING, dateFormat: 'dmy' });
    // The same slug is the same mapping: saving again replaces it.
    await saveMapping(dataDir, 'export koine 2024', { codiceFiscale: 'C.F.' }, { savedAt: SAVED_AT });
    expect((await loadMapping(dataDir, 'Export Koinè 2024'))?.mapping).toEqual({ codiceFiscale: 'C.F.' });
    expect(await deleteMapping(dataDir, 'Altro programma')).toBe(true);
    expect(await deleteMapping(dataDir, 'Altro programma')).toBe(false);
    expect(await listMappings(dataDir)).toEqual(['export koine 2024']);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sanitizes names into safe file names', async () => {
    expect(mappingSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(mappingSlug('C:\\Windows\\evil')).toBe('c-windows-evil');
    expect(mappingSlug('Millewin / export.csv')).toBe('millewin-export-csv');
    expect(mappingSlug('Ciò è perché')).toBe('cio-e-perche');
    expect(mappingSlug('x'.repeat(100))).toHaveLength(60);
    const dataDir = tempDir('pic-data-');
    await saveMapping(dataDir, '../../fuori', { codiceFiscale: 'CF' }, { savedAt: SAVED_AT });
    expect(fs.readdirSync(path.join(dataDir, 'import-mappings'))).toEqual(['fuori.json']);
    await expect(saveMapping(dataDir, '../..', { codiceFiscale: 'CF' }, { savedAt: SAVED_AT })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(saveMapping(dataDir, 'bad', { codiceFiscale: '' }, { savedAt: SAVED_AT })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(saveMapping(dataDir, 'bad', { nonEsiste: 'x' } as ColumnMapping, { savedAt: SAVED_AT })).rejects.toMatchObject({ code: 'invalid-input' });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports a damaged mapping file and skips it in the list', async () => {
    const dataDir = tempDir('pic-data-');
    fs.mkdirSync(path.join(dataDir, 'import-mappings'));
    fs.writeFileSync(path.join(dataDir, 'import-mappings', 'rotta.json'), '{ not json');
    expect(await listMappings(dataDir)).toEqual([]);
    await expect(loadMapping(dataDir, 'rotta')).rejects.toMatchObject({ code: 'mapping-corrupt' });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('mapped-file adapter', () => {
  it('reads the headers and a sample for the mapping form', async () => {
    const { headers, sample } = await readHeaders(fixture('mapped-export.csv'));
    expect(headers).toEqual(['ID Paz', 'Cod.Fisc.', 'Denominazione', 'Nome proprio', 'Nato il', 'M/F', 'Tel. abitazione', 'Tel. cell.', 'Posta elettr.', 'Diagnosi ICD9', 'Esenzioni', 'Note']);
    expect(sample).toHaveLength(5);
    expect(sample[1]?.[11]).toBe('Controllo "annuale"\ndal cardiologo');
    const xlsx = await readHeaders(fixture('ats-list.xlsx'), { sampleRows: 1 });
    expect(xlsx.headers.slice(0, 3)).toEqual(['Codice fiscale', 'Cognome', 'Nome']);
    expect(xlsx.sample).toHaveLength(1);
  });

  it('maps the columns as told and reads ICD9 codes, exemptions and dates', async () => {
    const ctx = context();
    const items = await collect(mappedFileAdapter.read({ path: fixture('mapped-export.csv'), mapping: EXPORT_MAPPING }, ctx));
    expect(items.map((i) => i.row)).toEqual([2, 3, 5, 7, 8]);
    const [giosue, anna, laura, franco, roberto] = patients(items);
    expect(giosue?.patient).toEqual({
      codiceFiscale: 'PREGSI50C07G388A',
      surname: "PERU'",
      givenName: "GIOSUE'",
      birthDate: '1950-03-07',
      sex: 'M',
      phone: '0382 111111',
      mobile: null,
      email: null,
      problems: [
        { icd9: '250.00', description: null },
        { icd9: '401.9', description: null },
      ],
      exemptions: ['013.250', '031.401.9'],
    });
    expect(anna?.patient).toMatchObject({ mobile: '347 7654321', email: 'anna@example.it', problems: [{ icd9: '428.0', description: null }] });
    expect(laura?.patient.problems).toEqual([
      { icd9: '401.9', description: null },
      { icd9: 'V45.11', description: 'Dialisi' },
    ]);
    expect(franco?.patient.problems).toBeUndefined();
    expect(franco?.warnings).toEqual(['Codice ICD9-CM "diabete" non valido: ignorato.']);
    expect(roberto?.patient).toMatchObject({ birthDate: '1972-02-29', problems: [{ icd9: '401.9' }, { icd9: '492.8' }] });
  });

  it('guesses the mapping from the header names when none is given', async () => {
    const preview = await mappedFileAdapter.preview({ path: fixture('mapped-export.csv') }, 3, context());
    expect(preview.mappingSource).toBe('automatic');
    expect(preview.mapping).toMatchObject({ codiceFiscale: 'Cod.Fisc.', givenName: 'Nome proprio', birthDate: 'Nato il', sex: 'M/F', icd9: 'Diagnosi ICD9', exemptions: 'Esenzioni' });
    expect(preview.mapping.surname).toBeUndefined();
    expect(preview.warnings).toContain('Cognome e nome non sono entrambi associati: i pazienti non ancora in archivio saranno scartati, quelli presenti solo aggiornati.');
    expect(preview.items).toHaveLength(3);
    expect(preview.headers).toHaveLength(12);
    expect(preview.sample).toHaveLength(5);
  });

  it('uses a saved mapping by name', async () => {
    const ctx = context();
    await saveMapping(ctx.dataDir, 'Programma X', EXPORT_MAPPING, { savedAt: SAVED_AT });
    const preview = await mappedFileAdapter.preview({ path: fixture('mapped-export.csv'), mappingName: 'Programma X' }, 10, ctx);
    expect(preview.mappingSource).toBe('saved');
    expect(patients(preview.items).map((i) => i.patient.surname)).toEqual(["PERU'", 'COLOMBO', 'BIANCHI', 'SALA', 'GALLI']);
    expect(await rejectsWith(mappedFileAdapter.preview({ path: fixture('mapped-export.csv'), mappingName: 'Nessuna' }, 10, ctx))).toMatchObject({
      code: 'mapping-not-found',
    });
  });

  it('requires the codice fiscale column, and gives the headers with the error', async () => {
    const ctx = context();
    const file = writeTemp(dir, 'senza-cf.csv', 'Paziente;Nascita\nROSSI;12/04/1958\n');
    const err = await rejectsWith(collect(mappedFileAdapter.read({ path: file }, ctx)));
    expect(err).toBeInstanceOf(MappingIncompleteError);
    expect(err).toMatchObject({ code: 'mapping-incomplete', headers: ['Paziente', 'Nascita'], suggested: { birthDate: 'Nascita' } });
    expect(err.userMessage).toContain('«Codice fiscale»');
    const noCf = await rejectsWith(mappedFileAdapter.preview({ path: fixture('mapped-export.csv'), mapping: { surname: 'Denominazione' } }, 5, ctx));
    expect(noCf.code).toBe('mapping-incomplete');
    const wrong = await rejectsWith(mappedFileAdapter.preview({ path: fixture('mapped-export.csv'), mapping: { codiceFiscale: 'Codice' } }, 5, ctx));
    expect(wrong.code).toBe('missing-column');
    expect(wrong.userMessage).toContain('«Codice»');
    const detected = await mappedFileAdapter.detect({ path: file }, ctx);
    expect(detected.match).toBe(true);
    expect(detected.reason).toContain('associare le colonne');
  });

  it('ignores mapped columns the file lacks, with a warning', async () => {
    const preview = await mappedFileAdapter.preview({ path: fixture('mapped-export.csv'), mapping: { codiceFiscale: 'cod fisc', email: 'Email' } }, 1, context());
    expect(preview.mapping).toEqual({ codiceFiscale: 'Cod.Fisc.' });
    expect(preview.warnings).toContain('La colonna «Email» associata a «Email» non è nel file: campo ignorato.');
  });

  it('warns on the rows in the other encoding than the file, in the preview and when reading', async () => {
    const file = writeTemp(dir, 'misto.csv', Buffer.concat([Buffer.from('CF;Cognome\r\nPREGSI50C07G388A;PER\u00d9\r\n', 'latin1'), Buffer.from('SLAFNC51C19G388C;SAL\u00c0\r\n', 'utf8')]));
    const options = { path: file, mapping: { codiceFiscale: 'CF', surname: 'Cognome' } };
    const warning = 'Codifica dei caratteri mista (UTF-8 e Windows-1252): controllare accenti e apostrofi.';
    const { items } = await mappedFileAdapter.preview(options, 10, context());
    expect(patients(items).map((i) => [i.patient.surname, i.warnings])).toEqual([
      ['PER\u00d9', undefined],
      ['SAL\u00c0', [warning]],
    ]);
    expect(patients(await collect(mappedFileAdapter.read(options, context())))[1]?.warnings).toEqual([warning]);
  });

  it('reads year-first dates when told', async () => {
    const file = writeTemp(dir, 'ymd.csv', 'CF;Nato\nPREGSI50C07G388A;50/03/07\n');
    const items = await collect(mappedFileAdapter.read({ path: file, mapping: { codiceFiscale: 'CF', birthDate: 'Nato' }, dateFormat: 'ymd' }, context()));
    expect(patients(items)[0]?.patient.birthDate).toBe('1950-03-07');
  });

  it('validates its options', () => {
    const s = mappedFileAdapter.options;
    expect(s.safeParse({ path: '/x.csv', mapping: { codiceFiscale: 'CF' }, dateFormat: 'dmy' }).success).toBe(true);
    expect(s.safeParse({ path: '/x.csv', mapping: { codiceFiscale: 'CF', colore: 'x' } }).success).toBe(false);
    expect(s.safeParse({ path: '/x.csv', dateFormat: 'mdy' }).success).toBe(false);
  });
});
