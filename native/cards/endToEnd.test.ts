import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VirtualCard } from '../virtual/virtualCard';
import { fromHex } from './bytes';
import { CardDataError, PinBlockedError, WrongPinError } from './errors';
import { identifyCard } from './identify';
import { pinStatus, pinTriesLeft, verifyPin } from './pin';
import { pickProfile } from './profiles';
import { readOperatorCard } from './operatorCard';
import { readPatientCard } from './tsCns';
import { fixtureImage, fixtureImageFile, fixtureNames } from '../../test/doubles/cards/fixtures';
import type { CardIdentity, Transmit } from './types';

/**
 * The protocols against the virtual card, for every card image in native/virtual/images: what the
 * pcscd path does, without pcscd. Every image must have an expectation here. The cards go in on a
 * fixed day (a leap day): a TS's dates are counted from the day of insertion.
 */
const INSERTED_ON = '2028-02-29';

function insert(name: string): { card: VirtualCard; transmit: Transmit } {
  const card = new VirtualCard(fixtureImage(name, INSERTED_ON));
  return { card, transmit: async (apdu) => card.process(apdu) };
}

const certNotAfter = (name: string) =>
  new Date(new X509Certificate(fromHex(fixtureImageFile(name).files['3F00/1100/1101'] as string)).validTo).toISOString();

type Expectation =
  | { identity: Partial<CardIdentity> & { patient?: object; operator?: object }; pin?: string }
  | { error: new (...args: never[]) => Error };

const patient = (p: object) => ({ kind: 'patient' as const, patient: expect.objectContaining(p) });

const EXPECTED: Record<string, Expectation> = {
  'ts-rossi-mario': {
    identity: {
      ...patient({
        codiceFiscale: 'RSSMRA58D12G388C',
        surname: 'ROSSI',
        givenName: 'MARIO',
        birthDate: '1958-04-12',
        sex: 'M',
        issueDate: '2026-07-09',
        cardExpiry: '2032-07-07',
        cardSerial: '8038010000123456',
        issuer: '030',
        birthPlaceCode: 'G388',
        residencePlaceCode: 'G388',
      }),
      apdus: 5,
      profileId: 'ts-cns',
    },
    pin: '12345678',
  },
  'ts-accented': {
    identity: { ...patient({ codiceFiscale: 'DLLNCL90S03F205K', surname: "DELL'ACQUA", givenName: 'NICOLÒ', cardSerial: '8038010000987' }), apdus: 5 },
    pin: '12345678',
  },
  'ts-omocode': {
    identity: { ...patient({ codiceFiscale: 'BRMCRL47L65E6QUQ', surname: 'BRAMBILLA', sex: 'F', birthDate: '1947-07-25', cardSerial: '02383031303030303034333231' }), apdus: 5 },
    pin: '12345678',
  },
  'ts-long': {
    identity: { ...patient({ codiceFiscale: 'CLMGPP40A30L872K', givenName: 'GIUSEPPE ANTONIO MARIA' }), apdus: 6 },
    pin: '12345678',
  },
  'ts-expired': {
    identity: { ...patient({ codiceFiscale: 'FRRLCU65P54M109O', cardExpiry: '2027-07-04', issueDate: '2021-07-05' }), apdus: 5 },
    pin: '12345678',
  },
  'ts-no-path-select': {
    // 1 refused SELECT + 3 SELECTs + 2 READs, then 3 SELECTs + 1 READ for the serial.
    identity: { ...patient({ codiceFiscale: 'GLLRRT72B29B201S', birthDate: '1972-02-29' }), apdus: 10 },
    pin: '12345678',
  },
  'ts-short-atr': {
    identity: { ...patient({ codiceFiscale: 'MRCLNE83H45I968D' }), apdus: 5, profileId: 'ts-cns' },
    pin: '12345678',
  },
  'ts-damaged': { error: CardDataError },
  'operator-mmg': {
    identity: { kind: 'operator', operator: { codiceFiscale: 'BNCGLI75A41F205I', subject: expect.stringContaining('SN=BIANCHI'), certificateNotAfter: certNotAfter('operator-mmg') }, profileId: 'siss-operator' },
    pin: '12345678',
  },
  'operator-segretaria': {
    identity: { kind: 'operator', operator: expect.objectContaining({ codiceFiscale: 'VRDPLA88R61G388E' }), profileId: 'virtual-operator-unpadded' },
    pin: '1234',
  },
  'operator-blocked': {
    identity: { kind: 'operator', operator: expect.objectContaining({ codiceFiscale: 'NRELRT60T08G388Q' }) },
  },
  unknown: { identity: { kind: 'unknown', apdus: 6, profileId: 'cns-default' } },
};

