import { describe, expect, it } from 'vitest';
import { ATR, classifyAtr, parseAtr } from './atr';
import { fromHex, toHex } from './bytes';
import { CardDataError } from './errors';
import { DEFAULT_PROFILE, pickProfile, PROFILES, VIRTUAL_UNPADDED_OPERATOR_ATR } from './profiles';

describe('parseAtr', () => {
  it('walks the interface bytes of the long-form ATRs to the historical bytes', () => {
    const siss = parseAtr(fromHex('3B FF 18 00 00 81 31 FE 45 00 6B 05 05 20 00 01 12 02 48 50 43 10 31 80 4C'));
    expect(siss.levels).toEqual([{ ta: 0x18, tb: 0x00, tc: 0x00, td: 0x81 }, { td: 0x31 }, { ta: 0xfe, tb: 0x45 }]);
    expect(siss.protocols).toEqual([1, 1]);
    expect(toHex(siss.historical, ' ')).toBe('00 6B 05 05 20 00 01 12 02 48 50 43 10 31 80');
    expect(siss.tck).toBe(0x4c);
    expect(siss.tckValid).toBe(true);
    expect(toHex(parseAtr(fromHex(ATR.TS_CNS)).historical, ' ')).toBe('00 6B 02 09 16 17 01 11 01 43 4E 53 11 31 80');
    expect(toHex(parseAtr(fromHex(ATR.CRS_LOMBARDIA)).historical, ' ')).toBe('00 6B 02 09 02 00 01 11 01 43 4E 53 10 31 80');
  });

  it('parses the short-form TS-CNS ATR (T=0 then T=1)', () => {
    const short = parseAtr(fromHex('3B 8B 80 01 00 31 C1 64 08 92 33 54 00 90 00 F3'));
    expect(short.protocols).toEqual([0, 1]);
    expect(toHex(short.historical, ' ')).toBe('00 31 C1 64 08 92 33 54 00 90 00');
    expect(short.tckValid).toBe(true);
  });

  it('has no TCK when only T=0 is indicated', () => {
    const t0 = parseAtr(fromHex('3B 02 41 42'));
    expect(t0.tck).toBeNull();
    expect(toHex(t0.historical)).toBe('4142');
  });

  it('reports a wrong TCK without rejecting the ATR', () => {
    expect(parseAtr(fromHex('3BFF1800008131FE45006B050520000112024850431031804D')).tckValid).toBe(false);
  });

  it('rejects ATRs whose structure does not add up', () => {
    expect(() => parseAtr(fromHex('3B'))).toThrow(CardDataError);
    expect(() => parseAtr(fromHex('12 00'))).toThrow(CardDataError);
    expect(() => parseAtr(fromHex('3B 05 41 42'))).toThrow(CardDataError); // 5 historical bytes announced, 2 present
    expect(() => parseAtr(fromHex('3B 02 41 42 43'))).toThrow(CardDataError); // a byte after the end
    expect(() => parseAtr(fromHex('3B 8B 80 01 00 31'))).toThrow(CardDataError);
  });
});

describe('classifyAtr', () => {
  it('classifies the four ATRs of CARDS.md', () => {
    expect(classifyAtr(fromHex('3B FF 18 00 00 81 31 FE 45 00 6B 05 05 20 00 01 12 02 48 50 43 10 31 80 4C'))).toMatchObject({ kind: 'operator', reason: 'known-atr' });
    expect(classifyAtr(fromHex('3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 02 00 01 11 01 43 4E 53 10 31 80 8F'))).toMatchObject({ kind: 'patient', reason: 'known-atr' });
    expect(classifyAtr(fromHex('3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 16 17 01 11 01 43 4E 53 11 31 80 8D'))).toMatchObject({ kind: 'patient', reason: 'known-atr' });
    expect(classifyAtr(fromHex('3B 8B 80 01 00 31 C1 64 08 92 33 54 00 90 00 F3'))).toMatchObject({ kind: 'patient', reason: 'known-atr' });
  });

  it('reads the marker in the historical bytes of ATRs not in the table', () => {
    // TS-CNS with a different chip byte (and TCK recomputed): still "CNS".
    expect(classifyAtr(fromHex('3BFF1800FF8131FE55006B02091717011101434E531131808C'))).toMatchObject({ kind: 'patient', reason: 'historical-bytes' });
    expect(classifyAtr(fromHex(VIRTUAL_UNPADDED_OPERATOR_ATR))).toMatchObject({ kind: 'operator', reason: 'historical-bytes' });
  });

  it('does not take a marker outside the historical bytes', () => {
    // TA1 TB1 TC1 spell "CNS", no historical bytes.
    expect(classifyAtr(fromHex('3B 70 43 4E 53'))).toMatchObject({ kind: 'unknown', reason: 'unrecognized' });
    // "HPC" as the TCK-less tail of a malformed ATR.
    expect(classifyAtr(fromHex('3B 00 48 50 43'))).toMatchObject({ kind: 'unknown', reason: 'malformed' });
  });

  it('garbage is unknown', () => {
    expect(classifyAtr(fromHex(''))).toMatchObject({ kind: 'unknown', reason: 'malformed' });
    expect(classifyAtr(fromHex('FF FF FF'))).toMatchObject({ kind: 'unknown', reason: 'malformed' });
    expect(classifyAtr(fromHex('3B8F8001804F0CA000000306030001000000006A'))).toMatchObject({ kind: 'unknown', reason: 'unrecognized' });
  });
});

describe('pickProfile', () => {
  it('matches exact ATRs first', () => {
    expect(pickProfile(fromHex(ATR.TS_CNS)).id).toBe('ts-cns');
    expect(pickProfile(fromHex(ATR.TS_CNS_SHORT)).id).toBe('ts-cns');
    expect(pickProfile(fromHex(ATR.CRS_LOMBARDIA)).id).toBe('crs-lombardia');
    expect(pickProfile(fromHex(ATR.CARTA_SISS)).id).toBe('siss-operator');
    expect(pickProfile(fromHex(VIRTUAL_UNPADDED_OPERATOR_ATR)).pin.padding).toBe('none');
  });

  it('falls back on the historical bytes, then on the default CNS-like profile', () => {
    expect(pickProfile(fromHex('3BFF1800FF8131FE55006B02091717011101434E531131808C')).id).toBe('ts-cns');
    expect(pickProfile(fromHex('3B8F8001804F0CA000000306030001000000006A'))).toBe(DEFAULT_PROFILE);
  });

  it('keeps every layout in the table well formed', () => {
    for (const p of [...PROFILES, DEFAULT_PROFILE]) {
      expect(p.pin.reference).toBeGreaterThanOrEqual(0);
      expect(p.pin.reference).toBeLessThanOrEqual(0xff);
      for (const f of Object.values(p.files)) expect(f).toMatch(/^3F00(\/[0-9A-F]{4})+$/);
    }
    const all = PROFILES.flatMap((p) => p.atrs);
    expect(new Set(all).size).toBe(all.length);
  });
});
