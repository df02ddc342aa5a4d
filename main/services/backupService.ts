import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import { createLogger } from '../log';
import { applyKey } from '../store/cipher';
import { DATABASE_FILE, openExistingDatabase } from '../store/database';
import { KEY_ENV, KEY_ID_FILE, MissingKeyError, parseKey, type KeyStore } from '../store/keys';
import { Database } from '../store/sqlite';
import type { Store } from '../store/store';

const log = createLogger('backup');

const MANIFEST = 'manifest.json';
const PREFIX = 'pic-backup-';
/** The rotation: the newest backup of each of the last 7 days, and of each of the 4 weeks before. */
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
const FOLDER_SETTING = 'backup.folder';

export const BackupManifest = z.object({
  createdAt: z.string(),
  schemaVersion: z.number().int(),
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

const folderError = (dir: string, cause: string) =>
  new BackupError('backup-folder', `backup folder ${dir} not usable: ${cause}`, `La cartella delle copie di sicurezza (${dir}) non è utilizzabile: ${cause}. Controllare che il disco sia collegato e scrivibile.`);

const files = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Backups of the whole archive to a folder the MMG chose (a USB disk, a network share): the
 * database copied consistently while the app runs (VACUUM INTO, encrypted with the same key),
 * the sealed documents and the key id beside it, a manifest, then opened again to verify it.
 * Kept in a rotation; restored only after showing what a backup holds, the replaced data kept.
 */
export class BackupService {
  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {}

  folder(): string | null {
    return this.store.settings.get(FOLDER_SETTING, z.string()) ?? null;
  }

  setFolder(dir: string, operatorCf: string | null): string {
    const resolved = path.resolve(dir);
    this.checkFolder(resolved);
    this.store.transaction(() => {
      this.store.settings.set(FOLDER_SETTING, resolved);
      this.store.audit.append({ operatorCf, action: 'backup.folder', entity: 'settings', entityId: FOLDER_SETTING, detail: { folder: resolved } });
    });
    return resolved;
  }

  /** One backup into `toDir` (the chosen folder by default), verified, then the rotation applied. */
  backup(operatorCf: string | null, toDir: string | null = this.folder()): { path: string; manifest: BackupManifest; removed: string[] } {
    if (!toDir) throw new BackupError('backup-no-folder', 'no backup folder chosen', 'Scegliere prima la cartella delle copie di sicurezza.');
    const root = path.resolve(toDir);
    this.checkFolder(root);
    const now = this.clock.now();
    const target = path.join(root, `${PREFIX}${now.toISOString().replace(/[:.]/g, '-')}`);
    const partial = `${target}.part`;
    fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
    try {
      const db = path.join(partial, DATABASE_FILE);
      this.store.database.sqlite.prepare('VACUUM INTO ?').run(db);
      fs.chmodSync(db, 0o600);
      const documents = path.join(this.dataDir, 'documents');
      if (fs.existsSync(documents)) fs.cpSync(documents, path.join(partial, 'documents'), { recursive: true });
      fs.copyFileSync(path.join(this.dataDir, KEY_ID_FILE), path.join(partial, KEY_ID_FILE));
      const manifest: BackupManifest = {
        createdAt: now.toISOString(),
        schemaVersion: this.store.database.schemaVersion,
        keyId: fs.readFileSync(path.join(this.dataDir, KEY_ID_FILE), 'utf8').trim(),
        ...this.contents(db),
        documents: files(path.join(partial, 'documents')).length,
        sha256: sha256Of(db),
      };
      fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
      fs.renameSync(partial, target);
      const removed = this.rotate(root);
      this.store.audit.append({ operatorCf, action: 'backup.create', entity: 'backup', entityId: path.basename(target), detail: { folder: root, patients: manifest.patients, removed: removed.length } });
      log.info('backup written and verified', { patients: manifest.patients, documents: manifest.documents, removed: removed.length });
      return { path: target, manifest, removed };
    } catch (err) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (err instanceof AppError) throw err;
      throw new BackupError('backup-failed', `backup failed: ${(err as Error).message}`, `Copia di sicurezza non riuscita: ${(err as Error).message}. Nessuna copia parziale è stata lasciata.`);
    }
  }

  /** The backups in a folder, newest first, each with what it holds. */
  list(dir: string | null = this.folder()): { path: string; manifest: BackupManifest }[] {
    if (!dir || !fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((name) => name.startsWith(PREFIX) && !name.endsWith('.part'))
      .sort()
      .reverse()
      .flatMap((name) => {
        try {
          return [{ path: path.join(dir, name), manifest: this.inspect(path.join(dir, name)) }];
        } catch {
          return [];
        }
      });
  }

  /** What a backup holds, after checking it is whole and opens with this archive's key. */
  inspect(backupDir: string): BackupManifest {
    const manifest = readManifest(backupDir);
    this.contents(path.join(backupDir, DATABASE_FILE));
    return manifest;
  }

  private contents(db: string): { patients: number; enrollments: number } {
    return contentsOf(db, this.store.database.key);
  }

  /** Keeps the newest backup of each of the last KEEP_DAILY days and KEEP_WEEKLY weeks before; removes the rest. */
  private rotate(root: string): string[] {
    const names = fs.readdirSync(root).filter((n) => n.startsWith(PREFIX) && !n.endsWith('.part')).sort().reverse();
    const keep = new Set<string>();
    const days = new Set<string>();
    const weeks = new Set<string>();
    for (const name of names) {
      const day = name.slice(PREFIX.length, PREFIX.length + 10);
      if (days.size < KEEP_DAILY && !days.has(day)) {
        days.add(day);
        keep.add(name);
        continue;
      }
      if (days.has(day)) continue;
      const week = weekOf(day);
      if (weeks.size < KEEP_WEEKLY && !weeks.has(week)) {
        weeks.add(week);
        keep.add(name);
      }
    }
    const removed = names.filter((n) => !keep.has(n));
    for (const name of removed) fs.rmSync(path.join(root, name), { recursive: true, force: true });
    return removed;
  }

  private checkFolder(dir: string): void {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (err) {
      throw folderError(dir, (err as NodeJS.ErrnoException).code ?? (err as Error).message);
    }
    if (path.resolve(dir).startsWith(path.resolve(this.dataDir) + path.sep) || path.resolve(dir) === path.resolve(this.dataDir)) {
      throw folderError(dir, 'è dentro la cartella dei dati: un guasto del disco perderebbe anche la copia');
    }
  }
}

/** The Monday of the week of an ISO date: backups of one week share it. */
function weekOf(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Opens a backup's database with `key`, checks it and counts what it holds. */
function contentsOf(db: string, key: Buffer): { patients: number; enrollments: number } {
  const copy = new Database(db, { readonly: true, fileMustExist: true });
  try {
    applyKey(copy, key);
    const check = copy.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    return {
      patients: copy.prepare('SELECT count(*) FROM patients').pluck().get() as number,
      enrollments: copy.prepare("SELECT count(*) FROM enrollments WHERE state != 'candidate'").pluck().get() as number,
    };
  } catch (err) {
    throw new BackupError('backup-unreadable', `backup ${db} does not open with this key: ${(err as Error).message}`, 'La copia di sicurezza non si apre con la chiave di questo archivio, o è danneggiata.');
  } finally {
    copy.close();
  }
}

/** A backup's manifest, once its database is found to be the one it describes. */
function readManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, MANIFEST);
  const parsed = fs.existsSync(file) ? BackupManifest.safeParse(JSON.parse(fs.readFileSync(file, 'utf8'))) : null;
  if (!parsed?.success) throw new BackupError('backup-invalid', `${backupDir} is not a PiC Studio backup`, `${backupDir} non è una copia di sicurezza di PiC Studio.`);
  const db = path.join(backupDir, DATABASE_FILE);
  if (!fs.existsSync(db) || sha256Of(db) !== parsed.data.sha256) {
    throw new BackupError('backup-damaged', `backup ${backupDir} is damaged (hash differs)`, 'La copia di sicurezza è danneggiata: il database non corrisponde a quello salvato.');
  }
  return parsed.data;
}

/**
 * What a backup holds, checked whole and opened with the key of the archive it came from (found
 * by its key id in this PC's key store, or given as PIC_DB_KEY on a new PC).
 */
export function inspectBackup(from: string, keys: KeyStore): BackupManifest {
  const manifest = readManifest(from);
  const key = process.env[KEY_ENV] ? parseKey(process.env[KEY_ENV], KEY_ENV) : keys.read(manifest.keyId);
  if (!key) throw new MissingKeyError(from, keys.place);
  contentsOf(path.join(from, DATABASE_FILE), key);
  return manifest;
}

const ARCHIVE_FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_ID_FILE];

