import { z } from 'zod';
import { PUBLIC } from '../domain/access';
import { IsoDate } from '../domain/dates';
import { NoInput } from './fields';

/** The app itself: what is installed where, the studio's day, the first-run checklist. */

/** clinic: the studio's real archive; demo: fake patients and virtual cards, never a clinic's data. */
export const DataDirMode = z.enum(['clinic', 'demo']);
export type DataDirMode = z.infer<typeof DataDirMode>;

export const AppInfo = z.object({
  name: z.string(),
  mode: DataDirMode,
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  patientCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** What a new studio does once: its data, a first import, two card readers, the operators. */
export const SetupChecklist = z.object({
  studio: z.boolean(),
  imported: z.boolean(),
  readers: z.boolean(),
  operators: z.boolean(),
  done: z.boolean(),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;

export const appCalls = {
  'app.info': { access: PUBLIC, input: NoInput, output: AppInfo },
  /** The studio's day (Europe/Rome) by the core's clock: the UI never reads the time itself. */
  'clock.get': { access: PUBLIC, input: NoInput, output: z.object({ today: IsoDate }) },
  'setup.checklist': { access: PUBLIC, input: NoInput, output: SetupChecklist },
} as const;

export const appEvents = {
  /** Progress of long work (seeding, later imports); `total` may grow while it runs. */
  'task.progress': z.object({
    task: z.string(),
    label: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    finished: z.boolean(),
  }),
  /** Midnight in Rome by the core's clock: the studio's new day. */
  'clock.dayChanged': z.object({ today: IsoDate }),
} as const;
