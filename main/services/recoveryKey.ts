import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { DATABASE_FILE } from '../store/database';
import { InvalidKeyError, KEY_ID_FILE, keyFileName, keyFileText, parseKey, type KeyStore } from '../store/keys';
import { BackupError, contentsOf, readManifest } from './backupContents';

/**
 * The recovery key: the archive's database key saved by the MMG as a key file (the very file the
 * key folder holds), kept apart from the backups, and put back on a new PC once it has been found
 * to open what it is meant for.
 */

/** A key file is 65 bytes; one typed from paper, with spaces and line breaks, a little more. */
const MAX_KEY_FILE_BYTES = 1024;

export class NotARecoveryKeyError extends AppError {
  constructor(file: string) {
    super(
      'recovery-key-invalid',
      `${file} is not a PiC Studio key file (64 hexadecimal digits)`,
      `Il file «${path.basename(file)}» non è una chiave di ripristino di PiC Studio: una chiave è un file .key con 64 cifre esadecimali. Nessuna chiave è stata salvata.`,
    );
  }
}

export class RecoveryKeyUnreadableError extends AppError {
  constructor(file: string, err: unknown) {
    super(
      'recovery-key-unreadable',
      `key file ${file} not readable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      `Il file «${path.basename(file)}» non si può leggere: controllare che il disco o la chiavetta sia collegato. Nessuna chiave è stata salvata.`,
    );
  }
}

/** What a key is checked against: a backup, or the archive of a data folder copied from the old PC. */
export interface KeyTarget {
  keyId: string;
  /** In English for the logs and the CLI ("backup /media/usb/…"), in Italian for the page ("questa copia di sicurezza"). */
  english: string;
  italian: string;
  opens(key: Buffer): boolean;
}

/** The key does not open what it was loaded for: another archive's key (a newer PC's, a test's). */
export class WrongRecoveryKeyError extends AppError {
  constructor(target: KeyTarget) {
    super(
      'recovery-key-wrong',
      `the key does not open ${target.english} (which needs the key ${target.keyId})`,
      `Questa chiave non apre ${target.italian}: è la chiave di un altro archivio. Serve la chiave con identificativo ${target.keyId} ` +
        `(salvata nel file ${keyFileName(target.keyId)}, se il nome non è stato cambiato). Nessuna chiave è stata salvata.`,
    );
  }
}

/** A data folder with no encrypted archive to check a key with (the CLI was not told which backup the key is for). */
export class NoKeyTargetError extends AppError {
  constructor(dataDir: string) {
    super(
      'recovery-key-no-target',
      `no encrypted archive in ${dataDir} to check the key with: name the backup it is for with --backup DIR`,
      `Nella cartella ${dataDir} non c'è un archivio cifrato con cui verificare la chiave: indicare la copia di sicurezza a cui appartiene.`,
    );
  }
}

export class RecoveryKeyNotSavedError extends AppError {
  constructor(file: string, err: unknown) {
    const code = (err as NodeJS.ErrnoException).code;
    super(
      'recovery-key-not-saved',
      `recovery key not written to ${file}: ${code ?? (err as Error).message}`,
      code === 'EEXIST'
        ? `Il file ${file} esiste già: non è stato sovrascritto. Scegliere un altro nome o un'altra cartella.`
        : `La chiave di ripristino non si può salvare in ${file}: controllare che il disco sia collegato e scrivibile.`,
    );
  }
}

/** Where the recovery key must not go: with the backups it opens, or in the folder whose disk's failure it is for. */
export class RecoveryKeyPlaceError extends AppError {
  constructor(file: string, beside: 'backups' | 'data') {
    super(
      'recovery-key-place',
      `recovery key not written to ${file}: ${beside === 'backups' ? 'on the disk of the backups' : 'inside the data folder'}`,
      beside === 'backups'
        ? `La chiave di ripristino non va salvata sul disco delle copie di sicurezza: chi lo trovasse avrebbe insieme le copie e la chiave per leggerle. Salvarla su un'altra chiavetta o un altro disco, da custodire a parte.`
        : `La chiave di ripristino non va salvata nella cartella dei dati: se il disco di questo computer si guasta, si perderebbe con l'archivio. Salvarla su una chiavetta o un disco da custodire a parte.`,
    );
  }
}

