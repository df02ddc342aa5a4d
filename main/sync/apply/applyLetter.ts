import { Letter } from '../../../shared/domain/letter';
import { CodiceFiscale } from '../../../shared/domain/patient';
import type { Store } from '../../store/store';
import type { LetterRecord } from '../mapping/records';
import { auditSync, changesBetween, isEmpty, parseRecord, skipped, unchanged, type Applied } from './applied';

const PulledLetter = Letter.extend({ codiceFiscale: CodiceFiscale });

/** An ATS letter of the patient, by type and tranche date: added, or its delivery and note updated. */
export function applyLetter(store: Store, record: LetterRecord): Applied {
  const { codiceFiscale, ...letter } = parseRecord('letter', PulledLetter, record);
  return store.transaction(() => {
    const patientId = store.patients.idByCodiceFiscale(codiceFiscale);
    if (patientId === null) return skipped('unknown-patient', null);
    const local = store.patients.letter(patientId, letter.type, letter.trancheDate);
    if (local === null) {
      const id = store.patients.addLetter(patientId, letter);
      auditSync(store, 'sync.letter.create', 'patient', patientId, { letterId: id, ...letter });
      return { outcome: 'created', patientId, entityId: id };
    }
    const delivery = { receivedAt: letter.receivedAt, note: letter.note };
    const changes = changesBetween({ receivedAt: local.receivedAt, note: local.note }, delivery);
    if (isEmpty(changes)) return unchanged(patientId, local.id);
    store.patients.updateLetter(local.id, delivery);
    auditSync(store, 'sync.letter.update', 'patient', patientId, { letterId: local.id, type: letter.type, trancheDate: letter.trancheDate, changes });
    return { outcome: 'updated', patientId, entityId: local.id };
  });
}
