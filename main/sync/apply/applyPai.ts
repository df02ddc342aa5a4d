import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { Pai } from '../../../shared/domain/pai/model';
import { paiSchedule } from '../../../shared/domain/pai/schedule';
import { CodiceFiscale } from '../../../shared/domain/patient';
import type { Clock } from '../../clock';
import type { Store } from '../../store/store';
import type { PaiRecord } from '../mapping/records';
import { auditSync, changesBetween, parseRecord, skipped, unchanged, type Applied } from './applied';

/** The record's patientId is another workstation's row id: the patient is the codice fiscale's. */
const PulledPai = z.object({ codiceFiscale: CodiceFiscale, pai: Pai.omit({ patientId: true }) });

/**
 * One version of a patient's PAI of a year, written whole. An active version writes the plan's
 * occurrences, as the activation does here; a superseded, expired or cancelled one only changes
 * its status (the occurrences of a year are those of its last activated version).
 */
export function applyPai(store: Store, clock: Clock, record: PaiRecord): Applied {
  const r = parseRecord('pai', PulledPai, record);
  return store.transaction(() => {
    const patientId = store.patients.idByCodiceFiscale(r.codiceFiscale);
    if (patientId === null) return skipped('unknown-patient', null);
    const pai: Pai = { patientId, ...r.pai };
    const local = store.pais.version(patientId, pai.year, pai.version);
    if (local !== null && isDeepStrictEqual(local.pai, pai)) return unchanged(patientId, local.id);
    const id = local?.id ?? store.pais.insert(pai, store.enrollments.current(patientId)?.id ?? null);
    if (local !== null) store.pais.save(local.id, pai, clock.now().toISOString());
    const occurrences = pai.status === 'active' ? paiSchedule(pai) : null;
    if (occurrences !== null) store.pais.replaceYearOccurrences(id, patientId, pai.year, occurrences);
    auditSync(store, local === null ? 'sync.pai.create' : 'sync.pai.update', 'pai', id, {
      year: pai.year,
      version: pai.version,
      status: pai.status,
      ...(local !== null && { previousStatus: local.pai.status, changed: Object.keys(changesBetween(local.pai, pai)) }),
      ...(occurrences !== null && { occurrences: occurrences.length }),
    });
    return { outcome: local === null ? 'created' : 'updated', patientId, entityId: id };
  });
}
