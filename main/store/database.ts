import fs from 'node:fs';
import path from 'node:path';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createLogger } from '../log';
import { applyKey, encryptPlainDatabase, isPlainSqlite } from './cipher';
import { CorruptDatabaseError, DataDirNotWritableError, DatabaseTooNewError } from './errors';
import { fileKeyStore, KEY_ID_FILE, keyFor, type KeyStore } from './keys';
import { loadMigrations, type Migration } from './migrations';
import * as schema from './schema';
import { Database } from './sqlite';

const log = createLogger('store');

export const DATABASE_FILE = 'pic.sqlite';

export type Db = BetterSQLite3Database<typeof schema>;

/**
 * What a data folder holds: a studio's real archive, or fake patients for demos and training.
 * Decided once, when the database is created, and stored in it: demo data and demo clocks are
 * refused on a clinic's archive.
 */
export type DataDirKind = 'clinic' | 'demo';
const KIND_SETTING = 'dataDir.kind';

export interface OpenOptions {
  migrations?: Migration[];
  /** The kind a database created by this open gets (an existing one keeps its own). */
  createAs?: DataDirKind;
  /** For the name of the backup taken before migrating. */
  now?: () => Date;
  /** Where the database key is kept (a key file in the OS user's config folder by default). */
  keys?: KeyStore;
}

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Db;
  file: string;
  schemaVersion: number;
  /** Path of the copy taken before migrating, when there was something to migrate. */
  backup: string | null;
  kind: DataDirKind;
  /** The database key: backups and documents are encrypted with it (or with keys derived from it). */
  key: Buffer;
}

/** Health data: the folder is its owner's only (where the OS has modes). */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new DataDirNotWritableError(dir, (err as Error).message);
  }
}

/**
 * Opens (creating if needed) the store in `dataDir` and brings its schema up to date. Refuses,
 * without touching the file, a database that is corrupt or was written by a newer version.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? loadMigrations();
  ensureWritableDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  const existed = fs.existsSync(file);
  const plain = existed && isPlainSqlite(file);
  if (existed && !plain && !fs.existsSync(path.join(dataDir, KEY_ID_FILE)) && !process.env.PIC_DB_KEY) {
    throw new CorruptDatabaseError(file, 'neither a plain SQLite database nor one with a key id beside it');
  }
  if (plain) refuseTooNew(file, migrations.length);
  const key = keyFor(dataDir, existed && !plain, options.keys ?? fileKeyStore());
  // An archive of an older version, in clear: encrypted in place, after an encrypted copy.
  const encryptedBackup = plain ? encryptPlainDatabase(file, key, path.join(dataDir, 'backups'), options.now?.() ?? new Date()) : null;
  const sqlite = openChecked(file, existed, key);
  fs.chmodSync(file, 0o600);
  try {
    // First: every step below waits for another process's lock instead of failing at once.
    sqlite.pragma('busy_timeout = 5000');
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    const latest = migrations.length;
    if (found > latest) throw new DatabaseTooNewError(file, found, latest);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    // 32 MiB of page cache instead of SQLite's 2 MiB: the patient indexes of a large practice
    // (and of an import's codice fiscale lookups) stay in memory.
    sqlite.pragma('cache_size = -32768');
    let backup: string | null = encryptedBackup;
    if (found < latest) {
      if (existed && found > 0 && !encryptedBackup) backup = backupBeforeMigrating(sqlite, dataDir, found, options.now?.() ?? new Date());
      const from = applyMigrations(sqlite, file, migrations, options.createAs ?? 'clinic');
      if (from < latest) log.info('schema migrated', { file, from, to: latest, backup });
    }
    sqlite.pragma('foreign_keys = ON');
    return { sqlite, db: drizzle(sqlite, { schema }), file, schemaVersion: latest, backup, kind: readKind(sqlite), key };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/** A plain database of a newer version is left as it is, not even encrypted. */
function refuseTooNew(file: string, latest: number): void {
  const plain = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const found = plain.pragma('user_version', { simple: true }) as number;
    if (found > latest) throw new DatabaseTooNewError(file, found, latest);
  } finally {
    plain.close();
  }
}

