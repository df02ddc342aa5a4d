import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { omocodeVariant } from '../../shared/domain/codiceFiscale';
import { fromHex, toHex } from './bytes';
import { CardDataError, CardStatusError } from './errors';
import { codiceFiscaleFromSubject, derTotalLength, operatorFromCertificate, readCertificateDer, readOperatorCard } from './operatorCard';
import { CardFileAccess } from './fileAccess';
import { certificateReads, extraCertificate, fixtureImageFile } from '../../test/doubles/cards/fixtures';
import { scriptedTransmit } from '../../test/doubles/cards/scriptedTransmit';

const certOf = (name: string) => fromHex(fixtureImageFile(name).files['3F00/1100/1101'] as string);

describe('DER outer length', () => {
  it('reads the short and long forms', () => {
    expect(derTotalLength(fromHex('30 03 02 01 05'))).toBe(5);
    expect(derTotalLength(fromHex('30 81 80'))).toBe(3 + 128);
    expect(derTotalLength(fromHex('30 82 04 6E'))).toBe(4 + 1134);
  });

  it('refuses what is not a definite-length SEQUENCE within 8 KB', () => {
    expect(() => derTotalLength(fromHex('04 03 01 02 03'))).toThrow(CardDataError);
    expect(() => derTotalLength(fromHex('30 80'))).toThrow(CardDataError);
    expect(() => derTotalLength(fromHex('30 84 00 00 10 00'))).toThrow(CardDataError);
    expect(() => derTotalLength(fromHex('30 82 20 00'))).toThrow(/cap/);
    expect(() => derTotalLength(fromHex('FF FF FF FF'))).toThrow(CardDataError);
    expect(() => derTotalLength(fromHex('30'))).toThrow(CardDataError);
  });
});

describe('reading the certificate file', () => {
  it('reads in chunks of 255 with offsets in P1/P2 and stops at the DER length', async () => {
    // A 1028-byte SEQUENCE (30 82 04 00 + 1024 bytes), in a file with trailing FF padding.
    const der = new Uint8Array(1028).fill(0xab);
    der.set([0x30, 0x82, 0x04, 0x00]);
    const hex = toHex(der);
    const part = (from: number, to: number) => hex.slice(from * 2, to * 2);
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 01', '90 00'],
      ['00 B0 00 00 FF', `${part(0, 255)} 90 00`],
      ['00 B0 00 FF FF', `${part(255, 510)} 90 00`],
      ['00 B0 01 FE FF', `${part(510, 765)} 90 00`],
      ['00 B0 02 FD FF', `${part(765, 1020)} 90 00`],
      ['00 B0 03 FC 08', `${part(1020, 1028)} 90 00`],
    ]);
    expect(toHex(await readCertificateDer(new CardFileAccess(t)))).toBe(hex);
    expect(t.remaining()).toBe(0);
  });

  it('a certificate shorter than the first chunk comes in one READ (6282)', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 01', '90 00'],
      ['00 B0 00 00 FF', '30 03 02 01 05 FF FF 62 82'],
    ]);
    expect(toHex(await readCertificateDer(new CardFileAccess(t)))).toBe('3003020105');
  });

  it('a file that ends before the DER length is CardDataError', async () => {
    const first = `30 82 04 00 ${'AB'.repeat(251)}`;
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 01', '90 00'],
      ['00 B0 00 00 FF', `${first} 90 00`],
      ['00 B0 00 FF FF', `${'AB'.repeat(100)} 62 82`],
    ]);
    await expect(readCertificateDer(new CardFileAccess(t))).rejects.toBeInstanceOf(CardDataError);
  });

  it('an empty certificate file (FF) is CardDataError', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 01', '90 00'],
      ['00 B0 00 00 FF', `${'FF'.repeat(255)} 90 00`],
    ]);
    await expect(readOperatorCard(t)).rejects.toBeInstanceOf(CardDataError);
  });

  it('no certificate file is CardStatusError', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 01', '6A 82'],
      ['00 A4 00 00 02 3F 00', '90 00'],
      ['00 A4 00 00 02 11 00', '90 00'],
      ['00 A4 00 00 02 11 01', '6A 82'],
    ]);
    await expect(readOperatorCard(t)).rejects.toBeInstanceOf(CardStatusError);
  });
});

