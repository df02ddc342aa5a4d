import type { StudioSettings } from '../shared/contract/settings';
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

export interface PreparedDemo {
  dataDir: string;
  /** Patients created now (none when the folder already had some). */
  created: number;
  patients: number;
  today: string;
}

/** A demo folder ready to show: fake patients (only if it has none yet) and the studio's data. */
export function prepareDemo(core: Core, options: { patients?: number; seed?: number } = {}): PreparedDemo {
  const patients = options.patients ?? DEMO_PATIENTS;
  const empty = core.services.patients.count() === 0;
  const seeded = empty && patients > 0 ? core.services.demoSeed.seed(patients, options.seed ?? DEFAULT_DEMO_SEED) : { created: 0 };
  if (!core.services.enrollment.studio()) core.services.enrollment.setStudio(DEMO_STUDIO);
  return { dataDir: core.dataDir, created: seeded.created, patients: core.services.patients.count(), today: core.today() };
}
