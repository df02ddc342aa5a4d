import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellText, readXlsxRows } from './xlsx';
import { collect, fixture, minimalXlsx, rejectsWith, tempDir, writeTemp } from '../../../test/doubles/importFiles';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('XLSX rows', () => {
  it('streams the first worksheet with normalized cell values', async () => {
    const info: { sheetName?: string } = {};
    const rows = await collect(readXlsxRows(fixture('ats-list.xlsx'), { info }));
    expect(info.sheetName).toBe('Pazienti cronici');
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]?.cells.slice(0, 4)).toEqual(['Codice fiscale', 'Cognome', 'Nome', 'Data nascita']);
    // Dates -> ISO, numbers -> text, rich text -> text, formulas -> their result.
    expect(rows[1]?.cells.slice(2, 10)).toEqual(['NICOLÒ', '1990-11-03', 'M', '2', '56;50', '3', '2018-04-16', '3331234567']);
    expect(rows[4]?.cells.slice(1, 6)).toEqual(['BRAMBILLA', 'CARLA', '1947-07-25', 'F', '2']);
  });

  it('reports progress in bytes of the file', async () => {
    const sizes: [number, number][] = [];
    await collect(readXlsxRows(fixture('ats-list.xlsx'), { onProgress: (r, t) => sizes.push([r, t]) }));
    const size = fs.statSync(fixture('ats-list.xlsx')).size;
    expect(sizes.at(-1)).toEqual([size, size]);
  });

  it('normalizes every kind of cell value', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(42)).toBe('42');
    expect(cellText(3.5)).toBe('3.5');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date(Date.UTC(1950, 2, 7)))).toBe('1950-03-07');
    expect(cellText(new Date(Date.UTC(2018, 3, 16, 10, 30)))).toBe('2018-04-16T10:30:00.000Z');
    expect(cellText({ richText: [{ text: 'PE' }, { text: 'RÙ' }] })).toBe('PERÙ');
    expect(cellText({ formula: 'A1', result: 3 })).toBe('3');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ text: 'mail@example.it', hyperlink: 'mailto:mail@example.it' })).toBe('mail@example.it');
    expect(cellText({ error: '#N/A' })).toBe('');
  });

  it('refuses an HTML page saved as .xlsx, saying so', async () => {
    const err = await rejectsWith(collect(readXlsxRows(fixture('fake.xlsx'))));
    expect(err.code).toBe('not-xlsx');
    expect(err.userMessage).toContain('è una pagina HTML salvata come Excel');
  });

  it('refuses the old binary .xls format, telling to save as .xlsx or CSV', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    const file = writeTemp(dir, 'vecchio.xls', ole);
    const err = await rejectsWith(collect(readXlsxRows(file)));
    expect(err.code).toBe('xls-not-supported');
    expect(err.userMessage).toContain('.xlsx');
    expect(err.userMessage).toContain('CSV');
  });

  it('refuses any other non-ZIP file', async () => {
    expect((await rejectsWith(collect(readXlsxRows(writeTemp(dir, 'testo.xlsx', 'CF;Cognome\n'))))).code).toBe('not-xlsx');
  });

  it('refuses a damaged ZIP as damaged, before exceljs reads it', async () => {
    const damaged = writeTemp(dir, 'rotto.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000, 0x41)]));
    const err = await rejectsWith(collect(readXlsxRows(damaged)));
    expect(err).toMatchObject({ code: 'file-damaged', message: `${damaged}: damaged XLSX: no end-of-central-directory record` });
    expect(err.userMessage).toBe(
      'Il file Excel "rotto.xlsx" è danneggiato o incompleto (il file è stato troncato: ne manca la parte finale): forse la copia o lo scaricamento si è interrotto. Farsi mandare di nuovo il file, oppure aprirlo con Excel e salvarlo di nuovo, poi riprovare.',
    );
  });

  it('takes the first visible sheet, whatever the order of the parts', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Nascosto', { state: 'hidden' });
    hidden.getCell('A1').value = 'no';
    wb.addWorksheet('Dati').getCell('A1').value = 'sì';
    wb.addWorksheet('Altro').getCell('A1').value = 'no';
    const file = `${dir}/ordine.xlsx`;
    await wb.xlsx.writeFile(file);
    expect((await collect(readXlsxRows(file))).map((r) => r.cells)).toEqual([['sì']]);
  });

  // exceljs reads a sheet at once when its shared strings and relationships came before it, else
  // later from a temporary file; without styles yet a date stays an Excel serial number (which
  // the date parser reads too). Each layout is read 10 times: the lost-entry race was intermittent.
  it.each([
    ['Excel', ['workbook', 'rels', 'sheet1', 'sheet2', 'styles', 'strings'], '1950-03-07'],
    ['strings and styles first', ['workbook', 'rels', 'styles', 'strings', 'sheet1', 'sheet2'], '1950-03-07'],
    ['second sheet first', ['workbook', 'rels', 'styles', 'strings', 'sheet2', 'sheet1'], '1950-03-07'],
    ['workbook.xml last', ['rels', 'styles', 'strings', 'sheet1', 'sheet2', 'workbook'], '1950-03-07'],
    ['styles last', ['workbook', 'rels', 'sheet1', 'sheet2', 'strings', 'styles'], '1950-03-07'],
    ['workbook.xml and styles after the sheets', ['rels', 'strings', 'sheet1', 'sheet2', 'workbook', 'styles'], '18329'],
  ])('reads the first sheet whatever the order of the ZIP parts (%s)', async (_, order, birth) => {
    const file = writeTemp(dir, `ordine-${order.join('-')}.xlsx`, minimalXlsx(order));
    for (let i = 0; i < 10; i++) {
      const rows = await collect(readXlsxRows(file));
      expect(rows.map((r) => r.cells)).toEqual([
        ['Codice fiscale', 'Data nascita'],
        ['PERÙ', birth],
      ]);
    }
  });

  it('reads files written by exceljs (workbook.xml last) every time', async () => {
    for (let i = 0; i < 20; i++) {
      const rows = await collect(readXlsxRows(fixture('ats-list.xlsx')));
      expect(rows).toHaveLength(5);
      expect(rows[4]?.cells[1]).toBe('BRAMBILLA');
    }
  });

  it('stops when the signal is aborted', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dati');
    for (let i = 1; i <= 2000; i++) ws.getRow(i).values = [`riga ${i}`, i];
    const file = `${dir}/lungo.xlsx`;
    await wb.xlsx.writeFile(file);
    const controller = new AbortController();
    let n = 0;
    for await (const _ of readXlsxRows(file, { signal: controller.signal })) {
      if (++n === 5) controller.abort();
    }
    expect(n).toBe(5);
  });
});
