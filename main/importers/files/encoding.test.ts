import { describe, expect, it } from 'vitest';
import { FieldDecoder, SourceDecoder, decodeWindows1252, utf8Kind, type TextEncoding } from './encoding';

const decodeAll = (chunks: Uint8Array[], forced?: TextEncoding) => {
  const d = new SourceDecoder(forced);
  const text = chunks.map((c) => d.write(c)).join('') + d.end();
  return { text, encoding: d.encoding, bom: d.bom, decodes: d.decodes };
};
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** The text of `b` one character per byte, as SourceDecoder gives it for FieldDecoder. */
const raw = (b: Buffer) => b.toString('latin1');
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
  it('tells ASCII, UTF-8 and anything else apart', () => {
    expect(utf8Kind(Buffer.from('NICOLO'))).toBe('ascii');
    expect(utf8Kind(Buffer.from('NICOLÒ', 'utf8'))).toBe('utf-8');
    expect(utf8Kind(Buffer.from('😀’', 'utf8'))).toBe('utf-8');
    expect(utf8Kind(bytes('NICOL', [0xd2]))).toBe('invalid'); // a lead byte at the end
    expect(utf8Kind(bytes('NICOL', [0xd2], ';'))).toBe('invalid');
    expect(utf8Kind(bytes([0xc0, 0x80]))).toBe('invalid'); // overlong
    expect(utf8Kind(bytes([0xed, 0xa0, 0x80]))).toBe('invalid'); // surrogate
  });
});

describe('reading the source', () => {
  it('passes bytes one character each, whatever they are', () => {
    const mixed = Buffer.concat([bytes('PER', [0xd9], ';'), Buffer.from('NICOLÒ\n', 'utf8')]);
    expect(decodeAll([mixed])).toEqual({ text: raw(mixed), encoding: null, bom: false, decodes: false });
    for (const parts of splits(mixed)) expect(decodeAll(parts).text).toBe(raw(mixed));
  });

  it('drops a UTF-8 BOM and says so, wherever the chunks are cut', () => {
    const text = Buffer.from('\ufeffCF;Cognome\nPERÙ\n', 'utf8');
    for (const parts of splits(text)) {
      expect(decodeAll(parts)).toEqual({ text: raw(Buffer.from('CF;Cognome\nPERÙ\n', 'utf8')), encoding: 'utf-8', bom: true, decodes: false });
    }
  });

  it('decodes UTF-16 with a BOM (Excel "Testo Unicode")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('CF\tCognome\nPERÙ\n', 'utf16le')]);
    expect(decodeAll([le])).toEqual({ text: 'CF\tCognome\nPERÙ\n', encoding: 'utf-16le', bom: true, decodes: true });
    for (const parts of splits(le)) expect(decodeAll(parts).text).toBe('CF\tCognome\nPERÙ\n');
    const be = Buffer.from([0xfe, 0xff, 0x00, 0x50, 0x00, 0xd9]);
    expect(decodeAll([be])).toMatchObject({ text: 'PÙ', encoding: 'utf-16be' });
  });

  it('decodes UTF-16 when forced, without a BOM', () => {
    expect(decodeAll([Buffer.from('PERÙ', 'utf16le')], 'utf-16le')).toMatchObject({ text: 'PERÙ', bom: false, decodes: true });
  });

  it('handles tiny and empty inputs', () => {
    expect(decodeAll([])).toMatchObject({ text: '' });
    expect(decodeAll([bytes('a')])).toMatchObject({ text: 'a' });
    expect(decodeAll([bytes('a'), bytes('b'), bytes([0xe8])])).toMatchObject({ text: 'ab\u00e8', encoding: null });
  });
});

describe('decoding fields', () => {
  const record = (...fields: Buffer[]) => fields.map(raw);

  it('reads Windows-1252 when the bytes are not UTF-8, and UTF-8 when they are', () => {
    const cp = new FieldDecoder();
    expect(cp.decodeRecord(record(bytes('PER', [0xd9]), bytes('NICOL', [0xd2]), bytes([0x80])))).toEqual({ fields: ['PERÙ', 'NICOLÒ', '€'], mixed: false });
    expect(cp.encoding).toBe('windows-1252');
    const utf8 = new FieldDecoder();
    expect(utf8.decodeRecord(record(Buffer.from('PERÙ', 'utf8'), Buffer.from('😀', 'utf8')))).toEqual({ fields: ['PERÙ', '😀'], mixed: false });
    expect(utf8.encoding).toBe('utf-8');
  });

  it('decides the file at the first field that is not ASCII', () => {
    const d = new FieldDecoder();
    expect(d.decodeRecord(['CF', 'Cognome'])).toEqual({ fields: ['CF', 'Cognome'], mixed: false });
    expect(d.encoding).toBeNull();
    d.decodeRecord(record(bytes('NICOL', [0xd2])));
    expect(d.encoding).toBe('windows-1252');
  });

  it('reads each field of a mixed file by its own encoding and flags the records in the other', () => {
    const d = new FieldDecoder();
    expect(d.decodeRecord(record(bytes('PER', [0xd9])))).toEqual({ fields: ['PERÙ'], mixed: false });
    expect(d.decodeRecord(record(Buffer.from('NICOLÒ', 'utf8'), Buffer.from('DELL’ACQUA', 'utf8')))).toEqual({ fields: ['NICOLÒ', 'DELL’ACQUA'], mixed: true });
    expect(d.decodeRecord(['ROSSI'])).toEqual({ fields: ['ROSSI'], mixed: false });
    // Both in one record.
    expect(d.decodeRecord(record(Buffer.from('NICOLÒ', 'utf8'), bytes('GIOSU', [0xc8])))).toEqual({ fields: ['NICOLÒ', 'GIOSUÈ'], mixed: true });
    const fromBom = new FieldDecoder('utf-8');
    expect(fromBom.decodeRecord(record(bytes('NICOL', [0xd2])))).toEqual({ fields: ['NICOLÒ'], mixed: true });
  });
});
