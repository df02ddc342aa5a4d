import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { planRecord } from '../merge';
import { atsListAdapter } from './atsList';
import { collect, context, fixture, patients, rejects, rejectsWith, tempDir, writeTemp } from '../../../test/doubles/importFiles';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const read = (name: string) => collect(atsListAdapter.read({ path: name.includes('/') ? name : fixture(name) }, context()));

describe('ats-list: the Windows-1252 CSV', () => {
  it('decodes accents, reads Italian values and numbers rows by line', async () => {
    const items = await read('ats-list-1252.csv');
    const byCf = new Map(patients(items).map((i) => [i.patient.codiceFiscale, i]));
    expect(patients(items).map((i) => i.row)).toEqual([3, 4, 5, 6, 8, 9, 10]);
    expect(patients(items)[0]).toEqual({
      kind: 'patient',
      row: 3,
      patient: {
        codiceFiscale: 'DLLNCL90S03F205K',
        surname: "DELL'ACQUA",
        givenName: 'NICOLÒ',
        birthDate: '1990-11-03',
        sex: 'M',
        phone: '0382 123456',
        mobile: '333 1234567',
        email: 'nicolo@example.it',
        chronicLevel: 2,
        pathologies: [56, 50],
        letter: { type: 3, date: '2018-04-16' },
      },
    });
    const giosue = [...byCf.values()].find((i) => i.patient.surname === 'PERÙ');
    expect(giosue?.patient).toMatchObject({ givenName: 'GIOSUÈ', birthDate: '1950-03-07', chronicLevel: 3, letter: { type: 2, date: '2018-03-02' } });
    const anna = [...byCf.values()].find((i) => i.patient.surname === 'COLOMBO');
    expect(anna?.patient).toMatchObject({ birthDate: '1947-05-12', chronicLevel: 1, pathologies: [20, 39], letter: { type: 3, date: '2018-04-16' } });
    const franco = [...byCf.values()].find((i) => i.patient.surname === 'SALA');
    expect(franco?.patient).toMatchObject({ pathologies: [56], letter: { type: 4, date: '2018-04-16' } });
    // The omocode passes through as written.
    expect(byCf.get('BRMCRL47L65E6QUQ')?.patient.pathologies).toEqual([44, 30]);
  });

  it('rejects the row with the wrong field count, with its line number', async () => {
    expect(rejects(await read('ats-list-1252.csv'))).toEqual([
      { kind: 'reject', row: 7, reason: "La riga 7 ha 4 campi invece dei 12 dell'intestazione (separatore o virgolette fuori posto): riga scartata." },
    ]);
  });

  it('passes the malformed codice fiscale through: the engine rejects it', async () => {
    const items = await read('ats-list-1252.csv');
    const rossi = patients(items).find((i) => i.patient.surname === 'ROSSI');
    expect(rossi?.patient.codiceFiscale).toMatch(/^RSSMRA58D12G388[^C]$/);
    const plans = patients(items).map((i) => [i.patient.surname, planRecord(i.patient, null, '2024-05-02').kind]);
    expect(plans).toEqual([
      ["DELL'ACQUA", 'create'],
      ['PERÙ', 'create'],
      ['COLOMBO', 'create'],
      ['ROSSI', 'reject'],
      ['FERRARI', 'create'],
      ['SALA', 'create'],
      ['BRAMBILLA', 'create'],
    ]);
  });

  it('turns unreadable values into warnings and null fields', async () => {
    const lucia = patients(await read('ats-list-1252.csv')).find((i) => i.patient.surname === 'FERRARI');
    expect(lucia?.patient).toMatchObject({ birthDate: null, chronicLevel: null, pathologies: [56], letter: { type: 5, date: '2018-04-16' } });
    expect(lucia?.warnings).toEqual([
      'Data di nascita: Data "31/02/1950" non valida: campo lasciato vuoto.',
      'Livello: Livello di cronicità "7" non riconosciuto (atteso 1, 2 o 3): campo lasciato vuoto.',
      'Patologia "99" non riconosciuta tra quelle della prima applicazione: ignorata.',
    ]);
  });

  it('previews the first items and warns about the title line', async () => {
    const ctx = context();
    const { items, warnings } = await atsListAdapter.preview({ path: fixture('ats-list-1252.csv') }, 2, ctx);
    expect(items.map((i) => i.row)).toEqual([3, 4]);
    expect(warnings).toEqual(["Ignorata 1 riga prima dell'intestazione (l'intestazione è alla riga 2)."]);
  });

  it('reports the bytes read', async () => {
    const ctx = context();
    await collect(atsListAdapter.read({ path: fixture('ats-list-1252.csv') }, ctx));
    const size = fs.statSync(fixture('ats-list-1252.csv')).size;
    expect(ctx.sizes.at(-1)).toEqual([size, size]);
  });
});

