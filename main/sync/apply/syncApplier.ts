import type { Clock } from '../../clock';
import { createLogger } from '../../log';
import type { Store } from '../../store/store';
import type { BookingRecord, CallAttemptRecord, ConsentRecord, EnrollmentRecord, LetterRecord, PaiRecord, PatientRecord } from '../mapping/records';
import type { Applied, RecordKind } from './applied';
import { applyBooking } from './applyBooking';
import { applyCallAttempt } from './applyCallAttempt';
import { applyConsent } from './applyConsent';
import { applyEnrollment } from './applyEnrollment';
import { applyLetter } from './applyLetter';
import { applyPai } from './applyPai';
import { applyPatient } from './applyPatient';

const log = createLogger('sync-apply');

/**
 * The local writes of what the sync pulled from the Centro Servizi. Each record is applied in
 * one transaction with its audit entry (operator `sync:centro-servizi`) and never enqueues an
 * outbox item (Outbox.fromServer): what came from the server does not go back. Applying a record again changes
 * nothing. Patients first: the other kinds skip a patient not here yet ('unknown-patient').
 * Throws SyncRecordInvalidError for a record no write can take.
 */
export class SyncApplier {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  applyPatient(r: PatientRecord): Applied {
    return logged('patient', this.store.outbox.fromServer(() => applyPatient(this.store, r)));
  }

  /** `ourGestoreCode`: the studio's Gestore; another one's record holding the patient locks him elsewhere. */
  applyEnrollment(r: EnrollmentRecord, ourGestoreCode: string): Applied {
    return logged('enrollment', this.store.outbox.fromServer(() => applyEnrollment(this.store, this.clock, r, ourGestoreCode)));
  }

  applyConsent(r: ConsentRecord): Applied {
    return logged('consent', this.store.outbox.fromServer(() => applyConsent(this.store, r)));
  }

  /** The record's pai.patientId is ignored: the patient is the codice fiscale's. */
  applyPai(r: PaiRecord): Applied {
    return logged('pai', this.store.outbox.fromServer(() => applyPai(this.store, this.clock, r)));
  }

  applyBooking(r: BookingRecord): Applied {
    return logged('booking', this.store.outbox.fromServer(() => applyBooking(this.store, this.clock, r)));
  }

  applyLetter(r: LetterRecord): Applied {
    return logged('letter', this.store.outbox.fromServer(() => applyLetter(this.store, r)));
  }

  applyCallAttempt(r: CallAttemptRecord): Applied {
    return logged('call-attempt', this.store.outbox.fromServer(() => applyCallAttempt(this.store, r)));
  }
}

function logged(kind: RecordKind, applied: Applied): Applied {
  if (applied.outcome === 'skipped') log.info('pulled record skipped', { kind, reason: applied.reason, patientId: applied.patientId, entityId: applied.entityId });
  return applied;
}
