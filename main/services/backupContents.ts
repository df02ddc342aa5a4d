import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { applyKey } from '../store/cipher';
import { DATABASE_FILE, readKind, type DataDirKind } from '../store/database';
import { KEY_ENV, parseKey, type KeyStore } from '../store/keys';
import { loadMigrations } from '../store/migrations';
import { Database } from '../store/sqlite';

/** What one backup folder holds, and the checks that say whether it can be put back. */

export const MANIFEST = 'manifest.json';

export const BackupManifest = z.object({
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  /** The version of PiC Studio that took it (absent in the first backups). */
  appVersion: z.string().optional(),
  keyId: z.string(),
  patients: z.number().int(),
  enrollments: z.number().int(),
  documents: z.number().int(),
  sha256: z.string(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export class BackupError extends AppError {
  constructor(code: string, english: string, italian: string) {
    super(code, english, italian);
  }
}

/** The backup is encrypted with the key of the archive it came from, and that key is not on this PC. */
export class BackupKeyMissingError extends AppError {
  constructor(keyId: string, place: string) {
    super(
      'backup-key-missing',
      `the key ${keyId} of the backup is not in ${place} (nor in ${KEY_ENV})`,
      `Questa copia è cifrata con la chiave dell'archivio da cui è stata fatta (identificativo ${keyId}), che non si trova su questo computer. ` +
        `Senza quella chiave la copia non si può leggere: copiare il file ${keyId}.key, la chiave di ripristino conservata a parte, nella cartella ${place} ` +
        `(oppure indicarne le 64 cifre nella variabile ${KEY_ENV}) e riprovare.`,
    );
  }
}

export const files = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];

/** Bytes of every file under `dir`. */
export function sizeOf(dir: string): number {
  return files(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Opens a backup's database with `key`, checks it and counts what it holds. */
export function contentsOf(db: string, key: Buffer): { patients: number; enrollments: number; kind: DataDirKind; schemaVersion: number } {
  const copy = new Database(db, { readonly: true, fileMustExist: true });
  try {
    applyKey(copy, key);
    const check = copy.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    return {
      patients: copy.prepare('SELECT count(*) FROM patients').pluck().get() as number,
      enrollments: copy.prepare("SELECT count(*) FROM enrollments WHERE state != 'candidate'").pluck().get() as number,
      kind: readKind(copy),
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
    };
  } catch (err) {
    throw new BackupError(
      'backup-unreadable',
      `backup ${db} does not open with its key: ${(err as Error).message}`,
      'La copia di sicurezza non si apre: è danneggiata, oppure la chiave indicata per lei non è quella giusta.',
    );
  } finally {
    copy.close();
  }
}

/** A backup's manifest, once its database is found to be the one it describes. */
export function readManifest(backupDir: string): BackupManifest {
  const manifest = readManifestUnchecked(backupDir);
  const db = path.join(backupDir, DATABASE_FILE);
  if (!fs.existsSync(db) || sha256Of(db) !== manifest.sha256) {
    throw new BackupError('backup-damaged', `backup ${backupDir} is damaged (hash differs)`, 'La copia di sicurezza è danneggiata: il suo database non è più quello salvato al momento della copia. Sceglierne un\'altra.');
  }
  return manifest;
}

/** The manifest as written, without checking the database against it: for listing what a folder holds. */
export function readManifestUnchecked(backupDir: string): BackupManifest {
  const manifest = parseManifest(path.join(backupDir, MANIFEST));
  if (!manifest) throw new BackupError('backup-invalid', `${backupDir} is not a PiC Studio backup`, `${backupDir} non è una copia di sicurezza di PiC Studio.`);
  return manifest;
}

function parseManifest(file: string): BackupManifest | null {
  try {
    const parsed = BackupManifest.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A backup written by a newer version would be refused at the first start: refused before anything is replaced. */
function assertSchemaKnown(manifest: BackupManifest, schemaVersion: number): void {
  const latest = loadMigrations().length;
  if (schemaVersion > latest) {
    throw new BackupError(
      'backup-too-new',
      `backup schema ${schemaVersion} is newer than this version's ${latest}`,
      `La copia è stata fatta da una versione più recente di PiC Studio${manifest.appVersion ? ` (${manifest.appVersion})` : ''}: aggiornare il programma prima di ripristinarla.`,
    );
  }
}

/**
 * The key a backup opens with: PIC_DB_KEY when set, the open archive's own when the backup is of
 * that archive, else the key store's one for the backup's key id (a backup of an earlier archive,
 * or of the old PC's, whose key file was brought along).
 */
export function backupKey(manifest: BackupManifest, keys: KeyStore, current: { keyId: string; key: Buffer } | null = null): Buffer {
  if (process.env[KEY_ENV]) return parseKey(process.env[KEY_ENV], KEY_ENV);
  if (current && current.keyId === manifest.keyId) return current.key;
  const key = keys.read(manifest.keyId);
  if (!key) throw new BackupKeyMissingError(manifest.keyId, keys.place);
  return key;
}

/**
 * What a backup holds, checked whole (hash, schema, key, integrity) and opened with the key of the
 * archive it came from: the manifest and the kind of archive it is.
 */
export function inspectBackup(from: string, keys: KeyStore, current: { keyId: string; key: Buffer } | null = null): BackupManifest & { kind: DataDirKind } {
  const manifest = readManifest(from);
  const contents = contentsOf(path.join(from, DATABASE_FILE), backupKey(manifest, keys, current));
  // The database's own version too: the manifest is not what SQLite will go by.
  assertSchemaKnown(manifest, Math.max(manifest.schemaVersion, contents.schemaVersion));
  return { ...manifest, kind: contents.kind };
}
