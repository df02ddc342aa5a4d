import { systemOperator } from '../api/access';
import { archiveTarget, backupTarget, readRecoveryKey, storeRecoveryKey } from '../services/recoveryKey';
import { fileKeyStore } from '../store/keys';
import { UsageError } from './args';
import type { Command } from './commandTypes';
import { withCore } from './withCore';

export const KEY_COMMANDS: Command[] = [
  {
    words: ['key', 'export'],
    usage: 'pic key export --to FILE [--json]',
    summary: "save the archive's recovery key as FILE (0600, never over an existing file); keep it apart from the backups: they open only with it",
    run(args) {
      const to = args.options.to;
      if (!to) throw new UsageError('where to save the key is missing: pic key export --to FILE');
      return withCore(args, (_call, core) => {
        const r = core.services.recoveryKey.saveTo(to, systemOperator().codiceFiscale, { replace: false });
        return {
          json: r,
          text: `Recovery key ${r.keyId} saved to ${r.path}\n  Keep it locked away, apart from the backups (not on their disk): without it no backup can be read.`,
        };
      });
    },
  },
  {
    words: ['key', 'import'],
    usage: 'pic key import <FILE> [--backup DIR] [--json]',
    summary: "put a recovery key into the key folder once it opens the backup DIR (without --backup: the data folder's archive, copied from the old PC)",
    run(args) {
      const file = args.positionals[0];
      if (!file) throw new UsageError('which key file? pic key import <FILE>');
      const key = readRecoveryKey(file);
      const target = args.options.backup ? backupTarget(args.options.backup) : archiveTarget(args.dataDir);
      const keys = fileKeyStore();
      const r = storeRecoveryKey(keys, target, key);
      return {
        json: { ...r, keyFolder: keys.place },
        text: r.stored ? `Key ${r.keyId} stored in ${keys.place}: it opens ${target.english}` : `Key ${r.keyId} is already in ${keys.place}: nothing changed`,
      };
    },
  },
];
