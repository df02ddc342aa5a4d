import { describe, expect, it } from 'vitest';
import { encodeLatin1, toHex } from './bytes';
import { encodeDatiPersonali, parseDatiPersonali } from './datiPersonali';
import { CardDataError, CardStatusError } from './errors';
import { readPatientCard } from './tsCns';
import { ROSSI_FILE, ROSSI_HEADER, ROSSI_PAYLOAD, ROSSI_SERIAL } from '../../test/doubles/cards/recordings';
import { scriptedTransmit } from '../../test/doubles/cards/scriptedTransmit';

const ROSSI_DATA = {
  codiceFiscale: 'RSSMRA58D12G388C',
  surname: 'ROSSI',
  givenName: 'MARIO',
  birthDate: '1958-04-12',
  sex: 'M',
  cardExpiry: '2031-03-31',
  issueDate: '2025-04-01',
  cardSerial: '8038010000123456',
  issuer: '030',
  birthPlaceCode: 'G388',
  residencePlaceCode: 'G388',
};

describe('readPatientCard', () => {
  it('reads by path: 2 SELECTs + 3 READs = 5 APDUs', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 02', '90 00'],
      ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
      ['00 B0 00 06 69', `${ROSSI_PAYLOAD} 90 00`],
      ['00 A4 08 00 04 10 00 10 03', '90 00'],
      ['00 B0 00 00 00', `${ROSSI_SERIAL} 62 82`],
    ]);
    expect(await readPatientCard(t)).toEqual(ROSSI_DATA);
    expect(t.remaining()).toBe(0);
  });

  it('takes 61xx after SELECT as success (T=0 FCI waiting)', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 02', '61 1C'],
      ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
      ['00 B0 00 06 69', `${ROSSI_PAYLOAD} 90 00`],
      ['00 A4 08 00 04 10 00 10 03', '61 1C'],
      ['00 B0 00 00 00', `${ROSSI_SERIAL} 90 00`],
    ]);
    expect((await readPatientCard(t)).codiceFiscale).toBe('RSSMRA58D12G388C');
  });

  for (const refusal of ['6A 86', '6D 00', '6A 82']) {
    it(`falls back to step-by-step SELECT when by path answers ${refusal}, and stays there`, async () => {
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', refusal],
        ['00 A4 00 00 02 3F 00', '90 00'],
        ['00 A4 00 00 02 11 00', '90 00'],
        ['00 A4 00 00 02 11 02', '90 00'],
        ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
        ['00 B0 00 06 69', `${ROSSI_PAYLOAD} 90 00`],
        ['00 A4 00 00 02 3F 00', '90 00'],
        ['00 A4 00 00 02 10 00', '90 00'],
        ['00 A4 00 00 02 10 03', '90 00'],
        ['00 B0 00 00 00', `${ROSSI_SERIAL} 62 82`],
      ]);
      expect(await readPatientCard(t)).toEqual(ROSSI_DATA);
      expect(t.remaining()).toBe(0);
    });
  }

  it('reads a file longer than 255 bytes in chunks with the offset in P1/P2', async () => {
    const long = encodeDatiPersonali({
      ...parseDatiPersonali(toUint8(ROSSI_FILE)),
      residenceAddress: 'VIA DEI MILLE 128, SCALA B, PIANO 3, INTERNO 12, C/O RESIDENZA SANITARIA ASSISTENZIALE "SAN GIUSEPPE", FRAZIONE SFORZESCA, 27029 VIGEVANO (PV)',
      notes: 'DOMICILIO SANITARIO DIVERSO DALLA RESIDENZA: CONTATTARE IL FIGLIO PER GLI APPUNTAMENTI. ESENZIONE PER PATOLOGIA CRONICA GIÀ REGISTRATA, VEDERE PAI.',
    });
    expect(long.length).toBe(6 + 0x17f);
    const hex = toHex(long);
    const part = (from: number, to: number) => hex.slice(from * 2, to * 2);
    expect(part(0, 6)).toBe('303030313746'); // "00017F" = 383
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 02', '90 00'],
      ['00 B0 00 00 06', `${part(0, 6)} 90 00`],
      ['00 B0 00 06 FF', `${part(6, 261)} 90 00`], // 255 bytes at offset 6
      ['00 B0 01 05 80', `${part(261, 389)} 90 00`], // the last 128 at offset 261 = 01 05
      ['00 A4 08 00 04 10 00 10 03', '90 00'],
      ['00 B0 00 00 00', `${ROSSI_SERIAL} 62 82`],
    ]);
    const p = await readPatientCard(t);
    expect(p.codiceFiscale).toBe('RSSMRA58D12G388C');
    expect(t.sent).toHaveLength(6);
  });

  describe('the serial (EF_IDCarta, length unconfirmed)', () => {
    const upToSerial = [
      ['00 A4 08 00 04 11 00 11 02', '90 00'],
      ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
      ['00 B0 00 06 69', `${ROSSI_PAYLOAD} 90 00`],
      ['00 A4 08 00 04 10 00 10 03', '90 00'],
    ] as const;

    it('re-issues READ BINARY with the length a 6Cxx names (13 bytes)', async () => {
      const t = scriptedTransmit([...upToSerial, ['00 B0 00 00 00', '6C 0D'], ['00 B0 00 00 0D', '38303338303130303030393837 90 00']]);
      expect((await readPatientCard(t)).cardSerial).toBe('8038010000987');
    });

    it('re-issues once with Le=16 after 6700', async () => {
      const t = scriptedTransmit([...upToSerial, ['00 B0 00 00 00', '67 00'], ['00 B0 00 00 10', `${ROSSI_SERIAL} 90 00`]]);
      expect((await readPatientCard(t)).cardSerial).toBe('8038010000123456');
    });

    it('keeps a binary serial as hex, untrimmed', async () => {
      const t = scriptedTransmit([...upToSerial, ['00 B0 00 00 00', '02 383031303030303034333231 00 00 62 82']]);
      expect((await readPatientCard(t)).cardSerial).toBe('023830313030303030343332310000');
    });

    it('a serial the card will not give is CardStatusError', async () => {
      const t = scriptedTransmit([...upToSerial, ['00 B0 00 00 00', '69 82']]);
      await expect(readPatientCard(t)).rejects.toBeInstanceOf(CardStatusError);
    });
  });

  describe('bad status words are CardStatusError', () => {
    it('a file the card does not have', async () => {
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', '6A 82'],
        ['00 A4 00 00 02 3F 00', '90 00'],
        ['00 A4 00 00 02 11 00', '6A 82'],
      ]);
      const err = await readPatientCard(t).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CardStatusError);
      expect((err as CardStatusError).sw).toBe(0x6a82);
      expect((err as CardStatusError).command).toBe('SELECT 1100 (3F00/1100/1102)');
    });

    it('a READ BINARY refused', async () => {
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', '90 00'],
        ['00 B0 00 00 06', '69 82'],
      ]);
      await expect(readPatientCard(t)).rejects.toMatchObject({ code: 'card-status', sw: 0x6982 });
    });
  });

  describe('malformed data is CardDataError, and nothing more is read', () => {
    it('the file ends before the declared length (6282 with less data)', async () => {
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', '90 00'],
        ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
        ['00 B0 00 06 69', `${ROSSI_PAYLOAD.replace(/\s/g, '').slice(0, 200)} 62 82`],
      ]);
      await expect(readPatientCard(t)).rejects.toBeInstanceOf(CardDataError);
      expect(t.remaining()).toBe(0);
    });

    it('the file ends before the declared length (6B00, short 9000)', async () => {
      for (const answer of ['6B 00', '3033 303330 90 00']) {
        const t = scriptedTransmit([
          ['00 A4 08 00 04 11 00 11 02', '90 00'],
          ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
          ['00 B0 00 06 69', answer],
        ]);
        await expect(readPatientCard(t)).rejects.toBeInstanceOf(CardDataError);
      }
    });

    it('a header that is not hex stops after 2 APDUs', async () => {
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', '90 00'],
        ['00 B0 00 00 06', `${toHex(encodeLatin1('00 06D'))} 90 00`],
      ]);
      await expect(readPatientCard(t)).rejects.toThrow(/not ASCII hex/);
    });

    it('a declared length over the 400-byte cap is refused before reading it', async () => {
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', '90 00'],
        ['00 B0 00 00 06', `${toHex(encodeLatin1('0001FF'))} 90 00`],
      ]);
      await expect(readPatientCard(t)).rejects.toThrow(/cap/);
    });

    it('an invalid codice fiscale is found before the serial is read', async () => {
      const bad = toHex(encodeLatin1('RSSMRA58D12G388C'));
      const t = scriptedTransmit([
        ['00 A4 08 00 04 11 00 11 02', '90 00'],
        ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
        ['00 B0 00 06 69', `${ROSSI_PAYLOAD.replace(/\s/g, '').replace(bad, toHex(encodeLatin1('RSSMRA58D12G388X')))} 90 00`],
      ]);
      await expect(readPatientCard(t)).rejects.toBeInstanceOf(CardDataError);
      expect(t.remaining()).toBe(0);
    });
  });
});

function toUint8(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
}
