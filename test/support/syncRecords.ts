import type { MappingContext } from '../../main/sync/mapping/common';
import type { PatientRecord, ProviderRecord, StudioRecord } from '../../main/sync/mapping/records';
import { DEFAULT_SYSTEMS } from '../../main/sync/systems';
import { MMG_CF } from './paiFixtures';

/** Records as the sync reads them, for the FHIR mapping's tests: a Pavia studio of the CMMC network. */

export const PATIENT_CF = 'VRDGPP50A01F205R';

export const studio: StudioRecord = {
  gestore: { code: 'CMMC', name: 'Cooperativa Medici Milano Centro' },
  mmg: { codiceFiscale: MMG_CF, name: 'Dott. Mario Rossi' },
  address: 'Via Roma 12, 27100 Pavia',
  phone: '0382 123456',
};

export const ctx: MappingContext = { systems: DEFAULT_SYSTEMS, studio };

export function aPatient(overrides: Partial<PatientRecord> = {}): PatientRecord {
  return {
    codiceFiscale: PATIENT_CF,
    surname: 'Verdi',
    givenName: 'Giuseppe',
    birthDate: '1950-01-01',
    sex: 'M',
    birthPlaceCode: 'F205',
    phone: '0382 654321',
    mobile: '333 1234567',
    email: 'giuseppe.verdi@example.it',
    chronicLevel: 2,
    pathologies: [
      { code: 50, confirmed: true, role: 1 },
      { code: 56, confirmed: true, role: 2 },
      { code: 29, confirmed: false },
    ],
    ...overrides,
  };
}

export const provider: ProviderRecord = {
  code: 'asst-pavia',
  name: 'ASST DI PAVIA',
  address: 'Viale Repubblica 34, 27100 Pavia',
  phone: '0382 1234',
};
