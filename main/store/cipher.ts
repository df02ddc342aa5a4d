import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../log';
import { Database } from './sqlite';

const log = createLogger('store');

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * SQLCipher 4's format (AES-256, HMAC-SHA512), with a raw 256-bit key: no passphrase derivation
 * (the key is random, not typed), so opening costs no PBKDF2 rounds.
 */
export function applyKey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = "${rawKey(key)}"`);
}

/**
 * The key with its salt (SQLCipher's 96-digit raw key). A salt derived from the key, not drawn at
 * random: two processes creating the same new database at once would otherwise each write page 1
 * with a salt of their own, and one of them could no longer read the other's pages.
 */
function rawKey(key: Buffer): string {
  const salt = createHash('sha256').update('pic-studio database salt').update(key).digest().subarray(0, 16);
  return `x'${key.toString('hex')}${salt.toString('hex')}'`;
}

/** Whether the file is an SQLite database in clear (written before the archive was encrypted). */
export function isPlainSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Encrypts a plain database in place with `key`, after an encrypted copy of it in `backupDir`
 * (a plain copy would keep the patients readable): the path of that copy.
 */
export function encryptPlainDatabase(file: string, key: Buffer, backupDir: string, now: Date): string {
  fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const backup = path.join(backupDir, `pic-before-encryption-${now.toISOString().replace(/[:.]/g, '-')}-${process.pid}.sqlite`);
  const plain = new Database(file, { fileMustExist: true });
  try {
    plain.pragma('busy_timeout = 5000');
    plain.prepare('VACUUM INTO ?').run(backup);
    // Rekeying works on a rollback journal only: the WAL is folded back first.
    plain.pragma('journal_mode = DELETE');
    rekey(plain, key);
  } finally {
    plain.close();
  }
  const copy = new Database(backup, { fileMustExist: true });
  try {
    rekey(copy, key);
  } finally {
    copy.close();
  }
  fs.chmodSync(backup, 0o600);
  log.info('plain database encrypted in place', { file, backup });
  return backup;
}

function rekey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`rekey = "${rawKey(key)}"`);
}