/** The device of `file`'s nearest folder that exists (the file itself does not yet); null when none can be read. */
function deviceOf(file: string): number | null {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    try {
      return fs.statSync(dir).dev;
    } catch {
      if (path.dirname(dir) === dir) return null;
    }
  }
}

/**
 * Refuses a place for the recovery key that would defeat it: the disk the backups are on (the
 * same USB disk, whoever takes it has both), or the data folder (a failed disk takes both).
 */
export function checkKeyPlace(file: string, folders: { dataDir: string; backups: string | null }): void {
  if (path.resolve(file).startsWith(path.resolve(folders.dataDir) + path.sep)) throw new RecoveryKeyPlaceError(file, 'data');
  // A backup disk that is not connected now cannot be where the file goes.
  const backups = folders.backups && fs.existsSync(folders.backups) ? fs.statSync(folders.backups).dev : null;
  if (backups !== null && deviceOf(file) === backups) throw new RecoveryKeyPlaceError(file, 'backups');
}

/** Writes the key file, the owner's only (0600); over an existing file only when the user already agreed (a save dialog asked). */
export function writeRecoveryKey(file: string, key: Buffer, options: { replace: boolean }): void {
  try {
    fs.writeFileSync(file, keyFileText(key), { mode: 0o600, flag: options.replace ? 'w' : 'wx' });
    // A file that was there keeps its mode when written over.
    fs.chmodSync(file, 0o600);
  } catch (err) {
    throw new RecoveryKeyNotSavedError(file, err);
  }
}

/** The key in a key file the user chose (NotARecoveryKeyError for anything else). */
export function readRecoveryKey(file: string, shownAs = file): Buffer {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_KEY_FILE_BYTES) throw new NotARecoveryKeyError(shownAs);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new RecoveryKeyUnreadableError(shownAs, err);
  }
  try {
    return parseKey(text, shownAs);
  } catch (err) {
    if (err instanceof InvalidKeyError) throw new NotARecoveryKeyError(shownAs);
    throw err;
  }
}

/** Whether the database file opens with `key` (and reads whole). */
function opensWith(db: string, key: Buffer): boolean {
  try {
    contentsOf(db, key);
    return true;
  } catch (err) {
    if (err instanceof BackupError) return false;
    throw err;
  }
}

/** A backup folder as what a key must open: it names its key id; a damaged one is refused (BackupError) before any key is tried. */
export function backupTarget(backupDir: string): KeyTarget {
  const manifest = readManifest(backupDir);
  return {
    keyId: manifest.keyId,
    english: `the backup ${backupDir}`,
    italian: 'questa copia di sicurezza',
    opens: (key) => opensWith(path.join(backupDir, DATABASE_FILE), key),
  };
}

/** The archive of a data folder (one copied from the old PC, whose key stayed there). */
export function archiveTarget(dataDir: string): KeyTarget {
  const idFile = path.join(dataDir, KEY_ID_FILE);
  const db = path.join(dataDir, DATABASE_FILE);
  const keyId = fs.existsSync(idFile) ? fs.readFileSync(idFile, 'utf8').trim() : '';
  if (!keyId || !fs.existsSync(db)) throw new NoKeyTargetError(dataDir);
  return { keyId, english: `the archive in ${dataDir}`, italian: `l'archivio in ${dataDir}`, opens: (key) => opensWith(db, key) };
}

/**
 * Puts `key` in the key store under the target's key id once it opens the target; a wrong key
 * stores nothing (WrongRecoveryKeyError). A key already there is left as it is (`stored` false);
 * one that differs from it is wrong without trying: each key id has one key.
 */
export function storeRecoveryKey(keys: KeyStore, target: KeyTarget, key: Buffer): { keyId: string; stored: boolean } {
  const existing = keys.read(target.keyId);
  if (existing?.equals(key)) return { keyId: target.keyId, stored: false };
  if (existing || !target.opens(key)) throw new WrongRecoveryKeyError(target);
  keys.write(target.keyId, key);
  return { keyId: target.keyId, stored: true };
}
