import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { tempDir } from '../../test/support/tempDir';
import { AuthorizationRevokedError, type CardSession, type EnrollmentAuthorization } from '../cards/cardSession';
import { EventHub } from '../events';
import { Store } from '../store/store';
import { DocumentService } from './documentService';
import { EnrollmentService } from './enrollmentService';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const CF = computeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1958-04-12', birthPlaceCode: 'G388' });

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

/** An authorization whose card "leaves" at its n-th validity check (1 = at the first). */
function authorizationFailingAt(n: number): EnrollmentAuthorization {
  let checks = 0;
  return {
    patient: { codiceFiscale: CF },
    evidence: { operatorCodiceFiscale: 'BNCGLI75A41F205I', operatorAtr: '3B', patientCodiceFiscale: CF, patientCardSerial: 'S', patientCardExpiry: '2031-03-31', patientAtr: '3B', issuedAt: clock.now().toISOString() },
    operatorReader: 'A',
    patientReader: 'B',
    assertValid() {
      checks++;
      if (checks >= n) throw new AuthorizationRevokedError('patient-card-missing');
    },
  } as unknown as EnrollmentAuthorization;
}

function serviceWith(authorization: EnrollmentAuthorization) {
  const dir = tempDir();
  store = Store.open(dir, clock);
  store.patients.insertNew([{ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', birthDate: '1958-04-12', sex: 'M', birthPlaceCode: 'G388', phone: null, mobile: null, email: null, chronicLevel: 2, letters: [], pathologies: [] }]);
  const session = {
    operator: null,
    authorize: () => authorization,
    confirmCardsPresent: async () => undefined,
    release: () => undefined,
  } as unknown as CardSession;
  const service = new EnrollmentService(store, session, new DocumentService(dir, store.database.key), new EventHub(), clock);
  service.setStudio({ gestore: 'Cooperativa', mmg: 'Dott.ssa Bianchi', address: 'Via Roma 1, Pavia', phone: '0382 000000' }, null);
  return { service, patientId: store.patients.idByCodiceFiscale(CF)!, s: store, dir };
}

const written = (s: Store) => ({
  enrollments: s.database.sqlite.prepare('SELECT count(*) FROM enrollments').pluck().get(),
  registerAudit: s.database.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'enrollment.register'").pluck().get(),
  outbox: s.database.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get(),
});

describe('registration inside its transaction', () => {
  it('writes enrollment, audit entry and outbox item together when the cards stay in', async () => {
    const { service, patientId, s } = serviceWith(authorizationFailingAt(Infinity));
    await service.register(patientId);
    expect(written(s)).toEqual({ enrollments: 1, registerAudit: 1, outbox: 1 });
  });

  it('a card gone at the start of the transaction writes nothing', async () => {
    const { service, patientId, s } = serviceWith(authorizationFailingAt(1));
    await expect(service.register(patientId)).rejects.toBeInstanceOf(AuthorizationRevokedError);
    expect(written(s)).toEqual({ enrollments: 0, registerAudit: 0, outbox: 0 });
  });

  it('a card gone after the writes, just before the commit, undoes them all', async () => {
    const { service, patientId, s } = serviceWith(authorizationFailingAt(2));
    await expect(service.register(patientId)).rejects.toMatchObject({ code: 'patient-card-missing' });
    expect(written(s)).toEqual({ enrollments: 0, registerAudit: 0, outbox: 0 });
  });
});

describe('documents: generated, printed when confirmed, signed with the privacy answers, scans attached', () => {
  const YES_YES_NO = { trattamento: true, comunicazione: true, contatti: false };
  const PDF = new TextEncoder().encode('%PDF-1.4\nscansione firmata\n%%EOF');

  async function registered() {
    const ctx = serviceWith(authorizationFailingAt(Infinity));
    const e = await ctx.service.register(ctx.patientId);
    return { ...ctx, id: e.id, consent: (kind: string) => ctx.service.get(ctx.patientId)!.consents.find((c) => c.kind === kind)! };
  }
  const actions = (s: Store, patientId: number) => s.audit.forEntity('patient', patientId).map((a) => a.action);

  it('records a document as printed only when the user confirms the print', async () => {
    const { service, s, patientId, id, consent } = await registered();
    await expect(() => service.printed(id, 'patto_di_cura')).toThrow(expect.objectContaining({ code: 'document-not-generated' }));
    const doc = await service.document(id, 'patto_di_cura');
    expect(doc.copy).toBe(false);
    expect(consent('patto_di_cura')).toMatchObject({ documentHash: doc.hash, printedAt: null });
    service.printed(id, 'patto_di_cura');
    expect(consent('patto_di_cura')).toMatchObject({ documentHash: doc.hash, printedAt: clock.now().toISOString() });
    expect(actions(s, patientId)).toEqual(expect.arrayContaining(['document.generate', 'document.print']));
  });

  it('asks for the three privacy answers, and refuses to enroll without consent to processing and communication', async () => {
    const { service, id, consent } = await registered();
    await expect(service.sign(id, { patto: false, privacy: true })).rejects.toMatchObject({ code: 'privacy-choices-missing' });
    await expect(service.sign(id, { patto: true, privacy: true, privacyChoices: { ...YES_YES_NO, comunicazione: false } })).rejects.toMatchObject({
      code: 'privacy-consent-refused',
      userMessage: expect.stringContaining('non può essere attivata'),
    });
    // Nothing was half-written by the refused attempts.
    expect(consent('patto_di_cura').signedAt).toBeNull();
    expect(consent('privacy')).toMatchObject({ signedAt: null, choices: null });
    const done = await service.sign(id, { patto: true, privacy: true, privacyChoices: YES_YES_NO });
    expect(done.state).toBe('enrolled');
    expect(consent('privacy').choices).toEqual(YES_YES_NO);
    expect(consent('patto_di_cura').choices).toBeNull();
  });

  it('prints a signed privacy form again as a copy with its answers, keeping the signed hash', async () => {
    const { service, id, consent } = await registered();
    const signedForm = await service.document(id, 'privacy');
    await service.sign(id, { patto: true, privacy: true, privacyChoices: YES_YES_NO });
    const copy = await service.document(id, 'privacy');
    expect(copy).toMatchObject({ copy: true, fileName: expect.stringMatching(/-risposte\.pdf$/) });
    expect(copy.hash).not.toBe(signedForm.hash);
    expect(consent('privacy').documentHash).toBe(signedForm.hash);
  });

  it('attaches a scan of a signed copy, checks what the file is, and keeps file and record together', async () => {
    const { service, s, dir, id, consent } = await registered();
    expect(() => service.attachScan(id, 'privacy', 'firmato.pdf', PDF)).toThrow(expect.objectContaining({ code: 'consent-not-signed' }));
    await service.sign(id, { patto: true, privacy: true, privacyChoices: YES_YES_NO });
    expect(() => service.attachScan(id, 'privacy', 'lettera.docx', new TextEncoder().encode('PK\u0003\u0004'))).toThrow(expect.objectContaining({ code: 'scan-unknown-format' }));
    service.attachScan(id, 'privacy', 'firmato.pdf', PDF);
    const [scan] = consent('privacy').scans;
    expect(scan).toMatchObject({ fileName: 'firmato.pdf', mediaType: 'application/pdf', bytes: PDF.length });
    expect(Buffer.from(service.scan(scan!.id).base64, 'base64').equals(Buffer.from(PDF))).toBe(true);

    // A record that cannot be written leaves no file behind.
    s.database.sqlite.exec("CREATE TRIGGER no_scans BEFORE INSERT ON consent_scans BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const photo = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(() => service.attachScan(id, 'patto_di_cura', 'foto.jpg', photo)).toThrow('disk full');
    expect(consent('patto_di_cura').scans).toEqual([]);
    const scansDir = path.join(dir, 'documents', String(id), 'scans');
    expect(fs.readdirSync(scansDir).filter((f) => f.endsWith('.jpg'))).toEqual([]);
  });
});
