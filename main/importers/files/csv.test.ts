import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter, readCsvRecords, sniffBytes, type CsvInfo, type CsvRecord, type Delimiter } from './csv';
import { collect, fixture, rejectsWith, tempDir, writeTemp } from '../../../test/doubles/importFiles';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function parse(text: string, delimiter: Delimiter = ';', cuts: number[] = []): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    parser.write(text.slice(at, cut), out);
    at = cut;
  }
  parser.end(out);
  return out;
}
const fields = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('CSV parser', () => {
  it('splits on the delimiter and line ends (LF, CRLF, CR)', () => {
    expect(fields(parse('a;b;c\n1;2;3\r\n4;5;6\r7;8;9'))).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('reads RFC 4180 quotes: delimiters, doubled quotes and line breaks inside', () => {
    const text = 'cf;nota;x\r\n"A;B";"dice ""ciao""";"riga 1\r\nriga 2\nriga 3"\r\n"";"";""\r\n';
    expect(fields(parse(text))).toEqual([
      ['cf', 'nota', 'x'],
      ['A;B', 'dice "ciao"', 'riga 1\r\nriga 2\nriga 3'],
      ['', '', ''],
    ]);
  });

  it('numbers records by the line they start on, quoted line breaks included', () => {
    const text = 'h1;h2\n\n"a\nb\r\nc";x\r\ny;z\n\n\nlast;one';
    expect(parse(text).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [3, 'a\nb\r\nc'],
      [6, 'y'],
      [9, 'last'],
    ]);
  });

  it('gives the same records wherever the text is cut', () => {
    const text = 'a;"b ""q"" ;\r\nc";d\r\n"e";f\r\r\ng;"h"\n"";""\n';
    const whole = parse(text);
    for (let i = 0; i <= text.length; i++) {
      for (const j of [i, Math.min(text.length, i + 1), Math.min(text.length, i + 2)]) expect(parse(text, ';', [i, j])).toEqual(whole);
    }
  });

  it('keeps text after a closing quote and quotes inside unquoted fields (lenient)', () => {
    expect(fields(parse('"ab"cd;e"f"g\n'))).toEqual([['abcd', 'e"f"g']]);
  });

  it('skips blank lines and keeps empty fields', () => {
    expect(fields(parse('\n\na;;b;\n\n'))).toEqual([['a', '', 'b', '']]);
  });

  it('marks a record left open by an unterminated quote', () => {
    const records = parse('a;b\n"open;c\nd;e\n');
    expect(records[1]).toEqual({ line: 2, fields: ['open;c\nd;e\n'], unterminated: true });
  });

  it('stops a runaway quoted field with a format error', () => {
    const parser = new CsvParser(';');
    expect(() => parser.write(`a;"${'x'.repeat(1_100_000)}`, [])).toThrow(expect.objectContaining({ code: 'record-too-long' }));
  });

  it('works with commas and tabs', () => {
    expect(fields(parse('a,"b,c",d\n', ','))).toEqual([['a', 'b,c', 'd']]);
    expect(fields(parse('a\t"b\tc"\td\n', '\t'))).toEqual([['a', 'b\tc', 'd']]);
  });
});

describe('delimiter detection', () => {
  it('picks the delimiter of the header line', () => {
    expect(detectDelimiter('Codice fiscale;Cognome;Nome')).toBe(';');
    expect(detectDelimiter('CF,Cognome,Nome')).toBe(',');
    expect(detectDelimiter('CF\tCognome\tNome')).toBe('\t');
    expect(detectDelimiter('"Cognome, Nome";CF;Data')).toBe(';');
    expect(detectDelimiter('"a;b","c;d",e')).toBe(',');
    expect(detectDelimiter('CF')).toBe(';');
  });
});

describe('reading CSV files', () => {
  it('decodes the Windows-1252 fixture and detects `;`', async () => {
    const info: Partial<CsvInfo> = {};
    const records = await collect(readCsvRecords(fixture('ats-list-1252.csv'), { info }));
    expect(info).toMatchObject({ delimiter: ';', encoding: 'windows-1252', bom: false });
    expect(records.filter((r) => r.mixedEncoding)).toEqual([]);
    expect(records[1]?.fields.slice(0, 3)).toEqual(['Codice Fiscale', 'Cognome', 'Nome']);
    const peru = records.find((r) => r.fields[1] === 'PERÙ');
    expect(peru?.fields[2]).toBe('GIOSUÈ');
    expect(records.find((r) => r.fields[2] === 'NICOLÒ')?.line).toBe(3);
    expect(records.find((r) => r.fields[1] === 'COLOMBO')?.fields[6]).toBe('Scompenso cardiaco; BPCO');
  });

  it('strips the BOM of the UTF-8 fixture and detects `,`', async () => {
    const info: Partial<CsvInfo> = {};
    const records = await collect(readCsvRecords(fixture('ats-list-utf8-bom.csv'), { info }));
    expect(info).toMatchObject({ delimiter: ',', encoding: 'utf-8', bom: true });
    expect(records[0]?.fields[0]).toBe('C.F.');
    expect(records[1]?.fields[2]).toBe('NICOLÒ');
    expect(records[3]?.fields[2]).toBe('LUCIA "LUCY"');
    expect(records[1]?.fields[6]).toBe('56,50');
  });

  it('reports bytes read against the file size', async () => {
    const sizes: [number, number][] = [];
    await collect(readCsvRecords(fixture('ats-list-1252.csv'), { onProgress: (r, t) => sizes.push([r, t]) }));
    const size = fs.statSync(fixture('ats-list-1252.csv')).size;
    expect(sizes.at(-1)).toEqual([size, size]);
  });

  it('refuses an empty file', async () => {
    expect(await rejectsWith(collect(readCsvRecords(fixture('empty.csv'))))).toMatchObject({ code: 'empty-file', userMessage: 'Il file "empty.csv" è vuoto.' });
  });

  it('refuses binary garbage', async () => {
    const file = writeTemp(dir, 'garbage.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const err = await rejectsWith(collect(readCsvRecords(file)));
    expect(err).toMatchObject({ code: 'not-csv' });
    expect(err.userMessage).toContain('binari');
  });

  it('recognizes Excel, PDF and HTML files given as CSV', async () => {
    expect(sniffBytes(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniffBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(sniffBytes(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffBytes(Buffer.from('  <!DOCTYPE html><html>'))).toBe('html');
    expect(sniffBytes(Buffer.from('\ufeff<table><tr><td>x</td></tr></table>'))).toBe('html');
    expect(sniffBytes(Buffer.from('CF;Cognome\nRSSMRA;ROSSI\n'))).toBe('text');
    const xlsxAsCsv = writeTemp(dir, 'lista.csv', fs.readFileSync(fixture('ats-list.xlsx')));
    expect((await rejectsWith(collect(readCsvRecords(xlsxAsCsv)))).userMessage).toContain('.xlsx');
  });

  it('stops quietly when the signal is aborted', async () => {
    const file = writeTemp(dir, 'long.csv', 'cf;n\n' + 'RSSMRA58D12G388C;1\n'.repeat(100_000));
    const controller = new AbortController();
    let n = 0;
    for await (const _ of readCsvRecords(file, { signal: controller.signal })) {
      if (++n === 10) controller.abort();
    }
    expect(n).toBe(10);
  });

  it('reads a line in UTF-8 far into a Windows-1252 file right, and flags it with the line it starts on', async () => {
    const rows = Buffer.from('PREGSI50C07G388A;PER\u00d9;GIOSU\u00c8\r\n'.repeat(10_000), 'latin1');
    const utf8 = Buffer.from('DLLNCL90S03F205K;"DELL\u2019ACQUA\r\nDI SOTTO";NICOL\u00d2\r\n', 'utf8');
    const file = writeTemp(dir, 'misto.csv', Buffer.concat([Buffer.from('CF;Cognome;Nome\r\n'), rows, utf8, rows]));
    const info: Partial<CsvInfo> = {};
    const records = await collect(readCsvRecords(file, { info }));
    expect(info.encoding).toBe('windows-1252');
    expect(records.filter((r) => r.mixedEncoding)).toEqual([
      { line: 10_002, fields: ['DLLNCL90S03F205K', 'DELL\u2019ACQUA\r\nDI SOTTO', 'NICOL\u00d2'], mixedEncoding: true },
    ]);
    expect(records.at(-1)).toEqual({ line: 20_003, fields: ['PREGSI50C07G388A', 'PER\u00d9', 'GIOSU\u00c8'] });
  });

  it('reads a Windows-1252 line in a UTF-8 file right (with its BOM too), and flags it', async () => {
    for (const bom of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf])]) {
      const file = writeTemp(dir, 'misto-utf8.csv', Buffer.concat([bom, Buffer.from('CF,Nome\nA,NICOL\u00d2\n', 'utf8'), Buffer.from('B,GIOSU\u00c8\n', 'latin1')]));
      const info: Partial<CsvInfo> = {};
      const records = await collect(readCsvRecords(file, { info }));
      expect(info.encoding).toBe('utf-8');
      expect(records.slice(1)).toEqual([
        { line: 2, fields: ['A', 'NICOL\u00d2'] },
        { line: 3, fields: ['B', 'GIOSU\u00c8'], mixedEncoding: true },
      ]);
    }
  });

  it('detects the delimiter past a title line without delimiters', async () => {
    const file = writeTemp(dir, 'title.csv', 'Elenco pazienti cronici\r\nCF,Cognome\r\nA,B\r\n');
    const info: Partial<CsvInfo> = {};
    const records = await collect(readCsvRecords(file, { info }));
    expect(info.delimiter).toBe(',');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['Elenco pazienti cronici']],
      [2, ['CF', 'Cognome']],
      [3, ['A', 'B']],
    ]);
  });
});
