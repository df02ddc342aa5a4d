import { restoreBackup, undoRestore } from '../services/archiveRestore';
import { inspectBackup, type BackupManifest } from '../services/backupContents';
import { openDatabase } from '../store/database';
import { fileKeyStore } from '../store/keys';
import { UsageError } from './args';
import type { Command } from './commandTypes';
import { withCore } from './withCore';
import { systemOperator } from '../api/access';

const holds = (m: BackupManifest) => `taken ${m.createdAt}: ${m.patients} patients, ${m.enrollments} enrollments, ${m.documents} documents (schema ${m.schemaVersion})`;

export const BACKUP_COMMANDS: Command[] = [
  {
    words: ['backup'],
    usage: 'pic backup [--to DIR] [--json]',
    summary: "a verified, encrypted backup of the archive and its documents to DIR (default: the folder chosen in Impostazioni), in the 7 daily + 4 weekly rotation",
    run(args) {
      return withCore(args, (_call, core) => {
        const r = core.services.backup.backup(systemOperator().codiceFiscale, args.options.to ?? core.services.backup.folder());
        return { json: { path: r.path, ...r.manifest, removed: r.removed }, text: `Backup ${r.path}\n  ${holds(r.manifest)}\n  verified; ${r.removed.length} older backups removed by the rotation` };
      });
    },
  },
  {
    words: ['restore'],
    usage: 'pic restore <FROM> [--yes] [--json]',
    summary: 'show what a backup holds; with --yes put it in place of the archive (the replaced data kept in <data>/backups); the app must be closed',
    async run(args) {
      const from = args.positionals[0];
      if (!from) throw new UsageError('which backup? pic restore <FROM> [--yes]');
      if (!args.flags.yes) {
        const manifest = inspectBackup(from, fileKeyStore());
        return { json: { from, ...manifest, restored: false }, text: `Backup ${from}\n  ${holds(manifest)}\nNothing replaced: run again with --yes to restore it.` };
      }
      const r = restoreBackup({ dataDir: args.dataDir, from, keys: fileKeyStore(), now: new Date() });
      // Brought to this version's schema at once, so that a failure shows here and not at the next start.
      try {
        openDatabase(args.dataDir).sqlite.close();
      } catch (err) {
        if (r.replaced) undoRestore(args.dataDir, r.replaced, new Date());
        throw err;
      }
      return {
        json: { from, ...r.manifest, restored: true, replaced: r.replaced },
        text: `Restored ${from}\n  ${holds(r.manifest)}${r.replaced ? `\n  the replaced archive is kept in ${r.replaced}` : ''}`,
      };
    },
  },
];
