import fs from 'node:fs';
import path from 'node:path';
import { defaultKeyDir, fileKeyStore, parseKey, type KeyStore } from '../store/keys';

/** What this module needs of Electron's safeStorage (the OS keychain, DPAPI, libsecret). */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

/**
 * The desktop app keeps the database key protected by the OS: `<id>.safe`, encrypted by
 * safeStorage, beside the CLI's key files. A key file the CLI or browser mode created is read as
 * well (the same folder opens everywhere); where the OS offers no protection, key files are used.
 */
export function safeKeyStore(safeStorage: SafeStorage, dir = defaultKeyDir()): KeyStore {
  const files = fileKeyStore(dir);
  if (!safeStorage.isEncryptionAvailable()) return files;
  const safeFile = (keyId: string) => path.join(dir, `${keyId}.safe`);
  return {
    place: `${dir} (protetta dal sistema operativo)`,
    read(keyId) {
      const file = safeFile(keyId);
      if (!fs.existsSync(file)) return files.read(keyId);
      return parseKey(safeStorage.decryptString(fs.readFileSync(file)), file);
    },
    write(keyId, key) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(safeFile(keyId), safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
    },
  };
}
