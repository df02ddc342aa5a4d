import { z } from 'zod';
import { isRegionalPathologyCode } from '../../../shared/domain/pathology';
import { NewPatient } from '../../../shared/domain/patient';
import type { PathologyRowFields } from '../../store/patientWrites';
import { storedPatientRecord } from '../storedPatient';
import type { Store } from '../../store/store';
import type { PatientRecord } from '../mapping/records';
import { auditSync, changesBetween, isEmpty, parseRecord, unchanged, type Applied } from './applied';

const PulledPatient = NewPatient.extend({
  pathologies: z.array(z.object({ code: z.number().int().refine(isRegionalPathologyCode, { error: 'patologia fuori dall\'elenco regionale' }), confirmed: z.boolean() })),
});


/**
 * The record does not say where a pathology came from: a confirmed one is the MMG's decision,
 * an unconfirmed one a suggestion of the ATS list's kind, waiting for him.
 */
const asRow = (p: { code: number; confirmed: boolean }): PathologyRowFields => ({ code: p.code, confirmed: p.confirmed, source: p.confirmed ? 'mmg' : 'ats', icd9: null });

/** A patient by codice fiscale: created (of no import run) or his demographics and pathologies updated. */
export function applyPatient(store: Store, record: PatientRecord): Applied {
  const { pathologies, ...demographics } = parseRecord('patient', PulledPatient, record);
  const wanted = pathologies.map(asRow);
  return store.transaction(() => {
    const created = store.patients.insert({ ...demographics, preferredCallTime: null });
    if (created !== null) {
      store.patients.replacePathologies(created, wanted);
      auditSync(store, 'sync.patient.create', 'patient', created, { codiceFiscale: demographics.codiceFiscale, pathologies: wanted.map((p) => p.code) });
      return { outcome: 'created', patientId: created, entityId: created };
    }
    const id = store.patients.idByCodiceFiscale(demographics.codiceFiscale)!;
    const { pathologies: _stored, ...stored } = storedPatientRecord(store, id);
    const changes = changesBetween(stored, demographics);
    if (!isEmpty(changes)) store.patients.update(id, demographics);
    const pathologyChanges = store.patients.replacePathologies(id, wanted);
    const pathologiesChanged = Object.values(pathologyChanges).some((codes) => codes.length > 0);
    if (isEmpty(changes) && !pathologiesChanged) return unchanged(id, id);
    auditSync(store, 'sync.patient.update', 'patient', id, { changes, ...(pathologiesChanged && { pathologies: pathologyChanges }) });
    return { outcome: 'updated', patientId: id, entityId: id };
  });
}
