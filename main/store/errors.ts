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