describe('every fixture card through the protocols (in memory)', () => {
  it('has an expectation for every image, and no expectation without an image', () => {
    expect(fixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of Object.keys(EXPECTED)) {
    it(`${name}: identifyCard`, async () => {
      const { card, transmit } = insert(name);
      const expected = EXPECTED[name] as Expectation;
      if ('error' in expected) {
        await expect(identifyCard(card.atr, transmit)).rejects.toBeInstanceOf(expected.error);
        return;
      }
      const identity = await identifyCard(card.atr, transmit);
      expect(identity).toMatchObject(expected.identity);
      expect(identity.kind).toBe(fixtureImageFile(name).kind);
      if (identity.kind !== 'patient') expect(identity.patient).toBeUndefined();
      if (identity.kind !== 'operator') expect(identity.operator).toBeUndefined();
      if (identity.kind === 'patient') expect(identity.apdus).toBeLessThanOrEqual(name === 'ts-no-path-select' ? 12 : 8);
    });
  }

  for (const [name, expected] of Object.entries(EXPECTED)) {
    if (!('pin' in expected) || expected.pin === undefined) continue;
    const pin = expected.pin;
    it(`${name}: the PIN verifies with the profile picked from the ATR`, async () => {
      const { card, transmit } = insert(name);
      const profile = pickProfile(card.atr);
      expect(await pinTriesLeft(transmit, profile)).toBe(3);
      await verifyPin(transmit, pin, profile);
      expect(await pinStatus(transmit, profile)).toEqual({ state: 'verified' });
    });
  }

  it('a wrong PIN burns exactly one try; the right one restores them', async () => {
    const { card, transmit } = insert('operator-mmg');
    const profile = pickProfile(card.atr);
    await expect(verifyPin(transmit, '11112222', profile)).rejects.toEqual(new WrongPinError(2));
    expect(card.triesLeft).toBe(2);
    await verifyPin(transmit, '12345678', profile);
    expect(card.triesLeft).toBe(3);
  });

  it('three wrong PINs block the card, and then even the right one is refused', async () => {
    const { card, transmit } = insert('operator-segretaria');
    const profile = pickProfile(card.atr);
    await expect(verifyPin(transmit, '0000', profile)).rejects.toMatchObject({ triesLeft: 2 });
    await expect(verifyPin(transmit, '0000', profile)).rejects.toMatchObject({ triesLeft: 1 });
    await expect(verifyPin(transmit, '0000', profile)).rejects.toBeInstanceOf(PinBlockedError);
    await expect(verifyPin(transmit, '1234', profile)).rejects.toBeInstanceOf(PinBlockedError);
    expect(card.snapshot().pin?.triesLeft).toBe(0);
  });

  it('operator-blocked: PIN blocked, tries left 0', async () => {
    const { card, transmit } = insert('operator-blocked');
    const profile = pickProfile(card.atr);
    expect(await pinTriesLeft(transmit, profile)).toBe(0);
    await expect(verifyPin(transmit, '87654321', profile)).rejects.toBeInstanceOf(PinBlockedError);
  });

  it('a padding the card does not expect costs a try (why padding is a per-profile setting)', async () => {
    const { card, transmit } = insert('operator-segretaria');
    await expect(verifyPin(transmit, '1234', pickProfile(fromHex(fixtureImageFile('operator-mmg').atr)))).rejects.toBeInstanceOf(WrongPinError);
    expect(card.triesLeft).toBe(2);
  });

  it('a malformed PIN costs nothing', async () => {
    const { card, transmit } = insert('operator-mmg');
    await expect(verifyPin(transmit, '12', pickProfile(card.atr))).rejects.toMatchObject({ code: 'invalid-pin-format' });
    expect(card.triesLeft).toBe(3);
  });

  it('the readers work directly too, and reading a patient card as an operator card is possible only on purpose', async () => {
    expect((await readPatientCard(insert('ts-accented').transmit)).surname).toBe("DELL'ACQUA");
    expect((await readOperatorCard(insert('operator-mmg').transmit)).codiceFiscale).toBe('BNCGLI75A41F205I');
    // A TS-CNS carries a certificate with the holder's CF in the CN: identifyCard never reads it.
    expect((await readOperatorCard(insert('ts-rossi-mario').transmit)).codiceFiscale).toBe('RSSMRA58D12G388C');
  });
});
