import { describe, expect, it } from 'vitest';
import { classifyPcscError, readerFlags } from './pcscFlags';

describe('PC/SC reader state flags', () => {
  it('reads flags whatever the event counter in the upper bits', () => {
    expect(readerFlags(0x00010022)).toEqual({ present: true, empty: false, mute: false, unavailable: false });
    expect(readerFlags(0x00050012)).toEqual({ present: false, empty: true, mute: false, unavailable: false });
    expect(readerFlags(0x00000232)).toMatchObject({ present: true, mute: true });
  });

  it('tells a pulled card and a stopped service from other failures', () => {
    expect(classifyPcscError('SCardTransmit error: Card was removed.(0x80100069)')).toBe('card-removed');
    expect(classifyPcscError('SCardConnect error: No smart card inserted.(0x8010000C)')).toBe('card-removed');
    expect(classifyPcscError('SCardEstablishContext error: Service not available.(0x8010001D)')).toBe('service-unavailable');
    expect(classifyPcscError('SCardTransmit error: Transaction failed.(0x80100016)')).toBe('card-removed');
    expect(classifyPcscError('SCardTransmit error: Insufficient buffer.(0x80100008)')).toBe('other');
  });
});
