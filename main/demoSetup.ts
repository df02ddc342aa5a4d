import type { StudioSettings } from '../shared/contract/settings';
import { computeCodiceFiscale } from '../shared/domain/codiceFiscale';
import type { OperatorRole } from '../shared/domain/operator';
import { systemOperator } from './api/access';
import type { Core } from './core';
import { DEFAULT_DEMO_SEED } from './services/demoSeedService';

/** Patients a ready demo starts with: a studio's chronic list, a little larger than one MMG's. */
export const DEMO_PATIENTS = 1000;

/** The studio of the demo: its MMG is the doctor of the demo operator card (operator-mmg). */
export const DEMO_STUDIO: StudioSettings = {
  gestore: 'Cooperativa MMG dimostrativa',
  mmg: 'Dott.ssa Giulia Bianchi',
  address: 'Via Roma 1, 27100 Pavia',
  phone: '0382 000000',
};

/** The people of the demo operator cards (native/virtual/images), registered with their roles. */
export const DEMO_OPERATORS: { codiceFiscale: string; name: string; role: OperatorRole }[] = [
  { codiceFiscale: computeCodiceFiscale({ surname: 'BIANCHI', givenName: 'GIULIA', sex: 'F', birthDate: '1975-01-01', birthPlaceCode: 'F205' }), name: 'BIANCHI GIULIA', role: 'mmg' },
  { codiceFiscale: computeCodiceFiscale({ surname: 'VERDI', givenName: 'PAOLA', sex: 'F', birthDate: '1988-10-21', birthPlaceCode: 'G388' }), name: 'VERDI PAOLA', role: 'segretaria' },
  { codiceFiscale: computeCodiceFiscale({ surname: 'NERI', givenName: 'ALBERTO', sex: 'M', birthDate: '1960-12-08', birthPlaceCode: 'G388' }), name: 'NERI ALBERTO', role: 'mmg' },
];

export interface PreparedDemo {
  dataDir: string;
  /** Patients created now (none when the folder already had some). */
  created: number;
  patients: number;
  today: string;
}

/** A demo folder ready to show: fake patients (only if it has none yet), the studio's data and its operators. */
export function prepareDemo(core: Core, options: { patients?: number; seed?: number } = {}): PreparedDemo {
  const patients = options.patients ?? DEMO_PATIENTS;
  const empty = core.services.patients.count() === 0;
  const seeded = empty && patients > 0 ? core.services.demoSeed.seed(patients, options.seed ?? DEFAULT_DEMO_SEED) : { created: 0 };
  const preparer = systemOperator().codiceFiscale;
  if (!core.services.enrollment.studio()) core.services.enrollment.setStudio(DEMO_STUDIO, preparer);
  if (core.services.operators.list().length === 0) {
    for (const operator of DEMO_OPERATORS) core.services.operators.add(operator, preparer);
  }
  return { dataDir: core.dataDir, created: seeded.created, patients: core.services.patients.count(), today: core.today() };
}
