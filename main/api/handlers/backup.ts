import type { backupCalls } from '../../../shared/contract/backup';
import type { BackupService } from '../../services/backupService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function backupHandlers(s: { backup: BackupService }): HandlersOf<typeof backupCalls> {
  return {
    'backup.list': () => ({
      folder: s.backup.folder(),
      backups: s.backup.list().map((b) => ({ path: b.path, ...b.manifest })),
    }),
    'backup.setFolder': ({ folder }, ctx) => ({ folder: s.backup.setFolder(folder, operatorCf(ctx)) }),
    'backup.run': (_input, ctx) => {
      const r = s.backup.backup(operatorCf(ctx));
      return { backup: { path: r.path, ...r.manifest }, removed: r.removed.length };
    },
  };
}
