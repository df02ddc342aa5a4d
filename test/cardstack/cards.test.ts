import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { CardRemovedError, PinBlockedError, WrongPinError } from '../../native/cards/errors';
import { readPatientCard } from '../../native/cards/tsCns';
import { PcscWatcher } from '../../native/pcsc/watcher';
import { resolveCardImage, VirtualCardHost } from '../../native/virtual/cardHost';
import { CardReaderService } from '../../main/cards/cardReaderService';
import { AuthorizationRevokedError, CardExpiredError, CardSession } from '../../main/cards/cardSession';
import { todayIn, type Clock } from '../../main/clock';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { pic } from '../support/cli';
import { waitFor } from '../support/waitFor';

/**
 * The card layer on the real stack: Debian's pcscd with the vpcd driver, our virtual cards
 * connected to it over TCP, npm pcsclite on the other side. pcscd is started by the global setup.
 */

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[cards] real-stack card tests skipped: ${skipReason}`);

const OPERATOR_READER = 'Virtual PCD 00 00';
const PATIENT_READER = 'Virtual PCD 00 01';
const clock: Clock = { now: () => new Date('2026-11-23T09:00:00Z') };

describe.skipIf(skipReason)('smart cards on pcscd + vpcd', () => {
  let host: VirtualCardHost;
  let cards: CardReaderService;
  let session: CardSession;

  const ready = (reader: string) => cards.card(reader)?.status === 'ready';
  const insert = async (slot: number, image: string, pullAfterApdus?: number) => {
    await host.insert(slot, resolveCardImage(image), { pullAfterApdus });
  };

  beforeEach(async () => {
    host = new VirtualCardHost({ today: () => todayIn(clock) });
    cards = new CardReaderService(clock);
    session = new CardSession(cards, clock, () => null);
    cards.start();
    await waitFor(() => cards.watcher.serviceAvailable && cards.readerNames().length === 2, 'pcscd and both readers');
  });

  afterEach(async () => {
    await host.removeAll();
    // Let pcscd see the readers empty, so the next test's cards are new insertions to it.
    if (cards.watcher.serviceAvailable) await waitFor(() => cards.watcher.snapshot().every((r) => !r.present), 'empty readers');
    cards.stop();
  });

  it('reads a Tessera Sanitaria on insertion and forgets it on removal', async () => {
    await insert(1, 'ts-accented');
    await waitFor(() => ready(PATIENT_READER), 'the TS to be read');
    const identity = cards.card(PATIENT_READER)!.identity!;
    expect(identity.kind).toBe('patient');
    expect(identity.patient).toMatchObject({ surname: "DELL'ACQUA", givenName: 'NICOLÒ', codiceFiscale: 'DLLNCL90S03F205K' });
    expect(identity.apdus).toBeLessThanOrEqual(8);
    await host.remove(1);
    await waitFor(() => cards.card(PATIENT_READER) === null, 'the removal');
  });

  it('reads both cards at once, in two readers', async () => {
    await Promise.all([insert(0, 'operator-mmg'), insert(1, 'ts-long')]);
    await waitFor(() => ready(OPERATOR_READER) && ready(PATIENT_READER), 'both cards to be read');
    expect(cards.card(OPERATOR_READER)!.identity).toMatchObject({ kind: 'operator', operator: { codiceFiscale: 'BNCGLI75A41F205I' } });
    expect(cards.card(PATIENT_READER)!.identity!.patient!.codiceFiscale).toMatch(/^[A-Z0-9]{16}$/);
  });

  it('a card pulled mid-read gives CardRemovedError and no record', async () => {
    // The card answers two APDUs, then leaves the reader while the third is on its way.
    await insert(1, 'ts-long', 3);
    await waitFor(() => cards.card(PATIENT_READER) === null && host.state()[1]!.image === null, 'the card to leave');
    expect(cards.allCards()).toEqual([]);
  });

  it('a direct read of a card pulled mid-way rejects with CardRemovedError', async () => {
    // A bare watcher, so that nothing but this read talks to the card.
    cards.stop();
    const watcher = new PcscWatcher();
    watcher.start();
    try {
      await waitFor(() => watcher.snapshot().length === 2, 'the readers');
      await insert(1, 'ts-long', 2);
      await waitFor(() => watcher.snapshot().find((r) => r.name === PATIENT_READER)?.present === true, 'the card');
      const read = watcher.withCard(PATIENT_READER, (channel) => readPatientCard(channel.transmit));
      await expect(read).rejects.toBeInstanceOf(CardRemovedError);
      await waitFor(() => !watcher.snapshot().find((r) => r.name === PATIENT_READER)?.present, 'the removal');
    } finally {
      watcher.stop();
    }
  });

  it('logs in after a wrong PIN, and reports a blocked one', async () => {
    await insert(0, 'operator-mmg');
    await waitFor(() => ready(OPERATOR_READER), 'the operator card');
    const wrong = await session.login('00000000').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WrongPinError);
    expect((wrong as WrongPinError).triesLeft).toBe(2);
    expect(session.operator).toBeNull();
    const operator = await session.login('12345678');
    expect(operator).toMatchObject({ codiceFiscale: 'BNCGLI75A41F205I', name: 'Bianchi Giulia', reader: OPERATOR_READER });

    await host.remove(0);
    await waitFor(() => session.operator === null, 'the session to lock when the operator card leaves');
    await insert(0, 'operator-blocked');
    await waitFor(() => ready(OPERATOR_READER), 'the blocked card');
    await expect(session.login('87654321')).rejects.toBeInstanceOf(PinBlockedError);
  });

  it('authorizes only while both cards stay in, and revokes at once when either leaves', async () => {
    await insert(0, 'operator-mmg');
    await insert(1, 'ts-rossi-mario');
    await waitFor(() => ready(OPERATOR_READER) && ready(PATIENT_READER), 'both cards');
    expect(() => session.authorize()).toThrow(/operator/); // not logged in yet
    await session.login('12345678');
    const first = session.authorize();
    expect(first.valid).toBe(true);
    expect(first.evidence).toMatchObject({ operatorCodiceFiscale: 'BNCGLI75A41F205I', patientCardSerial: expect.any(String), patientAtr: expect.stringMatching(/^3B/) });

    await host.remove(1);
    await waitFor(() => !first.valid, 'the patient card removal to revoke');
    expect(() => first.assertValid()).toThrow(AuthorizationRevokedError);
    expect(session.state(() => null).authorization.available).toBe(false);

    await insert(1, 'ts-rossi-mario');
    await waitFor(() => ready(PATIENT_READER), 'the TS again');
    const second = session.authorize();
    await host.remove(0);
    await waitFor(() => !second.valid, 'the operator card removal to revoke');
    expect(() => second.assertValid()).toThrow(expect.objectContaining({ code: 'operator-card-missing' }));
    expect(session.operator).toBeNull();
  });

  it('an expired Tessera Sanitaria cannot authorize', async () => {
    await insert(0, 'operator-mmg');
    await insert(1, 'ts-expired');
    await waitFor(() => ready(OPERATOR_READER) && ready(PATIENT_READER), 'both cards');
    await session.login('12345678');
    expect(() => session.authorize()).toThrow(CardExpiredError);
    const state = session.state(() => null);
    expect(state.readers.find((r) => r.name === PATIENT_READER)!.card!.patient!.expired).toBe(true);
    expect(state.authorization).toEqual({ available: false, reason: expect.stringMatching(/scaduta/) });
  });

  it('survives pcscd stopping and coming back', async () => {
    await insert(1, 'ts-rossi-mario');
    await waitFor(() => ready(PATIENT_READER), 'the TS');
    await stopPcscd();
    await waitFor(() => !cards.watcher.serviceAvailable, 'the service to be seen as gone');
    expect(cards.readerNames()).toEqual([]);
    expect(cards.allCards()).toEqual([]);
    await host.removeAll();
    await startPcscd();
    await waitFor(() => cards.watcher.serviceAvailable && cards.readerNames().length === 2, 'the service to come back');
    await insert(1, 'ts-omocode');
    await waitFor(() => ready(PATIENT_READER), 'a TS read after the restart');
    expect(cards.card(PATIENT_READER)!.identity!.patient!.codiceFiscale).toMatch(/[LMNPQRSTUV]/);
  });
});

describe.skipIf(skipReason)('pic cards and pic virtual-card on pcscd + vpcd', () => {
  const controlPort = ['--control-port', '35979'];

  afterEach(() => {
    pic(['virtual-card', 'stop', ...controlPort]);
  });

  it('reports both cards, verifies PINs, and says which readers are empty', () => {
    expect(pic(['virtual-card', 'insert', '--slot', '0', '--card', 'operator-mmg', ...controlPort]).status).toBe(0);
    expect(pic(['virtual-card', 'insert', '--slot', '1', '--card', 'ts-omocode', ...controlPort]).status).toBe(0);
    const listed = pic(['cards', '--json']);
    expect(listed.status).toBe(0);
    const report = listed.json() as { service: string; readers: { name: string; card: null | Record<string, unknown> }[] };
    expect(report.service).toBe('ok');
    expect(report.readers.map((r) => r.name)).toEqual([OPERATOR_READER, PATIENT_READER]);
    expect(report.readers[0]!.card).toMatchObject({ kind: 'operator', atr: expect.stringMatching(/^3BFF/), operator: { codiceFiscale: 'BNCGLI75A41F205I', subject: expect.stringContaining('CN=') } });
    expect(report.readers[1]!.card).toMatchObject({
      kind: 'patient',
      patient: {
        codiceFiscale: expect.stringMatching(/^[A-Z0-9]{16}$/),
        surname: expect.any(String),
        givenName: expect.any(String),
        birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        sex: expect.stringMatching(/^[MF]$/),
        cardExpiry: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        issueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        cardSerial: expect.any(String),
        issuer: expect.any(String),
      },
    });

    const wrong = pic(['cards', 'verify-pin', '--reader', OPERATOR_READER, '--pin-stdin', '--json'], { input: '11112222\n' });
    expect(wrong.status).toBe(1);
    expect(wrong.json()).toEqual({ ok: false, error: 'wrong-pin', triesLeft: 2 });
    const right = pic(['cards', 'verify-pin', '--reader', OPERATOR_READER, '--pin-stdin', '--json'], { input: '12345678\n' });
    expect(right.status).toBe(0);
    expect(right.json()).toEqual({ ok: true });

    pic(['virtual-card', 'insert', '--slot', '0', '--card', 'operator-blocked', ...controlPort]);
    const blocked = pic(['cards', 'verify-pin', '--reader', OPERATOR_READER, '--pin-stdin', '--json'], { input: '87654321\n' });
    expect(blocked.status).toBe(1);
    expect(blocked.json()).toMatchObject({ ok: false, error: 'pin-blocked' });

    pic(['virtual-card', 'remove', '--slot', '1', ...controlPort]);
    const after = pic(['cards', '--json']).json() as typeof report;
    expect(after.readers[1]!.card).toBeNull();
  });
});
