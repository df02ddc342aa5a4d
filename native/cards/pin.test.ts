import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { CardStatusError, InvalidPinFormatError, PinBlockedError, WrongPinError } from './errors';
import { encodePin, pinStatus, pinTriesLeft, verifyPin } from './pin';
import { DEFAULT_PROFILE, type CardProfile } from './profiles';
import { scriptedTransmit } from '../../test/doubles/cards/scriptedTransmit';

const padded: CardProfile = { ...DEFAULT_PROFILE, pin: { reference: 0x10, padding: 'ff-to-8', dfPath: null } };
const unpadded: CardProfile = { ...DEFAULT_PROFILE, pin: { reference: 0x10, padding: 'none', dfPath: null } };

describe('PIN encoding', () => {
  it("'ff-to-8' pads ASCII digits with FF to 8 bytes (OpenSC)", () => {
    expect(toHex(encodePin('1234', 'ff-to-8'), ' ')).toBe('31 32 33 34 FF FF FF FF');
    expect(toHex(encodePin('12345678', 'ff-to-8'), ' ')).toBe('31 32 33 34 35 36 37 38');
  });

  it("'none' sends the digits alone", () => {
    expect(toHex(encodePin('1234', 'none'), ' ')).toBe('31 32 33 34');
    expect(toHex(encodePin('123456', 'none'), ' ')).toBe('31 32 33 34 35 36');
  });
});

describe('verifyPin', () => {
  it('sends one VERIFY with the padded PIN', async () => {
    const t = scriptedTransmit([['00 20 00 10 08 31 32 33 34 35 FF FF FF', '90 00']]);
    await verifyPin(t, '12345', padded);
    expect(t.remaining()).toBe(0);
  });

  it('sends one VERIFY with the unpadded PIN', async () => {
    const t = scriptedTransmit([['00 20 00 10 04 31 32 33 34', '90 00']]);
    await verifyPin(t, '1234', unpadded);
    expect(t.remaining()).toBe(0);
  });

  it('uses the reference of the profile (STIncard: 0x90)', async () => {
    const stincard: CardProfile = { ...DEFAULT_PROFILE, pin: { reference: 0x90, padding: 'ff-to-8', dfPath: null } };
    const t = scriptedTransmit([['00 20 00 90 08 31 32 33 34 35 36 37 38', '90 00']]);
    await verifyPin(t, '12345678', stincard);
  });

  it('selects the DF holding the PIN first when the profile says so', async () => {
    const inDf: CardProfile = { ...DEFAULT_PROFILE, pin: { reference: 0x10, padding: 'ff-to-8', dfPath: '3F00/1100' } };
    const t = scriptedTransmit([
      ['00 A4 08 00 02 11 00', '90 00'],
      ['00 20 00 10 08 31 32 33 34 35 36 37 38', '90 00'],
    ]);
    await verifyPin(t, '12345678', inDf);
    expect(t.remaining()).toBe(0);
  });

  it('63C2 is WrongPinError(2), and nothing is retried', async () => {
    const t = scriptedTransmit([['00 20 00 10 08 31 32 33 34 FF FF FF FF', '63 C2']]);
    const err = await verifyPin(t, '1234', padded).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongPinError);
    expect((err as WrongPinError).triesLeft).toBe(2);
    expect((err as WrongPinError).userMessage).toContain('2');
    expect(t.sent).toHaveLength(1);
  });

  it('63C1 warns that one try is left', async () => {
    const t = scriptedTransmit([['00 20 00 10 08 31 32 33 34 FF FF FF FF', '63 C1']]);
    await expect(verifyPin(t, '1234', padded)).rejects.toMatchObject({ triesLeft: 1, userMessage: expect.stringContaining('un solo tentativo') });
  });

  it('6983 is PinBlockedError, and so is 63C0 (the try that used up the last one)', async () => {
    for (const sw of ['69 83', '63 C0']) {
      const t = scriptedTransmit([['00 20 00 10 08 31 32 33 34 FF FF FF FF', sw]]);
      await expect(verifyPin(t, '1234', padded)).rejects.toBeInstanceOf(PinBlockedError);
    }
  });

  it('6984 and anything else is CardStatusError', async () => {
    for (const sw of [0x6984, 0x6a88, 0x6700, 0x6982]) {
      const t = scriptedTransmit([['00 20 00 10 08 31 32 33 34 FF FF FF FF', sw.toString(16)]]);
      await expect(verifyPin(t, '1234', padded)).rejects.toMatchObject({ code: 'card-status', sw });
    }
  });

  it('a malformed PIN is refused before anything is sent', async () => {
    for (const pin of ['', '123', '123456789', '12a4', ' 1234', '1234 ', '１２３４', '12.4', '-1234']) {
      const t = scriptedTransmit([]);
      const err = await verifyPin(t, pin, padded).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidPinFormatError);
      expect((err as InvalidPinFormatError).userMessage).toMatch(/da 4 a 8 cifre/);
      expect((err as InvalidPinFormatError).message).not.toContain(pin.trim() || 'x'.repeat(99));
      expect(t.sent).toHaveLength(0);
    }
  });

  it('a malformed PIN does not even select the PIN DF', async () => {
    const inDf: CardProfile = { ...DEFAULT_PROFILE, pin: { reference: 0x10, padding: 'ff-to-8', dfPath: '3F00/1100' } };
    const t = scriptedTransmit([]);
    await expect(verifyPin(t, '12', inDf)).rejects.toBeInstanceOf(InvalidPinFormatError);
    expect(t.sent).toHaveLength(0);
  });
});

describe('tries left', () => {
  it('VERIFY without data: 63Cx -> x', async () => {
    const t = scriptedTransmit([['00 20 00 10', '63 C3']]);
    expect(await pinTriesLeft(t, padded)).toBe(3);
  });

  it('90 00 -> already verified (null), 69 83 -> 0', async () => {
    expect(await pinTriesLeft(scriptedTransmit([['00 20 00 10', '90 00']]), padded)).toBeNull();
    expect(await pinTriesLeft(scriptedTransmit([['00 20 00 10', '69 83']]), padded)).toBe(0);
    expect(await pinStatus(scriptedTransmit([['00 20 00 10', '63 C0']]), padded)).toEqual({ state: 'blocked' });
    expect(await pinStatus(scriptedTransmit([['00 20 00 10', '63 C2']]), padded)).toEqual({ state: 'not-verified', triesLeft: 2 });
  });

  it('anything else is CardStatusError', async () => {
    await expect(pinTriesLeft(scriptedTransmit([['00 20 00 10', '6A 88']]), padded)).rejects.toBeInstanceOf(CardStatusError);
  });
});
