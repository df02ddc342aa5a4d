import { AppError } from '../../shared/errors';

export class DataDirNotWritableError extends AppError {
  constructor(readonly dir: string, cause: string) {
    super(
      'data-dir-not-writable',
      `data directory ${dir} is not writable: ${cause}`,
      `La cartella dei dati (${dir}) non è scrivibile. Sceglierne un'altra o correggere i permessi.`,
    );
  }
}

export class CorruptDatabaseError extends AppError {
  constructor(readonly file: string, cause: string) {
    super(
      'database-corrupt',
      `database file ${file} is not a readable SQLite database: ${cause}`,
      `Il file del database (${file}) è danneggiato o non è un database di PiC Studio. Il file non è stato modificato: ripristinare una copia di sicurezza.`,
    );
  }
}

export class DatabaseTooNewError extends AppError {
  constructor(readonly file: string, readonly found: number, readonly supported: number) {
    super(
      'database-too-new',
      `database ${file} has schema version ${found}, this build knows up to ${supported}`,
      `Il database è stato scritto da una versione più recente di PiC Studio (schema ${found}, questa versione arriva a ${supported}). Aggiornare l'applicazione: il database non è stato modificato.`,
    );
  }
}

/**
 * Another process (the CLI, a second window) held the archive's write lock longer than the busy
 * timeout: nothing was written, and the same action can simply be repeated.
 */
export class StoreBusyError extends AppError {
  constructor(cause: string) {
    super('busy', `database busy: ${cause}`, "L'archivio è occupato da un'altra operazione in corso: nulla è stato salvato, riprovare tra poco.");
  }
}

/** SQLite's "database is locked" as a StoreBusyError; any other error as it is. */
export function asBusyError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) ? new StoreBusyError((err as Error).message) : err;
}
