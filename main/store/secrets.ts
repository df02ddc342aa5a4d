import fs from 'node:fs';
import path from 'node:path';
import { defaultKeyDir } from './keys';

/**
 * Secrets that are not health data but open a door (the Centro Servizi's bearer token): kept
 * beside the database keys, outside the data folder and its backups, never in the database or
 * the logs. Files 0600 here; the desktop app wraps them with safeStorage (main/electron/secretStore.ts).
 */
export interface SecretStore {
  read(name: string): string | null;
  /** null removes it. */
  write(name: string, value: string | null): void;
}

export function fileSecretStore(dir = defaultKeyDir()): SecretStore {
  const file = (name: string) => path.join(dir, `${name}.secret`);
  return {
    read(name) {
      try {
        return fs.readFileSync(file(name), 'utf8').trim() || null;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    write(name, value) {
      if (value === null) {
        fs.rmSync(file(name), { force: true });
        return;
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${file(name)}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${value}\n`, { mode: 0o600 });
      fs.renameSync(temp, file(name));
    },
  };
}