describe('ats-list: other files', () => {
  it('reads the UTF-8 CSV with BOM, commas and other header names', async () => {
    const items = await read('ats-list-utf8-bom.csv');
    expect(rejects(items)).toEqual([]);
    expect(patients(items).map((i) => [i.row, i.patient.surname, i.patient.givenName, i.patient.chronicLevel, i.patient.pathologies])).toEqual([
      [2, "DELL'ACQUA", 'NICOLÒ', 2, [56, 50]],
      [3, 'PERÙ', 'GIOSUÈ', 3, [56]],
      [4, 'FERRARI', 'LUCIA "LUCY"', 1, [20, 56, 17]],
      [5, 'SALA', 'FRANCO', 3, [56]],
    ]);
    expect(patients(items)[2]?.patient.phone).toBe('0382, int. 2');
    expect(patients(items)[3]?.patient.email).toBe('franco.sala@example.it');
  });

  it('reads the XLSX: header on the first non-empty row, dates, numbers, rich text, formulas', async () => {
    const items = await read('ats-list.xlsx');
    expect(rejects(items)).toEqual([]);
    expect(patients(items).map((i) => [i.row, i.patient.surname, i.patient.birthDate, i.patient.sex, i.patient.chronicLevel, i.patient.pathologies, i.patient.letter])).toEqual([
      [3, "DELL'ACQUA", '1990-11-03', 'M', 2, [56, 50], { type: 3, date: '2018-04-16' }],
      [4, 'COLOMBO', '1947-05-12', 'F', 1, [20], { type: 3, date: '2018-04-16' }],
      [5, 'SALA', '1951-03-19', 'M', 3, [56], { type: 4, date: '2018-04-16' }],
      [6, 'BRAMBILLA', '1947-07-25', 'F', 2, [44, 30], { type: 3, date: '2018-04-16' }],
    ]);
    expect(patients(items)[0]?.patient.mobile).toBe('3331234567');
  });

  it('detects ATS lists and says no to other files', async () => {
    const ctx = context();
    for (const f of ['ats-list-1252.csv', 'ats-list-utf8-bom.csv', 'ats-list.xlsx']) {
      expect((await atsListAdapter.detect({ path: fixture(f) }, ctx)).match).toBe(true);
    }
    expect(await atsListAdapter.detect({ path: fixture('missing-cf-column.csv') }, ctx)).toEqual({ match: false, reason: 'Nessuna colonna del codice fiscale.' });
    const plain = writeTemp(dir, 'anagrafica.csv', 'CF;Cognome;Nome\nRSSMRA58D12G388C;ROSSI;MARIO\n');
    expect((await atsListAdapter.detect({ path: plain }, ctx)).match).toBe(false);
    const fake = await atsListAdapter.detect({ path: fixture('fake.xlsx') }, ctx);
    expect(fake.match).toBe(false);
    expect(fake.reason).toContain('pagina HTML');
    expect((await atsListAdapter.detect({ path: `${dir}/non-esiste.csv` }, ctx)).match).toBe(false);
  });

  it('fails with the Italian format errors', async () => {
    expect(await rejectsWith(read('empty.csv'))).toMatchObject({ code: 'empty-file' });
    const missing = await rejectsWith(read('missing-cf-column.csv'));
    expect(missing.code).toBe('missing-column');
    expect(missing.userMessage).toContain('«Codice fiscale»');
    expect(missing.userMessage).toContain('Colonne trovate: «Cognome», «Nome», «Data nascita», «Livello».');
    const fake = await rejectsWith(read('fake.xlsx'));
    expect(fake).toMatchObject({ code: 'not-xlsx' });
    expect(fake.userMessage).toContain('è una pagina HTML salvata come Excel');
    const xls = writeTemp(dir, 'vecchio.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect(await rejectsWith(read(xls))).toMatchObject({ code: 'xls-not-supported' });
    expect(await rejectsWith(read(`${dir}/non-esiste.csv`))).toMatchObject({ code: 'file-not-found' });
    const blank = writeTemp(dir, 'blank.csv', '\ufeff\r\n\r\n');
    expect(await rejectsWith(read(blank))).toMatchObject({ code: 'empty-file' });
  });

  it('handles a tab-separated file with CRLF and quoted line breaks', async () => {
    const file = writeTemp(
      dir,
      'lista.tsv',
      'Codice fiscale\tCognome\tNome\tLivello\r\n"RSSMRA58D12G388C"\t"ROSSI\r\nMARIO"\tMARIO\t3\r\nBNCLRA60A41F205C\tBIANCHI\tLAURA\t2\r\n',
    );
    const items = await read(file);
    expect(items.map((i) => [i.row, i.kind === 'patient' ? i.patient.surname : null])).toEqual([
      [2, 'ROSSI MARIO'],
      [4, 'BIANCHI'],
    ]);
  });

  it('rejects rows without a codice fiscale and skips blank rows', async () => {
    const file = writeTemp(dir, 'buchi.csv', 'CF;Cognome;Livello\n;ROSSI;3\n;;\n\nBNCLRA60A41F205C;BIANCHI;2\nTotale: 2;;\n');
    const items = await read(file);
    expect(items.map((i) => [i.kind, i.row])).toEqual([
      ['reject', 2],
      ['patient', 5],
      ['patient', 6],
    ]);
  });

  it('stops reading when the signal is aborted', async () => {
    const lines = ['Codice fiscale;Cognome;Nome;Livello'];
    for (let i = 0; i < 50_000; i++) lines.push(`RSSMRA58D12G388C;ROSSI;MARIO;${(i % 3) + 1}`);
    const file = writeTemp(dir, 'lunga.csv', lines.join('\n'));
    const controller = new AbortController();
    const ctx = context({ signal: controller.signal });
    let n = 0;
    for await (const _ of atsListAdapter.read({ path: file }, ctx)) {
      if (++n === 100) controller.abort();
    }
    expect(n).toBe(100);
  });

  it('validates its options', () => {
    expect(atsListAdapter.options.safeParse({ path: '/x.csv' }).success).toBe(true);
    expect(atsListAdapter.options.safeParse({}).success).toBe(false);
    expect(atsListAdapter.options.safeParse({ path: '' }).success).toBe(false);
  });
});

describe('ats-list: cancelled before the header', () => {
  it('returns nothing, without errors, when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = context({ signal: controller.signal });
    expect(await collect(atsListAdapter.read({ path: fixture('ats-list-1252.csv') }, ctx))).toEqual([]);
    expect(await collect(atsListAdapter.read({ path: fixture('ats-list.xlsx') }, ctx))).toEqual([]);
    expect(await atsListAdapter.preview({ path: fixture('ats-list-1252.csv') }, 5, ctx)).toEqual({ items: [], warnings: [] });
  });
});
