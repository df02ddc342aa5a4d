import fs from 'node:fs';
import path from 'node:path';
import { defaultKeyDir } from '../store/keys';
import { fileSecretStore, type SecretStore } from '../store/secrets';
import type { SafeStorage } from './keyStore';

/** The desktop app's secrets, encrypted by the OS (safeStorage) as `<name>.secret.safe`; files where the OS offers nothing. */
export function safeSecretStore(safeStorage: SafeStorage, dir = defaultKeyDir()): SecretStore {
  const files = fileSecretStore(dir);
  if (!safeStorage.isEncryptionAvailable()) return files;
  const file = (name: string) => path.join(dir, `${name}.secret.safe`);
  return {
    read(name) {
      if (!fs.existsSync(file(name))) return files.read(name);
      return safeStorage.decryptString(fs.readFileSync(file(name)));
    },
    write(name, value) {
      files.write(name, null);
      if (value === null) {
        fs.rmSync(file(name), { force: true });
        return;
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file(name), safeStorage.encryptString(value), { mode: 0o600 });
    },
  };
}
