import { z } from 'zod';
import { MMG_ONLY } from '../domain/access';
import { BackupName } from './backup';
import { FileHandle } from './import';

/**
 * The recovery key: the archive's key, saved by the MMG apart from the backups (without it no
 * backup can be read), and loaded on a new PC for a backup whose key is not there.
 */

export const RecoveryKey = z.object({
  /** The key's id: the backups name it, and its file is `<id>.key` in the key folder. */
  keyId: z.string(),
  fileName: z.string(),
  /** The key file's text: 64 hexadecimal digits and a line break, what the key folder holds. */
  text: z.string(),
});
export type RecoveryKey = z.infer<typeof RecoveryKey>;

/** Where the desktop app's save dialog put the key file. */
export const SavedRecoveryKey = z.object({ keyId: z.string(), path: z.string() });
export type SavedRecoveryKey = z.infer<typeof SavedRecoveryKey>;

/** Who may take the key out of the core: the page's calls, the desktop app's save dialog. */
export const KEY_EXPORT_ACCESS = MMG_ONLY;

export const keyCalls = {
  /**
   * The archive's key, to download as its key file (browser mode; the desktop app saves it with
   * its own dialog) or to show for writing on paper; the audit log records each time and by whom.
   */
  'keys.export': { access: KEY_EXPORT_ACCESS, input: z.object({ as: z.enum(['download', 'paper']) }), output: RecoveryKey },
  /**
   * A key file the user chose (its handle), for a backup of the chosen folder whose key is not on
   * this PC: stored once it opens that backup; a key that does not stores nothing.
   */
  'keys.loadForBackup': {
    access: MMG_ONLY,
    input: z.object({ name: BackupName, file: FileHandle }),
    output: z.object({ keyId: z.string(), stored: z.boolean() }),
  },
} as const;
