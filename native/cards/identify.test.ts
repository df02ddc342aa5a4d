import { describe, expect, it } from 'vitest';
import { ATR } from './atr';
import { fromHex } from './bytes';
import { CardDataError, CardRemovedError } from './errors';
import { identifyCard } from './identify';
import { certificateReads, fixtureImageFile } from '../../test/doubles/cards/fixtures';
import { ROSSI_HEADER, ROSSI_PAYLOAD, ROSSI_SERIAL } from '../../test/doubles/cards/recordings';
import { scriptedTransmit, type Step } from '../../test/doubles/cards/scriptedTransmit';

const UNKNOWN_ATR = fromHex('3B8F8001804F0CA000000306030001000000006A');

const PATIENT_BY_PATH: Step[] = [
  ['00 A4 08 00 04 11 00 11 02', '90 00'],
  ['00 B0 00 00 06', `${ROSSI_HEADER} 90 00`],
  ['00 B0 00 06 69', `${ROSSI_PAYLOAD} 90 00`],
  ['00 A4 08 00 04 10 00 10 03', '90 00'],
  ['00 B0 00 00 00', `${ROSSI_SERIAL} 62 82`],
];

const mmgCert = fromHex(fixtureImageFile('operator-mmg').files['3F00/1100/1101'] as string);
const OPERATOR_BY_PATH: Step[] = [['00 A4 08 00 04 11 00 11 01', '90 00'], ...certificateReads(mmgCert)];

/** The card has none of the files, selecting by path or step by step. */
const NO_PERSONAL_DATA: Step[] = [
  ['00 A4 08 00 04 11 00 11 02', '6A 82'],
  ['00 A4 00 00 02 3F 00', '90 00'],
  ['00 A4 00 00 02 11 00', '6A 82'],
];
const NO_CERTIFICATE: Step[] = [
  ['00 A4 08 00 04 11 00 11 01', '6A 82'],
  ['00 A4 00 00 02 3F 00', '90 00'],
  ['00 A4 00 00 02 11 00', '6A 82'],
];

describe('identifyCard', () => {
  it('a TS-CNS: the patient in 5 APDUs (at most 8)', async () => {
    const t = scriptedTransmit(PATIENT_BY_PATH);
    const id = await identifyCard(fromHex(ATR.TS_CNS), t);
    expect(id.kind).toBe('patient');
    expect(id.patient?.codiceFiscale).toBe('RSSMRA58D12G388C');
    expect(id.apdus).toBe(5);
    expect(id.apdus).toBeLessThanOrEqual(8);
    expect(id.profileId).toBe('ts-cns');
  });

  it('the short-form TS-CNS ATR is read as a patient card too', async () => {
    const id = await identifyCard(fromHex(ATR.TS_CNS_SHORT), scriptedTransmit(PATIENT_BY_PATH));
    expect(id.kind).toBe('patient');
  });

  it('a CRS citizen card (CNS) is a patient card', async () => {
    const id = await identifyCard(fromHex(ATR.CRS_LOMBARDIA), scriptedTransmit(PATIENT_BY_PATH));
    expect(id).toMatchObject({ kind: 'patient', profileId: 'crs-lombardia' });
  });

  it('a Carta SISS: the operator from the certificate', async () => {
    const t = scriptedTransmit(OPERATOR_BY_PATH);
    const id = await identifyCard(fromHex(ATR.CARTA_SISS), t);
    expect(id.kind).toBe('operator');
    expect(id.operator?.codiceFiscale).toBe('BNCGLI75A41F205I');
    expect(id.apdus).toBe(OPERATOR_BY_PATH.length);
    expect(id.profileId).toBe('siss-operator');
  });

  it('an unknown ATR: tries the patient read, then the operator read', async () => {
    const t = scriptedTransmit([...NO_PERSONAL_DATA, ...OPERATOR_BY_PATH]);
    const id = await identifyCard(UNKNOWN_ATR, t);
    expect(id.kind).toBe('operator');
    expect(id.apdus).toBe(NO_PERSONAL_DATA.length + OPERATOR_BY_PATH.length);
    expect(id.profileId).toBe('cns-default');
  });

  it('an unknown ATR that reads as a patient card is one', async () => {
    const id = await identifyCard(UNKNOWN_ATR, scriptedTransmit(PATIENT_BY_PATH));
    expect(id.kind).toBe('patient');
  });

  it('an unknown ATR with bad personal data still gets the operator read', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 02', '90 00'],
      ['00 B0 00 00 06', '5A5A5A5A5A5A 90 00'],
      ...OPERATOR_BY_PATH,
    ]);
    expect((await identifyCard(UNKNOWN_ATR, t)).kind).toBe('operator');
  });

  it('nothing reads: unknown', async () => {
    const t = scriptedTransmit([...NO_PERSONAL_DATA, ...NO_CERTIFICATE]);
    expect(await identifyCard(UNKNOWN_ATR, t)).toEqual({ kind: 'unknown', apdus: 6, profileId: 'cns-default' });
  });

  it('a patient guess that finds no personal data is unknown, without reading the certificate', async () => {
    const t = scriptedTransmit(NO_PERSONAL_DATA);
    expect(await identifyCard(fromHex(ATR.TS_CNS), t)).toMatchObject({ kind: 'unknown', apdus: 3 });
  });

  it('an operator guess without a certificate is unknown', async () => {
    const t = scriptedTransmit(NO_CERTIFICATE);
    expect(await identifyCard(fromHex(ATR.CARTA_SISS), t)).toMatchObject({ kind: 'unknown', apdus: 3 });
  });

  it('a patient card with damaged data is CardDataError, not "unknown"', async () => {
    const t = scriptedTransmit([
      ['00 A4 08 00 04 11 00 11 02', '90 00'],
      ['00 B0 00 00 06', '5A5A5A5A5A5A 90 00'],
    ]);
    await expect(identifyCard(fromHex(ATR.TS_CNS), t)).rejects.toBeInstanceOf(CardDataError);
  });

  it('a card pulled out mid-read propagates CardRemovedError', async () => {
    let n = 0;
    const pulled = async (apdu: Uint8Array) => {
      if (++n === 3) throw new CardRemovedError('Virtual PCD 00 00');
      return scriptedTransmit(PATIENT_BY_PATH.slice(n - 1, n))(apdu);
    };
    await expect(identifyCard(fromHex(ATR.TS_CNS), pulled)).rejects.toBeInstanceOf(CardRemovedError);
    await expect(identifyCard(UNKNOWN_ATR, async () => {
      throw new CardRemovedError('r');
    })).rejects.toBeInstanceOf(CardRemovedError);
  });
});
