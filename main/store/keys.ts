import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { userDataRoot } from '../dataDir';

/** A database key given whole (64 hex digits): it overrides any key store. */
export const KEY_ENV = 'PIC_DB_KEY';
/** Where the key files live, when not the OS user's config folder (tests, a studio's own policy). */
export const KEY_DIR_ENV = 'PIC_KEY_DIR';
const KEYS_FOLDER = 'PiC Studio Keys';
/** Beside the database: names the key it needs, and is no secret. */
export const KEY_ID_FILE = 'pic.keyid';

/** Where the key of a data folder is kept: a file outside the folder, or the OS's own store (Electron). */
export interface KeyStore {
  /** Where it looks, for the messages. */
  readonly place: string;
  read(keyId: string): Buffer | null;
  write(keyId: string, key: Buffer): void;
}

export class MissingKeyError extends AppError {
  constructor(dataDir: string, place: string) {
    super(
      'key-missing',
      `the key of the encrypted database in ${dataDir} is not in ${place} (nor in ${KEY_ENV})`,
      `L'archivio in ${dataDir} è cifrato e la sua chiave non si trova su questo computer (${place}). Senza la chiave i dati non si possono leggere: ripristinare la chiave dalla copia conservata, oppure indicarla nella variabile ${KEY_ENV}. Nessun archivio nuovo è stato creato.`,
    );
  }
}

export class InvalidKeyError extends AppError {
  constructor(where: string) {
    super('key-invalid', `the database key in ${where} is not 64 hexadecimal digits`, `La chiave di cifratura indicata (${where}) non è valida: servono 64 cifre esadecimali.`);
  }
}

export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[KEY_DIR_ENV] ? path.resolve(env[KEY_DIR_ENV]) : path.join(userDataRoot(env), KEYS_FOLDER);
}

/**
 * A key as stored: 64 hexadecimal digits (InvalidKeyError otherwise). Spaces and line breaks
 * between them are left out, so that a key copied from paper in its groups of four reads too.
 */
export function parseKey(text: string, where: string): Buffer {
  const hex = text.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new InvalidKeyError(where);
  return Buffer.from(hex, 'hex');
}

/** What a key file holds: the recovery key the MMG saves is this file, and goes back into the key folder as it is. */
export function keyFileText(key: Buffer): string {
  return `${key.toString('hex')}\n`;
}

/** The name of a key's file in the key folder: `<id>.key`. */
export function keyFileName(keyId: string): string {
  return `${keyId}.key`;
}

/** Key files `<id>.key`, 0600 in a 0700 folder: for the CLI and browser mode (and Electron without an OS store). */
export function fileKeyStore(dir = defaultKeyDir()): KeyStore {
  const file = (keyId: string) => path.join(dir, keyFileName(keyId));
  return {
    place: dir,
    read(keyId) {
      try {
        return parseKey(fs.readFileSync(file(keyId), 'utf8'), file(keyId));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    write(keyId, key) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file(keyId), keyFileText(key), { mode: 0o600, flag: 'wx' });
    },
  };
}

/**
 * The key of the database in `dataDir`: PIC_DB_KEY when set, else the store's key named by the
 * folder's key id. A folder without an encrypted database (new, or plain from an older version)
 * gets a new key (and id); one whose encrypted database exists but whose key is not found is
 * refused, never replaced by an empty archive.
 */
export function keyFor(dataDir: string, encryptedExists: boolean, store: KeyStore, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[KEY_ENV];
  if (fromEnv) return parseKey(fromEnv, KEY_ENV);
  const idFile = path.join(dataDir, KEY_ID_FILE);
  const keyId = fs.existsSync(idFile) ? fs.readFileSync(idFile, 'utf8').trim() || null : null;
  if (keyId) {
    const key = store.read(keyId);
    if (key) return key;
    if (encryptedExists) throw new MissingKeyError(dataDir, store.place);
  }
  if (encryptedExists && keyId === null) throw new MissingKeyError(dataDir, store.place);
  const newId = keyId ?? randomBytes(16).toString('hex');
  const key = randomBytes(32);
  // The key is stored before its id is named beside the database: whoever finds the id finds the key.
  store.write(newId, key);
  if (keyId) return key;
  // Written whole, then linked into place (a link fails if the name exists): nobody reads half an id.
  const written = `${idFile}.${process.pid}.tmp`;
  fs.writeFileSync(written, `${newId}\n`, { mode: 0o600 });
  try {
    fs.linkSync(written, idFile);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another process opening the same new folder named its key first: that one is the folder's.
    return keyFor(dataDir, encryptedExists, store, env);
  } finally {
    fs.rmSync(written, { force: true });
  }
}
