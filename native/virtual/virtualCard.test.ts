import { describe, expect, it } from 'vitest';
import { CardImage, VirtualCard } from './virtualCard';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const out = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

const FILE_300 = Array.from({ length: 300 }, (_, i) => (i % 256).toString(16).padStart(2, '0')).join('');

function card(overrides: Partial<CardImage> = {}): VirtualCard {
  return new VirtualCard({
    label: 'test',
    kind: 'patient',
    atr: '3B 02 41 42',
    files: { '3F00/1100/1102': FILE_300, '3F00/1000/1003': '31323334', '3F00/2F02': 'AABB' },
    pin: { reference: 0x10, value: '12345678', padding: 'ff-to-8', triesLeft: 3, maxTries: 3 },
    ...overrides,
  });
}

const send = (c: VirtualCard, apdu: string) => out(c.process(hex(apdu)));

describe('VirtualCard: the image', () => {
  it('validates the image with CardImage', () => {
    expect(() => card({ atr: 'XYZ' })).toThrow();
    expect(() => card({ files: { '1100/1102': '00' } })).toThrow();
    expect(() => card({ files: { '3F00/1100': '00', '3F00/1100/1102': '00' } })).toThrow(/both a file and a DF/);
    expect(() => card({ pin: { reference: 0x10, value: '12', padding: 'none', triesLeft: 3, maxTries: 3 } })).toThrow();
    expect(() => card({ pin: { reference: 0x10, value: '1234', padding: 'none', triesLeft: 4, maxTries: 3 } })).toThrow();
  });

  it('exposes the ATR', () => {
    expect(out(card().atr)).toBe('3B024142');
  });
});

describe('VirtualCard: SELECT and READ BINARY', () => {
  it('selects by path from the MF and reads', () => {
    const c = card();
    expect(send(c, '00 A4 08 00 04 10 00 10 03')).toBe('9000');
    expect(c.selection).toBe('3F00/1000/1003');
    expect(send(c, '00 B0 00 00 04')).toBe('313233349000');
  });

  it('selects a DF by path, after which there is no current EF (6986)', () => {
    const c = card();
    expect(send(c, '00 A4 08 00 02 11 00')).toBe('9000');
    expect(send(c, '00 B0 00 00 01')).toBe('6986');
    expect(send(card(), '00 B0 00 00 01')).toBe('6986');
  });

  it('selects step by step, relative to the current DF', () => {
    const c = card();
    expect(send(c, '00 A4 00 00 02 3F 00')).toBe('9000');
    expect(send(c, '00 A4 00 00 02 11 02')).toBe('6A82'); // not a child of the MF
    expect(send(c, '00 A4 00 00 02 11 00')).toBe('9000');
    expect(send(c, '00 A4 00 00 02 11 02')).toBe('9000');
    expect(c.selection).toBe('3F00/1100/1102');
    expect(send(c, '00 A4 00 00 02 10 00')).toBe('9000'); // a sibling of the current DF
    expect(send(c, '00 A4 00 00 02 10 03')).toBe('9000');
    expect(send(c, '00 A4 00 00 02 3F 00')).toBe('9000'); // 3F00 from anywhere
    expect(c.selection).toBe('3F00');
    expect(send(c, '00 A4 00 00 02 2F 02')).toBe('9000'); // an EF in the MF
  });

  it('answers 6A82 for files that do not exist', () => {
    expect(send(card(), '00 A4 08 00 04 11 00 11 09')).toBe('6A82');
    expect(send(card(), '00 A4 08 00 02 12 00')).toBe('6A82');
  });

  it('refuses SELECT by path with 6A86 when the image says so, by FID still works', () => {
    const c = card({ selectByPath: false });
    expect(send(c, '00 A4 08 00 04 11 00 11 02')).toBe('6A86');
    expect(send(c, '00 A4 00 00 02 3F 00')).toBe('9000');
  });

  it('reads with offsets in P1/P2', () => {
    const c = card();
    send(c, '00 A4 08 00 04 11 00 11 02');
    expect(send(c, '00 B0 01 05 03')).toBe('0506079000'); // offset 261
    expect(send(c, '00 B0 00 FF 02')).toBe('FF009000');
  });

  it('Le 00 means 256', () => {
    const c = card();
    send(c, '00 A4 08 00 04 11 00 11 02');
    const r = c.process(hex('00 B0 00 00 00'));
    expect(r.length).toBe(258);
    expect(out(r.slice(256))).toBe('9000');
  });

  it('reading past the end returns what exists with 6282; starting past it is 6B00', () => {
    const c = card();
    send(c, '00 A4 08 00 04 10 00 10 03');
    expect(send(c, '00 B0 00 00 00')).toBe('313233346282');
    expect(send(c, '00 B0 00 02 10')).toBe('33346282');
    expect(send(c, '00 B0 00 04 01')).toBe('6B00');
    expect(send(c, '00 B0 7F 00 01')).toBe('6B00');
  });

  it('does not do SFI addressing', () => {
    expect(send(card(), '00 B0 81 00 01')).toBe('6A81');
  });
});