/**
 * Puts a backup in place of the archive of `dataDir` (which no app may have open): the backup is
 * checked first with its key (the one of the archive it came from: this PC's key store, or
 * PIC_DB_KEY on a new PC); what it replaces is kept in <dataDir>/backups/replaced-<time>.
 */
export function restoreBackup(options: { dataDir: string; from: string; keys: KeyStore; now: Date }): { manifest: BackupManifest; replaced: string | null } {
  const from = path.resolve(options.from);
  const manifest = inspectBackup(from, options.keys);
  const { dataDir } = options;
  let replaced: string | null = null;
  if (fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    replaced = path.join(dataDir, 'backups', `replaced-${options.now.toISOString().replace(/[:.]/g, '-')}`);
    fs.mkdirSync(replaced, { recursive: true, mode: 0o700 });
    const current = openExistingDatabase(dataDir, { keys: options.keys });
    try {
      current.prepare('VACUUM INTO ?').run(path.join(replaced, DATABASE_FILE));
    } finally {
      current.close();
    }
    if (fs.existsSync(path.join(dataDir, KEY_ID_FILE))) fs.copyFileSync(path.join(dataDir, KEY_ID_FILE), path.join(replaced, KEY_ID_FILE));
    if (fs.existsSync(path.join(dataDir, 'documents'))) fs.renameSync(path.join(dataDir, 'documents'), path.join(replaced, 'documents'));
    for (const name of ARCHIVE_FILES) fs.rmSync(path.join(dataDir, name), { force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.copyFileSync(path.join(from, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
  fs.chmodSync(path.join(dataDir, DATABASE_FILE), 0o600);
  fs.writeFileSync(path.join(dataDir, KEY_ID_FILE), `${manifest.keyId}\n`, { mode: 0o600 });
  if (fs.existsSync(path.join(from, 'documents'))) fs.cpSync(path.join(from, 'documents'), path.join(dataDir, 'documents'), { recursive: true });
  log.info('backup restored', { patients: manifest.patients, replaced: replaced !== null });
  return { manifest, replaced };
}
