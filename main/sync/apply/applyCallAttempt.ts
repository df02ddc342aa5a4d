import { z } from 'zod';
import { CallOutcome } from '../../../shared/domain/callOutcome';
import { IsoDate } from '../../../shared/domain/dates';
import { CodiceFiscale } from '../../../shared/domain/patient';
import { ClockTime } from '../../../shared/domain/romeTime';
import type { Store } from '../../store/store';
import type { CallAttemptRecord } from '../mapping/records';
import { auditSync, changesBetween, isEmpty, parseRecord, skipped, StoredInstant, unchanged, type Applied } from './applied';

const PulledCallAttempt = z.object({
  codiceFiscale: CodiceFiscale,
  at: StoredInstant,
  outcome: CallOutcome,
  callbackAt: IsoDate.nullable(),
  appointmentTime: ClockTime.nullable(),
  note: z.string().max(1000).nullable(),
  operatorCf: z.string().max(80).nullable(),
});

/** A call to the patient made on another workstation, by its instant: recorded, or its outcome updated. */
export function applyCallAttempt(store: Store, record: CallAttemptRecord): Applied {
  const r = parseRecord('call-attempt', PulledCallAttempt, record);
  return store.transaction(() => {
    const patientId = store.patients.idByCodiceFiscale(r.codiceFiscale);
    if (patientId === null) return skipped('unknown-patient', null);
    const attempt = { outcome: r.outcome, date: r.callbackAt, time: r.appointmentTime, note: r.note, operatorCf: r.operatorCf };
    const local = store.calls.attemptAt(patientId, r.at);
    if (local === null) {
      const id = store.calls.recordAttempt({ patientId, at: r.at, ...attempt });
      auditSync(store, 'sync.call.create', 'patient', patientId, { callId: id, at: r.at, ...attempt });
      return { outcome: 'created', patientId, entityId: id };
    }
    const { id, at: _at, ...before } = local;
    const changes = changesBetween(before, attempt);
    if (isEmpty(changes)) return unchanged(patientId, id);
    store.calls.updateAttempt(id, attempt);
    auditSync(store, 'sync.call.update', 'patient', patientId, { callId: id, at: r.at, changes });
    return { outcome: 'updated', patientId, entityId: id };
  });
}
