import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { IsoDate } from '../../../shared/domain/dates';
import { EnrollmentState } from '../../../shared/domain/enrollment';
import { allows, LOCKED_HERE, newCandidate, transition, type EnrollmentEvent, type EnrollmentSnapshot } from '../../../shared/domain/enrollmentMachine';
import { CodiceFiscale } from '../../../shared/domain/patient';
import { todayIn, type Clock } from '../../clock';
import type { EnrollmentRow } from '../../store/enrollmentStore';
import type { Store } from '../../store/store';
import type { EnrollmentRecord } from '../mapping/records';
import { auditSync, changesBetween, parseRecord, skipped, unchanged, type Applied } from './applied';

const Snapshot = z.object({
  state: EnrollmentState,
  registeredOn: IsoDate.nullable(),
  deadline: IsoDate.nullable(),
  enrolledOn: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
  reason: z.string().max(500).nullable(),
  otherGestore: z.string().max(200).nullable(),
});

const PulledEnrollment = z.object({
  codiceFiscale: CodiceFiscale,
  programmeYear: z.number().int().min(2017).max(2100),
  gestore: z.object({ code: z.string().trim().min(1), name: z.string().trim().min(1) }),
  snapshot: Snapshot,
});
type PulledEnrollment = z.output<typeof PulledEnrollment>;

/** States in which an enrollment already names the Gestore holding the patient. */
const HELD_ELSEWHERE: readonly EnrollmentState[] = ['locked_elsewhere', 'transferred'];

/**
 * The patient's enrollment of the record's programme year. Our Gestore's record is a second
 * workstation's work: its snapshot replaces ours (the evidence of a registration made here stays).
 * Another Gestore's record that holds the patient locks him elsewhere, through the machine.
 */
export function applyEnrollment(store: Store, clock: Clock, record: EnrollmentRecord, ourGestoreCode: string): Applied {
  const r = parseRecord('enrollment', PulledEnrollment, record);
  return store.transaction(() => {
    const patientId = store.patients.idByCodiceFiscale(r.codiceFiscale);
    if (patientId === null) return skipped('unknown-patient', null);
    const local = store.enrollments.ofYear(patientId, r.programmeYear);
    if (r.gestore.code === ourGestoreCode) return takeSnapshot(store, patientId, local, r);
    // Another Gestore's registration that lapsed or ended leaves nothing of ours to change.
    if (!LOCKED_HERE.includes(r.snapshot.state)) return skipped('released-elsewhere', patientId, local?.id ?? null);
    return lockElsewhere(store, todayIn(clock), patientId, local, r);
  });
}

function takeSnapshot(store: Store, patientId: number, local: EnrollmentRow | null, r: PulledEnrollment): Applied {
  if (local === null) {
    const id = store.enrollments.insert(patientId, r.snapshot, r.programmeYear, { gestore: r.gestore.name });
    auditSync(store, 'sync.enrollment.create', 'patient', patientId, { enrollmentId: id, programmeYear: r.programmeYear, state: r.snapshot.state });
    return { outcome: 'created', patientId, entityId: id };
  }
  if (isDeepStrictEqual(local.snapshot, r.snapshot)) return unchanged(patientId, local.id);
  store.enrollments.update(local.id, r.snapshot);
  auditSync(store, 'sync.enrollment.update', 'patient', patientId, { enrollmentId: local.id, programmeYear: r.programmeYear, changes: changesBetween(local.snapshot, r.snapshot) });
  return { outcome: 'updated', patientId, entityId: local.id };
}

/**
 * A patient without an enrollment here counts as a candidate (the machine's own rule): he gets
 * one, locked elsewhere, so that the call list no longer offers him. One we enrolled has moved to
 * the other Gestore: that is a transfer. From a registration of ours the machine allows neither.
 */
function lockElsewhere(store: Store, today: string, patientId: number, local: EnrollmentRow | null, r: PulledEnrollment): Applied {
  const before: EnrollmentSnapshot = local?.snapshot ?? newCandidate();
  const other = r.gestore.name;
  if (local !== null && HELD_ELSEWHERE.includes(before.state) && before.otherGestore === other) return unchanged(patientId, local.id);
  const event: EnrollmentEvent | null = allows(before.state, 'lock-elsewhere')
    ? { type: 'lock-elsewhere', gestore: other }
    : allows(before.state, 'transfer')
      ? { type: 'transfer', gestore: other, reason: `In carico a ${other}` }
      : null;
  if (event === null) return skipped('lock-not-allowed', patientId, local?.id ?? null);
  const after = transition(before, event, today);
  const id = local === null ? store.enrollments.insert(patientId, after, r.programmeYear) : local.id;
  if (local !== null) store.enrollments.update(local.id, after);
  auditSync(store, `sync.enrollment.${event.type}`, 'patient', patientId, { enrollmentId: id, programmeYear: r.programmeYear, from: before.state, to: after.state, otherGestore: other });
  return { outcome: local === null ? 'created' : 'updated', patientId, entityId: id };
}
