import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { todayIn, type Clock } from '../../main/clock';
import { Core } from '../../main/core';
import { resolveCardImage, VirtualCardHost } from '../../native/virtual/cardHost';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

/**
 * The enrollment workflow over the real store and the real card stack (pcscd + vpcd + virtual
 * cards), with a clock the test moves.
 */

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[enrollment] real-stack tests skipped: ${skipReason}`);

const OPERATOR_SLOT = 0;
const PATIENT_SLOT = 1;
const ROSSI_CF = 'RSSMRA58D12G388C';
const ALL_YES = { trattamento: true, comunicazione: true, contatti: true };

class MovableClock implements Clock {
  private at = new Date('2026-11-23T09:00:00Z');
  now(): Date {
    return new Date(this.at);
  }
  advanceDays(days: number): void {
    this.at = new Date(this.at.getTime() + days * 86_400_000);
  }
}

describe.skipIf(skipReason)('enrollment on the real store and card stack', () => {
  let core: Core;
  let clock: MovableClock;
  let host: VirtualCardHost;

  const counts = () => ({
    enrollments: core.store.database.sqlite.prepare("SELECT count(*) FROM enrollments WHERE state != 'candidate'").pluck().get(),
    audit: core.store.database.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'enrollment.%'").pluck().get(),
    outbox: core.store.database.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get(),
  });
  const cardReady = (kind: 'patient' | 'operator') => () => core.cards.allCards().some((c) => c.status === 'ready' && c.identity?.kind === kind);

  const insert = (slot: number, image: string, pullAfterApdus?: number) => host.insert(slot, resolveCardImage(image), { pullAfterApdus });

  async function loginAndInsertTs(ts = 'ts-rossi-mario'): Promise<number> {
    await insert(OPERATOR_SLOT, 'operator-mmg');
    await insert(PATIENT_SLOT, ts);
    await waitFor(() => cardReady('operator')() && cardReady('patient')(), 'both cards');
    await core.session.login('12345678');
    return core.services.patients.createFromCard(core.session.requirePatientCard(), null).id;
  }

  beforeEach(async () => {
    clock = new MovableClock();
    host = new VirtualCardHost({ today: () => todayIn(clock) });
    core = new Core({ dataDir: tempDir(), clock });
    core.services.enrollment.setStudio({ gestore: 'Cooperativa MMG Pavia', mmg: 'Dott.ssa Giulia Bianchi', address: 'Via Roma 1, Pavia', phone: '0382 000000' }, null);
    core.start();
    await waitFor(() => core.cards.readerNames().length === 2, 'pcscd readers');
  });

  afterEach(async () => {
    await host.removeAll();
    await waitFor(() => core.cards.watcher.snapshot().every((r) => !r.present), 'empty readers');
    await core.close();
  });

  it('registers with both cards, recording evidence, audit entry and outbox item together', async () => {
    const patientId = await loginAndInsertTs();
    const e = await core.services.enrollment.register(patientId);
    expect(e).toMatchObject({ state: 'registered', registeredOn: '2026-11-23', deadline: '2026-11-30', codiceFiscale: ROSSI_CF });
    expect(e.evidence).toMatchObject({
      operatorCodiceFiscale: 'BNCGLI75A41F205I',
      patientCodiceFiscale: ROSSI_CF,
      patientCardSerial: expect.any(String),
      // ts-rossi-mario expires 1590 days after the day it goes in (the test clock's 2026-11-23).
      patientCardExpiry: '2031-04-01',
      operatorAtr: expect.stringMatching(/^3B/),
      patientAtr: expect.stringMatching(/^3B/),
    });
    const audit = core.store.audit.forEntity('patient', patientId).filter((a) => a.action === 'enrollment.register');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.operatorCf).toBe('BNCGLI75A41F205I');
    const outbox = core.store.database.sqlite.prepare('SELECT kind, entity_id, patient_id, status FROM outbox').all();
    expect(outbox).toEqual([{ kind: 'enrollment', entity_id: e.id, patient_id: patientId, status: 'pending' }]);
    // Registered means locked here: a second registration is refused.
    await expect(core.services.enrollment.register(patientId)).rejects.toMatchObject({ code: 'already-registered' });
  });

  it('a Tessera Sanitaria pulled during the registration leaves nothing written', async () => {
    await insert(OPERATOR_SLOT, 'operator-mmg');
    // The TS answers the reading at insertion (5 APDUs), then leaves at the registration's live check.
    await insert(PATIENT_SLOT, 'ts-rossi-mario', 6);
    await waitFor(() => cardReady('operator')() && cardReady('patient')(), 'both cards');
    await core.session.login('12345678');
    const patientId = core.services.patients.createFromCard(core.session.requirePatientCard(), null).id;
    const before = counts();
    await expect(core.services.enrollment.register(patientId)).rejects.toMatchObject({ code: 'card-removed' });
    expect(counts()).toEqual(before);
    expect(core.services.enrollment.get(patientId)).toBeNull();
  });

  it("refuses another patient's card and an expired card, writing nothing", async () => {
    const other = core.services.patients.create(
      { codiceFiscale: computeCodiceFiscale({ surname: 'Verdi', givenName: 'Anna', sex: 'F', birthDate: '1950-05-05', birthPlaceCode: 'G388' }), surname: 'Verdi', givenName: 'Anna', birthDate: '1950-05-05', sex: 'F', birthPlaceCode: null, phone: null, mobile: null, email: null, chronicLevel: 2 },
      null,
    );
    await loginAndInsertTs();
    await expect(core.services.enrollment.register(other.id)).rejects.toMatchObject({ code: 'card-mismatch' });
    await insert(PATIENT_SLOT, 'ts-expired');
    await waitFor(() => core.session.patientCard()?.identity.patient.cardExpiry === '2026-03-28', 'the expired TS (240 days before the day it goes in)');
    const expiredId = core.services.patients.createFromCard(core.session.requirePatientCard(), null).id;
    await expect(core.services.enrollment.register(expiredId)).rejects.toMatchObject({ code: 'card-expired' });
    expect(counts()).toEqual({ enrollments: 0, audit: 0, outbox: 0 });
  });

  it('refuses without the operator logged in, or without the TS', async () => {
    await insert(PATIENT_SLOT, 'ts-rossi-mario');
    await waitFor(cardReady('patient'), 'the TS');
    const patientId = core.services.patients.createFromCard(core.session.requirePatientCard(), null).id;
    await expect(core.services.enrollment.register(patientId)).rejects.toMatchObject({ code: 'operator-card-missing' });
    await insert(OPERATOR_SLOT, 'operator-mmg');
    await waitFor(cardReady('operator'), 'the operator card');
    await core.session.login('12345678');
    await host.remove(PATIENT_SLOT);
    await waitFor(() => !cardReady('patient')(), 'the TS to leave');
    await expect(core.services.enrollment.register(patientId)).rejects.toMatchObject({ code: 'patient-card-missing' });
  });

  it('lapses a registration not completed within a week, releasing the lock', async () => {
    const patientId = await loginAndInsertTs();
    const e = await core.services.enrollment.register(patientId);
    clock.advanceDays(6);
    expect(core.services.deadlines.get().registrations).toMatchObject([{ enrollmentId: e.id, when: 'tomorrow', date: '2026-11-30' }]);
    clock.advanceDays(1);
    expect(core.services.deadlines.get()).toMatchObject({ urgent: 1, registrations: [{ when: 'today' }] });
    clock.advanceDays(1);
    const d = core.services.deadlines.get();
    expect(d.registrations).toEqual([]);
    expect(d.lapsed).toMatchObject([{ enrollmentId: e.id, state: 'lapsed' }]);
    expect(core.services.enrollment.get(patientId)!.state).toBe('lapsed');
    await expect(core.services.enrollment.sign(e.id, { patto: true, privacy: true, privacyChoices: ALL_YES })).rejects.toMatchObject({ code: 'transition-not-allowed' });
    expect(core.store.audit.forEntity('patient', patientId).map((a) => a.action)).toContain('enrollment.lapse');
    // The lock is released: the patient can be registered again, with a new deadline.
    const again = await core.services.enrollment.register(patientId);
    expect(again).toMatchObject({ state: 'registered', deadline: addDays('2026-12-01', 7) });
  });

  it('completes with both signatures, prints both documents, then comes up for renewal', async () => {
    const patientId = await loginAndInsertTs();
    const e = await core.services.enrollment.register(patientId);
    const patto = await core.services.enrollment.document(e.id, 'patto_di_cura');
    expect(Buffer.from(patto.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(patto.hash).toMatch(/^[0-9a-f]{64}$/);
    const half = await core.services.enrollment.sign(e.id, { patto: true, privacy: false });
    expect(half.state).toBe('registered');
    clock.advanceDays(3);
    const done = await core.services.enrollment.sign(e.id, { patto: false, privacy: true, privacyChoices: ALL_YES });
    // The year runs from the registration (23 November), the date the Patto di Cura prints.
    expect(done).toMatchObject({ state: 'enrolled', enrolledOn: '2026-11-26', periodEnd: '2027-11-22' });
    expect(done.consents.every((c) => c.signedAt && c.documentHash && c.signedBy === 'BNCGLI75A41F205I')).toBe(true);
    const actions = core.store.audit.forEntity('patient', patientId).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['enrollment.register', 'document.generate', 'enrollment.sign', 'enrollment.enrolled']));
    // Not sent yet: the registration's item gave way to the enrollment's last state, then the two consents.
    const outboxKinds = core.store.database.sqlite.prepare('SELECT kind FROM outbox ORDER BY id').pluck().all();
    expect(outboxKinds).toEqual(['enrollment', 'consent', 'consent']);

    clock.advanceDays(330); // 2027-10-22: not yet 30 days before the period's end
    expect(core.services.enrollment.get(patientId)!.state).toBe('enrolled');
    clock.advanceDays(5); // 2027-10-27: within 30 days
    expect(core.services.deadlines.get().renewals).toMatchObject([{ enrollmentId: e.id, date: '2027-11-22' }]);
    expect(core.services.enrollment.renew(e.id)).toMatchObject({ state: 'renewed', periodEnd: '2028-11-22' });
  });
});
