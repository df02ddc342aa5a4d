import { describe, expect, it } from 'vitest';
import { AutoDecoder, checkUtf8, decodeWindows1252 } from './encoding';

const decodeAll = (chunks: Uint8Array[]) => {
  const d = new AutoDecoder();
  const text = chunks.map((c) => d.write(c)).join('') + d.end();
  return { text, encoding: d.encoding, bom: d.bom, replaced: d.replaced };
};
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** Every way of cutting `b` in two. */
const splits = (b: Buffer) => Array.from({ length: b.length + 1 }, (_, i) => [b.subarray(0, i), b.subarray(i)]);

describe('Windows-1252', () => {
  it('decodes Italian accents and the 0x80-0x9F range', () => {
    expect(decodeWindows1252(bytes([0x4e, 0x49, 0x43, 0x4f, 0x4c, 0xd2]))).toBe('NICOLÒ');
    expect(decodeWindows1252(bytes([0x50, 0x45, 0x52, 0xd9]))).toBe('PERÙ');
    expect(decodeWindows1252(bytes([0x80, 0x92, 0x93, 0x94, 0x96, 0xe0, 0xe8, 0xe9, 0xec, 0xf2, 0xf9]))).toBe('€’“”–àèéìòù');
  });
});

describe('UTF-8 check', () => {
  it('tells valid, invalid and incomplete sequences apart', () => {
    expect(checkUtf8(Buffer.from('NICOLÒ', 'utf8'))).toEqual({ valid: true, sawMultibyte: true, incompleteTail: 0 });
    expect(checkUtf8(bytes('NICOL', [0xd2]))).toEqual({ valid: true, sawMultibyte: false, incompleteTail: 1 });
    expect(checkUtf8(bytes('NICOL', [0xd2], ';'))).toEqual({ valid: false });
    expect(checkUtf8(bytes([0xc0, 0x80]))).toEqual({ valid: false }); // overlong
    expect(checkUtf8(bytes([0xed, 0xa0, 0x80]))).toEqual({ valid: false }); // surrogate
  });
});

describe('automatic decoding', () => {
  it('reads Windows-1252 when the bytes are not UTF-8', () => {
    const r = decodeAll([bytes('PER', [0xd9], ';NICOL', [0xd2], '\r\n')]);
    expect(r).toMatchObject({ text: 'PERÙ;NICOLÒ\r\n', encoding: 'windows-1252', bom: false });
  });

  it('reads UTF-8 without BOM', () => {
    expect(decodeAll([Buffer.from('PERÙ;NICOLÒ\n', 'utf8')])).toMatchObject({ text: 'PERÙ;NICOLÒ\n', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeAll([Buffer.from('\ufeffCF;Cognome\n', 'utf8')])).toMatchObject({ text: 'CF;Cognome\n', encoding: 'utf-8', bom: true });
  });

  it('decides at the first non-ASCII byte, however far (ASCII agrees in both)', () => {
    const ascii = 'A;B\n'.repeat(50_000);
    const r = decodeAll([Buffer.from(ascii, 'latin1'), bytes('NICOL', [0xd2], '\n')]);
    expect(r.encoding).toBe('windows-1252');
    expect(r.text.endsWith('NICOLÒ\n')).toBe(true);
    expect(r.text.length).toBe(ascii.length + 7);
  });

  it('gives the same text wherever the chunks are cut', () => {
    const utf8 = Buffer.from('\ufeffPERÙ;€;NICOLÒ;😀\n', 'utf8');
    const cp = bytes('PER', [0xd9], ';', [0x80], ';NICOL', [0xd2], '\n');
    for (const parts of splits(utf8)) expect(decodeAll(parts).text).toBe('PERÙ;€;NICOLÒ;😀\n');
    for (const parts of splits(cp)) expect(decodeAll(parts).text).toBe('PERÙ;€;NICOLÒ\n');
  });

  it('treats a lone lead byte at the end of the file as Windows-1252', () => {
    expect(decodeAll([bytes('ROSSI;NICOL', [0xd2])])).toMatchObject({ text: 'ROSSI;NICOLÒ', encoding: 'windows-1252' });
  });

  it('reads UTF-16 with a BOM (Excel "Testo Unicode")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('CF\tCognome\nPERÙ\n', 'utf16le')]);
    expect(decodeAll([le])).toMatchObject({ text: 'CF\tCognome\nPERÙ\n', encoding: 'utf-16le', bom: true });
    for (const parts of splits(le)) expect(decodeAll(parts).text).toBe('CF\tCognome\nPERÙ\n');
  });

  it('counts invalid bytes met after UTF-8 was chosen (mixed encodings)', () => {
    const r = decodeAll([Buffer.from('PERÙ\n', 'utf8'), bytes('NICOL', [0xd2], '\n')]);
    expect(r.encoding).toBe('utf-8');
    expect(r.replaced).toBe(1);
    expect(r.text).toBe('PERÙ\nNICOL\ufffd\n');
  });

  it('handles tiny and empty inputs', () => {
    expect(decodeAll([])).toMatchObject({ text: '' });
    expect(decodeAll([bytes('a')])).toMatchObject({ text: 'a' });
    expect(decodeAll([bytes('a'), bytes('b'), bytes([0xe8])])).toMatchObject({ text: 'abè', encoding: 'windows-1252' });
  });
});
