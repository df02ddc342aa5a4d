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
  const service = new EnrollmentService(store, session, new DocumentService(dir), new EventHub(), clock);
  service.setStudio({ gestore: 'Cooperativa', mmg: 'Dott.ssa Bianchi', address: 'Via Roma 1, Pavia', phone: '0382 000000' });
  return { service, patientId: store.patients.idByCodiceFiscale(CF)!, s: store };
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
