import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What starts a sealed file: version 1, AES-256-GCM, then a 12-byte nonce and the 16-byte tag. */
const MAGIC = Buffer.from('PICENC1\n', 'latin1');
const NONCE = 12;
const TAG = 16;

export class DocumentTamperedError extends Error {
  constructor(file: string) {
    super(`document ${file} does not authenticate with this archive's key`);
    this.name = 'DocumentTamperedError';
  }
}

/** The documents' key, derived from the database's: one secret to keep, two uses kept apart. */
export function documentKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.from('pic-studio'), Buffer.from('documents v1'), 32));
}

export function seal(key: Buffer, bytes: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
}

export function isSealed(data: Buffer): boolean {
  return data.length >= MAGIC.length + NONCE + TAG && data.subarray(0, MAGIC.length).equals(MAGIC);
}

/** The clear bytes of a sealed file; a file of an older version, stored in clear, as it is. */
export function unseal(key: Buffer, data: Buffer, file: string): Buffer {
  if (!isSealed(data)) return data;
  const nonce = data.subarray(MAGIC.length, MAGIC.length + NONCE);
  const tag = data.subarray(MAGIC.length + NONCE, MAGIC.length + NONCE + TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data.subarray(MAGIC.length + NONCE + TAG)), decipher.final()]);
  } catch {
    throw new DocumentTamperedError(file);
  }
}

/** Writes sealed bytes, 0600, through a partial file renamed into place (never half a document). */
export function writeSealed(key: Buffer, file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.part`;
  fs.writeFileSync(partial, seal(key, bytes), { mode: 0o600 });
  fs.renameSync(partial, file);
}
