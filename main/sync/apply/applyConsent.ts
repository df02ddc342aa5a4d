import { z } from 'zod';
import { ConsentKind } from '../../../shared/domain/enrollment';
import { CodiceFiscale } from '../../../shared/domain/patient';
import type { Store } from '../../store/store';
import type { ConsentRecord } from '../mapping/records';
import { auditSync, changesBetween, isEmpty, parseRecord, skipped, StoredInstant, unchanged, type Applied } from './applied';

const PulledConsent = z.object({
  codiceFiscale: CodiceFiscale,
  programmeYear: z.number().int().min(2017).max(2100),
  kind: ConsentKind,
  signedAt: StoredInstant,
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'impronta SHA-256 non valida' }).nullable(),
});

/** A signed consent of the patient's enrollment of that programme year, by kind. */
export function applyConsent(store: Store, record: ConsentRecord): Applied {
  const r = parseRecord('consent', PulledConsent, record);
  return store.transaction(() => {
    const patientId = store.patients.idByCodiceFiscale(r.codiceFiscale);
    if (patientId === null) return skipped('unknown-patient', null);
    const enrollment = store.enrollments.ofYear(patientId, r.programmeYear);
    if (enrollment === null) return skipped('unknown-enrollment', patientId);
    const signature = { signedAt: r.signedAt, documentHash: r.documentHash };
    const local = store.enrollments.signature(enrollment.id, r.kind);
    const changes = changesBetween({ signedAt: local?.signedAt ?? null, documentHash: local?.documentHash ?? null }, signature);
    if (local !== null && isEmpty(changes)) return unchanged(patientId, local.id);
    const id = store.enrollments.recordSignature(enrollment.id, r.kind, signature);
    auditSync(store, 'sync.consent', 'patient', patientId, { enrollmentId: enrollment.id, kind: r.kind, changes });
    return { outcome: local === null ? 'created' : 'updated', patientId, entityId: id };
  });
}
