import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import { createLogger } from '../log';
import { DATABASE_FILE } from '../store/database';
import { KEY_ID_FILE, type KeyStore } from '../store/keys';
import type { Store } from '../store/store';
import { BackupError, contentsOf, files, inspectBackup, MANIFEST, readManifest, readManifestUnchecked, sha256Of, sizeOf, type BackupManifest } from './backupContents';

const log = createLogger('backup');

const PREFIX = 'pic-backup-';
/** The rotation: the newest backup of each of the last 7 days, and of each of the 4 weeks before. */
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
const FOLDER_SETTING = 'backup.folder';

const folderError = (dir: string, cause: string) =>
  new BackupError('backup-folder', `backup folder ${dir} not usable: ${cause}`, `La cartella delle copie di sicurezza (${dir}) non è utilizzabile: ${cause}. Controllare che il disco sia collegato e scrivibile.`);

const notABackup = (name: string) =>
  new BackupError('backup-not-found', `backup ${name} is not in the backup folder`, "Questa copia non è più nella cartella delle copie (tolta dalla rotazione, o il disco non è collegato): aggiornare l'elenco.");

/** A backup of the chosen folder as the restore screen shows it, checked whole. */
export interface BackupEntry {
  /** Its folder's name: how the page names it (never by a path). */
  name: string;
  path: string;
  manifest: BackupManifest;
  sizeBytes: number;
  /** Taken of this archive (same key id), not of another one (an earlier archive, the old PC's). */
  keyMatches: boolean;
  /** Why it cannot be restored (damaged, its key not here, a newer version's); null when it can. */
  problem: AppError | null;
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
    private readonly options: { appVersion: string; keys: KeyStore },
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
        appVersion: this.options.appVersion,
        keyId: this.keyId(),
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
    if (!dir) return [];
    return this.names(dir).flatMap((name) => {
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

  /**
   * Every backup of the chosen folder, newest first, each checked: those that would not restore
   * (damaged, of another archive whose key is not here) are listed too, with why.
   */
  entries(): BackupEntry[] {
    const folder = this.folder();
    return folder ? this.names(folder).flatMap((name) => this.check(folder, name) ?? []) : [];
  }

  /** One backup of the chosen folder, by the name the list gave it, checked. */
  entry(name: string): BackupEntry {
    const dir = this.locate(name);
    const entry = this.check(path.dirname(dir), name);
    if (!entry) throw notABackup(name);
    return entry;
  }

  /** The folder of a backup of the chosen folder, by the name the list gave it: never a path the page chose. */
  locate(name: string): string {
    const folder = this.folder();
    if (!folder || !this.names(folder).includes(name)) throw notABackup(name);
    return path.join(folder, name);
  }

  /** What the open archive holds, to say what a restore would replace. */
  current(): { patients: number; enrollments: number; documents: number } {
    const sqlite = this.store.database.sqlite;
    return {
      patients: sqlite.prepare('SELECT count(*) FROM patients').pluck().get() as number,
      enrollments: sqlite.prepare("SELECT count(*) FROM enrollments WHERE state != 'candidate'").pluck().get() as number,
      documents: files(path.join(this.dataDir, 'documents')).length,
    };
  }

  /** The open archive's key and its id: a backup of this archive opens with it. */
  archiveKey(): { keyId: string; key: Buffer } {
    return { keyId: this.keyId(), key: this.store.database.key };
  }

  private keyId(): string {
    return fs.readFileSync(path.join(this.dataDir, KEY_ID_FILE), 'utf8').trim();
  }

  /** The backups' folder names in `dir`, newest first (a copy still being written excluded). */
  private names(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name.startsWith(PREFIX) && !e.name.endsWith('.part'))
      .map((e) => e.name)
      .sort()
      .reverse();
  }

  /** A folder without a readable manifest is no backup: null. */
  private check(folder: string, name: string): BackupEntry | null {
    const dir = path.join(folder, name);
    let manifest: BackupManifest;
    try {
      manifest = readManifestUnchecked(dir);
    } catch {
      return null;
    }
    const entry = { name, path: dir, manifest, sizeBytes: sizeOf(dir), keyMatches: manifest.keyId === this.keyId() };
    try {
      inspectBackup(dir, this.options.keys, this.archiveKey());
      return { ...entry, problem: null };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { ...entry, problem: err };
    }
  }

  private contents(db: string): { patients: number; enrollments: number } {
    const { patients, enrollments } = contentsOf(db, this.store.database.key);
    return { patients, enrollments };
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
