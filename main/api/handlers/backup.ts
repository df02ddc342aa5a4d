import path from 'node:path';
import type { BackupView, backupCalls } from '../../../shared/contract/backup';
import type { AppError } from '../../../shared/errors';
import type { Restored } from '../../services/archiveRestore';
import type { BackupManifest } from '../../services/backupContents';
import type { BackupService } from '../../services/backupService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

const view = (dir: string, m: BackupManifest, problem: AppError | null = null): BackupView => ({
  name: path.basename(dir),
  path: dir,
  createdAt: m.createdAt,
  schemaVersion: m.schemaVersion,
  patients: m.patients,
  enrollments: m.enrollments,
  documents: m.documents,
  problem: problem && { code: problem.code, message: problem.userMessage },
});

export function backupHandlers(s: { backup: BackupService; restore: (name: string, operatorCf: string | null) => Restored }): HandlersOf<typeof backupCalls> {
  return {
    'backup.list': () => ({
      folder: s.backup.folder(),
      backups: s.backup.entries().map((e) => view(e.path, e.manifest, e.problem)),
    }),
    'backup.setFolder': ({ folder }, ctx) => ({ folder: s.backup.setFolder(folder, operatorCf(ctx)) }),
    'backup.run': (_input, ctx) => {
      const r = s.backup.backup(operatorCf(ctx));
      return { backup: view(r.path, r.manifest), removed: r.removed.length };
    },
    'backup.inspect': ({ name }) => {
      const e = s.backup.entry(name);
      return {
        ...view(e.path, e.manifest, e.problem),
        appVersion: e.manifest.appVersion ?? null,
        sizeBytes: e.sizeBytes,
        keyMatches: e.keyMatches,
        current: s.backup.current(),
      };
    },
    // The services of this archive are closed once it is replaced: the answer is made of what the restore returned.
    'backup.restore': ({ name }, ctx) => {
      const r = s.restore(name, operatorCf(ctx));
      return { backup: view(r.from, r.manifest), replaced: r.replaced };
    },
  };
}
