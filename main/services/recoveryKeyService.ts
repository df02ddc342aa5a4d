import path from 'node:path';
import type { ChosenFiles } from '../importers/chosenFiles';
import { createLogger } from '../log';
import { keyFileName, keyFileText, type KeyStore } from '../store/keys';
import type { Store } from '../store/store';
import type { BackupService } from './backupService';
import { backupTarget, checkKeyPlace, readRecoveryKey, storeRecoveryKey, writeRecoveryKey } from './recoveryKey';

const log = createLogger('keys');

/** How the key left the core: a file the core wrote, a download of the page, or shown on screen to be written on paper. */
export type KeyExportWay = 'file' | 'download' | 'paper';

/**
 * The archive's recovery key, for the MMG: handed out (saved as a key file, downloaded, shown for
 * paper), each time in the audit log and never in the application log; and a key the MMG brings
 * for a backup whose key is not on this PC, checked against that backup before it is stored.
 */
export class RecoveryKeyService {
  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly keys: KeyStore,
    private readonly backup: BackupService,
    private readonly files: Pick<ChosenFiles, 'open' | 'release'>,
  ) {}

  /** The name its file has in the key folder (`<id>.key`), which it keeps on a new PC. */
  fileName(): string {
    return keyFileName(this.backup.archiveKey().keyId);
  }

  /** The key file's text, for the page to download or to show for paper. */
  reveal(way: Exclude<KeyExportWay, 'file'>, operatorCf: string | null): { keyId: string; fileName: string; text: string } {
    const { keyId, key } = this.backup.archiveKey();
    this.audit(keyId, operatorCf, { way });
    return { keyId, fileName: keyFileName(keyId), text: keyFileText(key) };
  }

  /** The key file written to `file` (0600), not on the backups' disk nor in the data folder; over an existing file only with `replace`. */
  saveTo(file: string, operatorCf: string | null, options: { replace: boolean }): { keyId: string; path: string } {
    const target = path.resolve(file);
    checkKeyPlace(target, { dataDir: this.dataDir, backups: this.backup.folder() });
    const { keyId, key } = this.backup.archiveKey();
    writeRecoveryKey(target, key, options);
    this.audit(keyId, operatorCf, { way: 'file', file: target });
    return { keyId, path: target };
  }

  /**
   * The key in a file the user chose (by its handle), for the backup of the chosen folder named
   * `name`: stored in the key store once it opens that backup, and the chosen file let go
   * either way (an upload's copy of a key does not stay in the data folder).
   */
  loadForBackup(name: string, file: string, operatorCf: string | null): { keyId: string; stored: boolean } {
    const lease = this.files.open(file);
    let key: Buffer;
    try {
      key = readRecoveryKey(lease.path, lease.source);
    } finally {
      lease.done();
      this.files.release(file);
    }
    const result = storeRecoveryKey(this.keys, backupTarget(this.backup.locate(name)), key);
    this.store.audit.append({ operatorCf, action: 'key.import', entity: 'key', entityId: result.keyId, detail: { backup: name, stored: result.stored } });
    log.info('recovery key loaded for a backup', { keyId: result.keyId, stored: result.stored });
    return result;
  }

  private audit(keyId: string, operatorCf: string | null, detail: { way: KeyExportWay; file?: string }): void {
    this.store.audit.append({ operatorCf, action: 'key.export', entity: 'key', entityId: keyId, detail });
    log.info('recovery key exported', { keyId, way: detail.way });
  }
}
