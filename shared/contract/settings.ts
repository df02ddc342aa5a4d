import { z } from 'zod';
import { MMG_ONLY, STAFF } from '../domain/access';
import { NoInput } from './fields';

/** The studio's settings: who the Gestore and the MMG are, as the documents print them. */

export const StudioSettings = z.object({
  /** The cooperative or MMG acting as Gestore. */
  gestore: z.string().trim().min(1).max(120),
  mmg: z.string().trim().min(1).max(120),
  /** Printed on the documents: all four are required. */
  address: z.string().trim().min(1).max(200),
  phone: z.string().trim().min(1).max(40),
});
export type StudioSettings = z.infer<typeof StudioSettings>;

export const settingsCalls = {
  'settings.studio.get': { access: STAFF, input: NoInput, output: StudioSettings.nullable() },
  'settings.studio.set': { access: MMG_ONLY, input: StudioSettings, output: StudioSettings },
} as const;