describe('the operator in the certificate subject', () => {
  it('CN of the CNS form <CF>/<card id>.<hash>', () => {
    expect(codiceFiscaleFromSubject('C=IT\nO=X\nCN=BNCGLI75A41F205I/7420000000001001.2419fa9ac9508e5a')).toBe('BNCGLI75A41F205I');
    expect(codiceFiscaleFromSubject('CN=bncgli75a41f205i/742.abc/def=')).toBe('BNCGLI75A41F205I');
  });

  it('serialNumber IT:<CF> and TINIT-<CF>', () => {
    expect(codiceFiscaleFromSubject('CN=VERDI PAOLA\nserialNumber=IT:VRDPLA88R61G388E')).toBe('VRDPLA88R61G388E');
    expect(codiceFiscaleFromSubject('CN=NERI ALBERTO\nserialNumber=TINIT-NRELRT60T08G388Q')).toBe('NRELRT60T08G388Q');
    expect(codiceFiscaleFromSubject('CN=NERI ALBERTO + serialNumber=TINIT-NRELRT60T08G388Q')).toBe('NRELRT60T08G388Q');
  });

  it('accepts omocodes', () => {
    const omocode = omocodeVariant('BNCGLI75A41F205I', 3);
    expect(codiceFiscaleFromSubject(`CN=${omocode}/1.a`)).toBe(omocode);
  });

  it('skips an invalid code for a valid one, and finds none in a subject without one', () => {
    expect(codiceFiscaleFromSubject('CN=BNCGLI75A41F205A/1.a\nserialNumber=IT:VRDPLA88R61G388E')).toBe('VRDPLA88R61G388E');
    expect(codiceFiscaleFromSubject('CN=BNCGLI75A41F205A/1.a')).toBeNull();
    expect(codiceFiscaleFromSubject('CN=ROSSI MARIO\nserialNumber=12345')).toBeNull();
    expect(codiceFiscaleFromSubject('CN=BNCGLI75A41F205I')).toBeNull(); // a bare CF is not one of the known forms
    expect(codiceFiscaleFromSubject('OU=IT:VRDPLA88R61G388E')).toBeNull();
  });

  it('parses the generated certificates (CN slash form, IT:, TINIT-)', () => {
    for (const [name, cf] of [
      ['operator-mmg', 'BNCGLI75A41F205I'],
      ['operator-segretaria', 'VRDPLA88R61G388E'],
      ['operator-blocked', 'NRELRT60T08G388Q'],
    ] as const) {
      const der = certOf(name);
      const op = operatorFromCertificate(der);
      expect(op.codiceFiscale).toBe(cf);
      expect(op.subject).toBe(new X509Certificate(der).subject);
      expect(op.certificateNotAfter).toBe(new Date(new X509Certificate(der).validTo).toISOString());
      expect(op.certificateNotAfter).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    }
  });

  it('a certificate without a valid codice fiscale is CardDataError', () => {
    expect(() => operatorFromCertificate(extraCertificate('no-codice-fiscale'))).toThrow(/no valid codice fiscale/);
    expect(() => operatorFromCertificate(extraCertificate('wrong-check-character'))).toThrow(CardDataError);
  });

  it('bytes that are not a certificate are CardDataError', () => {
    expect(() => operatorFromCertificate(fromHex('3003020105'))).toThrow(/does not parse/);
  });

  it('reads the whole thing over a recorded exchange', async () => {
    const der = certOf('operator-mmg');
    const t = scriptedTransmit([['00 A4 08 00 04 11 00 11 01', '90 00'], ...certificateReads(der)]);
    expect((await readOperatorCard(t)).codiceFiscale).toBe('BNCGLI75A41F205I');
    expect(t.remaining()).toBe(0);
  });
});
