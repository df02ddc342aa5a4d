import { z } from 'zod';
import { MMG_ONLY } from '../domain/access';
import { NoInput } from './fields';

/** Copies of the whole archive to a folder the MMG chose, daily and on demand, and putting one back. */

/** Why a backup cannot be restored (damaged, its key not on this PC, a newer version's), in Italian. */
export const BackupProblem = z.object({ code: z.string(), message: z.string() });
export type BackupProblem = z.infer<typeof BackupProblem>;

export const BackupView = z.object({
  /** How the page names a backup to the core: its folder's name in the chosen folder, never a path. */
  name: z.string(),
  path: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  patients: z.number().int(),
  enrollments: z.number().int(),
  documents: z.number().int(),
  /** Null when it is whole and opens with its key. */
  problem: BackupProblem.nullable(),
});
export type BackupView = z.infer<typeof BackupView>;

/** A backup's folder name as the list gives it: a name, never a path. */
export const BackupName = z
  .string()
  .max(100)
  .regex(/^pic-backup-[0-9A-Za-z-]+$/, 'Copia di sicurezza non riconosciuta: sceglierla dall\'elenco.');

const Counts = z.object({ patients: z.number().int(), enrollments: z.number().int(), documents: z.number().int() });

/** What a backup holds, checked again now, and what restoring it would replace. */
export const BackupContents = BackupView.extend({
  /** The PiC Studio that took it (null for backups of the first versions, which did not say). */
  appVersion: z.string().nullable(),
  sizeBytes: z.number().int(),
  /** Taken of the archive open now (same key), not of another one (an earlier archive, the old PC's). */
  keyMatches: z.boolean(),
  /** The archive open now, which a restore would put aside in backups/replaced-…. */
  current: Counts,
});
export type BackupContents = z.infer<typeof BackupContents>;

export const backupCalls = {
  /** The chosen folder and the backups in it, newest first, each checked (those that would not restore say why). */
  'backup.list': { access: MMG_ONLY, input: NoInput, output: z.object({ folder: z.string().nullable(), backups: z.array(BackupView) }) },
  'backup.setFolder': { access: MMG_ONLY, input: z.object({ folder: z.string().trim().min(1).max(1000) }), output: z.object({ folder: z.string() }) },
  /** A backup now, verified; the rotation keeps 7 daily and 4 weekly ones. */
  'backup.run': { access: MMG_ONLY, input: NoInput, output: z.object({ backup: BackupView, removed: z.number().int() }) },
  /** One backup of the chosen folder, by name: what it holds, checked whole, before anything is replaced. */
  'backup.inspect': { access: MMG_ONLY, input: z.object({ name: BackupName }), output: BackupContents },
  /**
   * Puts that backup in place of the archive (the replaced data kept in the data folder's
   * backups/replaced-…); the session ends, and `backup.restored` tells every window.
   */
  'backup.restore': {
    access: MMG_ONLY,
    input: z.object({ name: BackupName, confirm: z.literal(true, 'Confermare la sostituzione dei dati attuali con quelli della copia.') }),
    output: z.object({ backup: BackupView, replaced: z.string().nullable() }),
  },
} as const;

export const backupEvents = {
  /** The archive was replaced by a backup: what is on screen is of the old one, and the operator logs in again. */
  'backup.restored': Counts.extend({ createdAt: z.string(), replaced: z.string().nullable() }),
} as const;
