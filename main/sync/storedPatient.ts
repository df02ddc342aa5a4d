import type { Store } from '../store/store';
import type { PatientRecord } from './mapping/records';

/** The stored patient as the sync's record: what is sent, and what a pulled copy is compared with. */
export function storedPatientRecord(store: Store, patientId: number): PatientRecord {
  const p = store.patients.get(patientId);
  return {
    codiceFiscale: p.codiceFiscale,
    surname: p.surname,
    givenName: p.givenName,
    birthDate: p.birthDate,
    sex: p.sex,
    birthPlaceCode: p.birthPlaceCode,
    phone: p.phone,
    mobile: p.mobile,
    email: p.email,
    chronicLevel: p.chronicLevel,
    pathologies: p.pathologies.map((d) => ({ code: d.code, confirmed: d.confirmed })),
  };
}