function openChecked(file: string, existed: boolean, key: Buffer): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: existed });
    applyKey(sqlite, key);
  } catch (err) {
    // Only SQLite's own verdicts speak about the file; a native module built for another
    // runtime (Node vs Electron ABI) is a broken installation, not a damaged database.
    if (!isSqliteError(err)) throw err;
    throw new CorruptDatabaseError(file, (err as Error).message);
  }
  if (!existed) return sqlite;
  try {
    // Reading the schema forces SQLite to parse the header and the first page.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    const check = sqlite.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
  } catch (err) {
    sqlite.close();
    // Encrypted, a wrong key and a damaged file look the same to SQLite.
    throw new CorruptDatabaseError(file, `${(err as Error).message} (or not this key's)`);
  }
  return sqlite;
}

function isSqliteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** A database without the setting predates demo mode: only clinics had one then. */
export function readKind(sqlite: Database.Database): DataDirKind {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KIND_SETTING) as { value: string } | undefined;
  return row?.value === JSON.stringify('demo') ? 'demo' : 'clinic';
}

/**
 * The kind of the data folder without opening it for writing: 'new' when it has no database yet
 * (opening it will create one). Anything unreadable counts as a clinic's: the real open then
 * says what is wrong with it.
 */
export function peekDataDirKind(dataDir: string, keys: KeyStore = fileKeyStore()): DataDirKind | 'new' {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) return 'new';
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    if (!isPlainSqlite(file)) applyKey(sqlite, existingKey(dataDir, keys));
    if ((sqlite.pragma('user_version', { simple: true }) as number) === 0) return 'new';
    return readKind(sqlite);
  } catch {
    return 'clinic';
  } finally {
    sqlite?.close();
  }
}

/** The key of a folder whose encrypted database exists (MissingKeyError when not found). */
function existingKey(dataDir: string, keys: KeyStore): Buffer {
  return keyFor(dataDir, true, keys);
}

/**
 * The database of `dataDir` opened with its key, schema as it is: for tools and tests that read
 * or lock it beside the app (the app itself opens it with openDatabase).
 */
export function openExistingDatabase(dataDir: string, options: { readonly?: boolean; keys?: KeyStore } = {}): Database.Database {
  const file = path.join(dataDir, DATABASE_FILE);
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: true });
  try {
    if (!isPlainSqlite(file)) applyKey(sqlite, existingKey(dataDir, options.keys ?? fileKeyStore()));
    sqlite.pragma('busy_timeout = 5000');
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

function backupBeforeMigrating(sqlite: Database.Database, dataDir: string, version: number, now: Date): string {
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `pic-v${version}-${stamp}-${process.pid}.sqlite`);
  // VACUUM INTO writes a consistent copy even with WAL content not yet checkpointed.
  sqlite.prepare('VACUUM INTO ?').run(target);
  fs.chmodSync(target, 0o600);
  return target;
}

/**
 * Applies the migrations the database still lacks, in one transaction that takes the write lock
 * before reading the version: of two processes opening a new folder together, the second waits and
 * then finds nothing left to do. Foreign keys stay off while migrating (a table rebuild would
 * otherwise cascade), and are checked before the commit, so a migration cannot leave dangling
 * references behind. Returns the version found under the lock.
 */
function applyMigrations(sqlite: Database.Database, file: string, migrations: Migration[], createAs: DataDirKind): number {
  const latest = migrations.length;
  return sqlite.transaction(() => {
    const current = sqlite.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw new DatabaseTooNewError(file, current, latest);
    if (current === latest) return current;
    for (const migration of migrations.slice(current)) {
      for (const statement of migration.statements) sqlite.exec(statement);
    }
    // A new database is born a clinic's or a demo's, in the same transaction that creates it.
    if (current === 0) sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(KIND_SETTING, JSON.stringify(createAs));
    const dangling = sqlite.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) throw new Error(`migration left ${dangling.length} dangling references`);
    sqlite.pragma(`user_version = ${latest}`);
    return current;
  }).immediate();
}
