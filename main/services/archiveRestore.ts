import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log';
import { DATABASE_FILE, openExistingDatabase, readKind, type DataDirKind } from '../store/database';
import { KEY_ID_FILE, type KeyStore } from '../store/keys';
import { BackupError, inspectBackup, sha256Of, type BackupManifest } from './backupContents';

const log = createLogger('restore');

const DOCUMENTS = 'documents';
/** Beside the database, left by SQLite: never to meet another database than their own. */
const SIDE_FILES = [`${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];

export interface Restored {
  /** The backup's folder. */
  from: string;
  manifest: BackupManifest;
  /** Where the archive it replaced is kept (<dataDir>/backups/replaced-<time>); null in a folder that had none. */
  replaced: string | null;
}

/** Another process (a second app, a `pic` command) has the archive open: replacing it now would lose its writes. */
export class ArchiveInUseError extends AppError {
  constructor(dataDir: string) {
    super(
      'archive-in-use',
      `the archive in ${dataDir} is open in another process`,
      "L'archivio è aperto anche da un altro programma (un'altra finestra di PiC Studio o un comando pic): chiuderlo e riprovare. Nulla è stato sostituito.",
    );
  }
}

const kindError = (backup: DataDirKind) =>
  new BackupError(
    'backup-other-kind',
    `a ${backup} backup cannot replace a ${backup === 'demo' ? 'clinic' : 'demo'} archive`,
    backup === 'demo'
      ? "Questa copia è di un archivio dimostrativo: non può sostituire l'archivio dello studio. Nulla è stato sostituito."
      : "Questa copia è dell'archivio di uno studio: non si ripristina in una cartella dimostrativa. Nulla è stato sostituito.",
  );

const stampOf = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/**
 * Puts a backup in place of the archive of `dataDir`, which this process must have closed (and no
 * other may have open). The backup is checked first with its key (`current`: the archive's own,
 * else the key store's for its key id, or PIC_DB_KEY), then copied beside the archive and checked
 * again; only then is the archive swapped, the database last with one rename, so that a failure
 * at any step leaves the archive as it was. What it replaces is kept in backups/replaced-<time>.
 */
export function restoreBackup(options: { dataDir: string; from: string; keys: KeyStore; now: Date; current?: { keyId: string; key: Buffer } }): Restored {
  const { dataDir } = options;
  const from = path.resolve(options.from);
  const manifest = inspectBackup(from, options.keys, options.current);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const backups = path.join(dataDir, 'backups');
  fs.mkdirSync(backups, { recursive: true, mode: 0o700 });
  const staging = path.join(backups, `restoring-${stampOf(options.now)}`);
  try {
    stage(from, staging, manifest);
    if (fs.existsSync(path.join(dataDir, DATABASE_FILE))) settle(dataDir, options.keys, manifest.kind);
    const replaced = freshDir(path.join(backups, `replaced-${stampOf(options.now)}`));
    try {
      swap(dataDir, staging, replaced);
    } catch (err) {
      fs.rmSync(replaced, { recursive: true, force: true });
      throw err;
    }
    const kept = fs.readdirSync(replaced).length > 0;
    if (!kept) fs.rmdirSync(replaced);
    log.info('backup restored', { patients: manifest.patients, replaced: kept });
    return { from, manifest, replaced: kept ? replaced : null };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Puts back the archive a restore replaced, for when the restored one does not open (its
 * migration failed): the restored files are dropped, the backup they came from is still there.
 */
export function undoRestore(dataDir: string, replaced: string, now: Date): void {
  const discard = path.join(dataDir, 'backups', `failed-restore-${stampOf(now)}`);
  fs.mkdirSync(discard, { mode: 0o700 });
  try {
    swap(dataDir, replaced, discard);
    fs.rmSync(replaced, { recursive: true, force: true });
  } finally {
    fs.rmSync(discard, { recursive: true, force: true });
  }
  log.warn('restore undone: the replaced archive is back in place', { replaced });
}

/** A new folder at `base`, or beside it with a number when a restore of the same moment (a frozen demo clock) made one. */
function freshDir(base: string): string {
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** The backup copied beside the archive (same disk: the swap is renames), its database checked again once copied. */
function stage(from: string, staging: string, manifest: BackupManifest): void {
  fs.mkdirSync(staging, { mode: 0o700 });
  const db = path.join(staging, DATABASE_FILE);
  fs.copyFileSync(path.join(from, DATABASE_FILE), db);
  fs.chmodSync(db, 0o600);
  if (sha256Of(db) !== manifest.sha256) {
    throw new BackupError('backup-copy-failed', `the copy of ${from} differs from the backup`, 'La copia letta dal disco delle copie non corrisponde alla copia di sicurezza: controllare il disco e riprovare. Nulla è stato sostituito.');
  }
  fs.writeFileSync(path.join(staging, KEY_ID_FILE), `${manifest.keyId}\n`, { mode: 0o600 });
  if (fs.existsSync(path.join(from, DOCUMENTS))) fs.cpSync(path.join(from, DOCUMENTS), path.join(staging, DOCUMENTS), { recursive: true });
}

/**
 * The archive about to be replaced: of the backup's kind (demo data never replaces a studio's,
 * nor the reverse), its WAL folded into the database (a crash may have left writes there), and
 * refused when another process still holds it open, which keeps SQLite from removing the WAL.
 */
function settle(dataDir: string, keys: KeyStore, kind: DataDirKind): void {
  const db = openExistingDatabase(dataDir, { keys });
  try {
    if (readKind(db) !== kind) throw kindError(kind);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (fs.existsSync(path.join(dataDir, SIDE_FILES[0]!))) throw new ArchiveInUseError(dataDir);
}

/**
 * Puts the archive of `incoming` in place of the one in `dataDir`, whose files go to `keep`: the
 * documents and the key id first, the database last by one rename over the old one (the folder is
 * never without a database; the old one is copied to `keep` before). On a failure, what was moved
 * goes back.
 */
function swap(dataDir: string, incoming: string, keep: string): void {
  const undo: (() => void)[] = [];
  const move = (from: string, to: string) => {
    fs.renameSync(from, to);
    undo.push(() => fs.renameSync(to, from));
  };
  try {
    for (const name of [DOCUMENTS, KEY_ID_FILE]) {
      if (fs.existsSync(path.join(dataDir, name))) move(path.join(dataDir, name), path.join(keep, name));
      if (fs.existsSync(path.join(incoming, name))) move(path.join(incoming, name), path.join(dataDir, name));
    }
    const db = path.join(dataDir, DATABASE_FILE);
    if (fs.existsSync(db)) fs.copyFileSync(db, path.join(keep, DATABASE_FILE), fs.constants.COPYFILE_FICLONE);
    for (const name of SIDE_FILES) fs.rmSync(path.join(dataDir, name), { force: true });
    fs.renameSync(path.join(incoming, DATABASE_FILE), db);
  } catch (err) {
    for (const step of undo.reverse()) step();
    throw err;
  }
}
