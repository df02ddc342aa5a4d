import { describe, expect, it } from 'vitest';
import { describeCommand, expectOk, readBinary, selectByFid, selectByPath, splitResponse, verify, verifyStatus } from './apdu';
import { fromHex, toHex } from './bytes';
import { CardDataError, CardStatusError } from './errors';

describe('APDU builders', () => {
  it('SELECT by path from the MF leaves 3F00 out', () => {
    expect(toHex(selectByPath('3F00/1100/1102'), ' ')).toBe('00 A4 08 00 04 11 00 11 02');
    expect(toHex(selectByPath('3f00/1000/1003'), ' ')).toBe('00 A4 08 00 04 10 00 10 03');
    expect(() => selectByPath('3F00')).toThrow();
    expect(() => selectByPath('1100/1102')).toThrow();
  });

  it('SELECT by file identifier', () => {
    expect(toHex(selectByFid('3F00'), ' ')).toBe('00 A4 00 00 02 3F 00');
    expect(toHex(selectByFid('1102'), ' ')).toBe('00 A4 00 00 02 11 02');
    expect(() => selectByFid('110')).toThrow();
  });

  it('READ BINARY puts the offset in P1/P2 and sends Le 256 as 00', () => {
    expect(toHex(readBinary(0, 6), ' ')).toBe('00 B0 00 00 06');
    expect(toHex(readBinary(261, 135), ' ')).toBe('00 B0 01 05 87');
    expect(toHex(readBinary(0, 256), ' ')).toBe('00 B0 00 00 00');
    expect(() => readBinary(0x8000, 1)).toThrow();
    expect(() => readBinary(0, 0)).toThrow();
    expect(() => readBinary(0, 257)).toThrow();
  });

  it('VERIFY with and without data', () => {
    expect(toHex(verify(0x10, fromHex('31323334FFFFFFFF')), ' ')).toBe('00 20 00 10 08 31 32 33 34 FF FF FF FF');
    expect(toHex(verifyStatus(0x90), ' ')).toBe('00 20 00 90');
  });

  it('describes commands without their data for VERIFY', () => {
    expect(describeCommand(verify(0x10, fromHex('3132333435363738')))).toBe('VERIFY 10');
    expect(describeCommand(readBinary(300, 10))).toBe('READ BINARY at 300');
  });
});

describe('responses', () => {
  it('splits data and status word', () => {
    const { data, sw } = splitResponse(fromHex('0102 6282'));
    expect(toHex(data)).toBe('0102');
    expect(sw).toBe(0x6282);
  });

  it('a response without a status word is malformed', () => {
    expect(() => splitResponse(fromHex('90'))).toThrow(CardDataError);
  });

  it('expectOk returns the data on 9000 and names the command otherwise', () => {
    expect(toHex(expectOk(fromHex('AABB9000'), 'READ'))).toBe('AABB');
    const err = (() => {
      try {
        expectOk(fromHex('6A82'), 'SELECT 1102');
      } catch (e) {
        return e;
      }
    })() as CardStatusError;
    expect(err).toBeInstanceOf(CardStatusError);
    expect(err.sw).toBe(0x6a82);
    expect(err.command).toBe('SELECT 1102');
    expect(err.message).toContain('6A82');
  });
});