describe('VirtualCard: VERIFY', () => {
  it('accepts the PIN with its padding and reports verified until reset', () => {
    const c = card();
    expect(send(c, '00 20 00 10')).toBe('63C3');
    expect(send(c, '00 20 00 10 08 31 32 33 34 35 36 37 38')).toBe('9000');
    expect(c.pinVerified).toBe(true);
    expect(send(c, '00 20 00 10')).toBe('9000');
    c.reset();
    expect(c.pinVerified).toBe(false);
    expect(send(c, '00 20 00 10')).toBe('63C3');
  });

  it('pads with FF to 8 for ff-to-8, nothing for none', () => {
    const ff = card({ pin: { reference: 0x10, value: '1234', padding: 'ff-to-8', triesLeft: 3, maxTries: 3 } });
    expect(send(ff, '00 20 00 10 08 31 32 33 34 FF FF FF FF')).toBe('9000');
    const none = card({ pin: { reference: 0x10, value: '1234', padding: 'none', triesLeft: 3, maxTries: 3 } });
    expect(send(none, '00 20 00 10 04 31 32 33 34')).toBe('9000');
  });

  it('the right digits with the wrong padding are a wrong PIN', () => {
    const none = card({ pin: { reference: 0x10, value: '1234', padding: 'none', triesLeft: 3, maxTries: 3 } });
    expect(send(none, '00 20 00 10 08 31 32 33 34 FF FF FF FF')).toBe('63C2');
  });

  it('counts wrong PINs down to blocked, and the tries persist across power cycles', () => {
    const c = card();
    expect(send(c, '00 20 00 10 08 39 39 39 39 39 39 39 39')).toBe('63C2');
    c.powerOff();
    c.powerOn();
    expect(c.triesLeft).toBe(2);
    expect(send(c, '00 20 00 10 08 39 39 39 39 39 39 39 39')).toBe('63C1');
    expect(send(c, '00 20 00 10 08 39 39 39 39 39 39 39 39')).toBe('63C0');
    expect(c.triesLeft).toBe(0);
    expect(send(c, '00 20 00 10 08 31 32 33 34 35 36 37 38')).toBe('6983'); // even the right one
    expect(send(c, '00 20 00 10')).toBe('6983');
    expect(c.snapshot().pin?.triesLeft).toBe(0);
  });

  it('a right PIN resets the counter', () => {
    const c = card();
    send(c, '00 20 00 10 08 39 39 39 39 39 39 39 39');
    expect(send(c, '00 20 00 10 08 31 32 33 34 35 36 37 38')).toBe('9000');
    expect(c.triesLeft).toBe(3);
  });

  it('a blocked image stays blocked', () => {
    const c = card({ pin: { reference: 0x10, value: '12345678', padding: 'ff-to-8', triesLeft: 0, maxTries: 3 } });
    expect(send(c, '00 20 00 10')).toBe('6983');
    expect(send(c, '00 20 00 10 08 31 32 33 34 35 36 37 38')).toBe('6983');
  });

  it('another reference, or a card without PIN: 6A88', () => {
    expect(send(card(), '00 20 00 11 08 31 32 33 34 35 36 37 38')).toBe('6A88');
    expect(send(card({ pin: null }), '00 20 00 10')).toBe('6A88');
  });

  it('snapshot() keeps the rest of the image', () => {
    const c = card();
    send(c, '00 20 00 10 04 31 31 31 31');
    const s = c.snapshot();
    expect(s.pin?.triesLeft).toBe(2);
    expect(new VirtualCard(s).triesLeft).toBe(2);
    expect(s.files['3F00/1000/1003']).toBe('31323334');
  });
});

describe('VirtualCard: everything else', () => {
  it('unknown INS 6D00, wrong CLA 6E00, malformed lengths 6700', () => {
    expect(send(card(), '00 CA 00 00 00')).toBe('6D00');
    expect(send(card(), '80 A4 08 00 04 11 00 11 02')).toBe('6E00');
    expect(send(card(), '00 A4')).toBe('6700');
    expect(send(card(), '00 A4 08 00 04 11 00')).toBe('6700');
    expect(send(card(), '00 A4 08 00 03 11 00 11')).toBe('6700');
    expect(send(card(), '00 B0 00 00')).toBe('6700');
  });

  it('powerOn / reset clear the selection', () => {
    const c = card();
    send(c, '00 A4 08 00 04 10 00 10 03');
    c.powerOn();
    expect(c.selection).toBe('3F00');
    expect(send(c, '00 B0 00 00 01')).toBe('6986');
  });
});
