import { z } from 'zod';
import { MMG_ONLY } from '../domain/access';
import { NoInput } from './fields';

/** Copies of the whole archive to a folder the MMG chose, daily and on demand. */

export const BackupView = z.object({
  path: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  patients: z.number().int(),
  enrollments: z.number().int(),
  documents: z.number().int(),
});
export type BackupView = z.infer<typeof BackupView>;

export const backupCalls = {
  /** The chosen folder and the backups in it, newest first (each checked and opened). */
  'backup.list': { access: MMG_ONLY, input: NoInput, output: z.object({ folder: z.string().nullable(), backups: z.array(BackupView) }) },
  'backup.setFolder': { access: MMG_ONLY, input: z.object({ folder: z.string().trim().min(1).max(1000) }), output: z.object({ folder: z.string() }) },
  /** A backup now, verified; the rotation keeps 7 daily and 4 weekly ones. */
  'backup.run': { access: MMG_ONLY, input: NoInput, output: z.object({ backup: BackupView, removed: z.number().int() }) },
} as const;
