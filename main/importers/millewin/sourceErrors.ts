import { AppError } from '../../../shared/errors';
import { ImportSourceError } from '../errors';

/**
 * node-postgres and socket errors -> ImportSourceError with a stable code and an Italian message
 * for the user; the driver's text stays in `message` (English, for logs) and in `cause`.
 *
 *   db-unreachable       connection refused, host unknown (DNS), network down, connect timeout
 *   db-auth              wrong password or user, no pg_hba entry, password required but missing
 *   db-missing-database  the database does not exist
 *   db-missing-table     a needed table is missing (also from the introspection in queries.ts)
 *   db-missing-column    a needed column is missing
 *   db-permission        the user may not read a table
 *   db-timeout           a statement ran longer than the statement timeout
 *   db-busy              too many connections, server starting or shutting down
 *   db-ssl               TLS requested but not offered, or the certificate was refused
 *   db-encoding          text the server cannot convert to UTF-8
 *   db-error             anything else
 */

export interface ErrorTarget {
  /** "server:5432/milleps" */
  where: string;
}

interface DriverError {
  code?: string;
  message?: string;
  errno?: number;
  syscall?: string;
  hostname?: string;
}

function withCause(error: ImportSourceError, cause: unknown): ImportSourceError {
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

export function toSourceError(err: unknown, target: ErrorTarget): AppError {
  if (err instanceof AppError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as DriverError;
  const code = e.code ?? '';
  const text = e.message ?? String(err);
  const where = target.where;
  const make = (c: string, userMessage: string) => withCause(new ImportSourceError(c, `Millewin database ${where}: ${text}`, userMessage), err);

  switch (code) {
    case 'ECONNREFUSED':
      return make(
        'db-unreachable',
        `Il server di Millewin (${where}) rifiuta la connessione: verificare che il computer server sia acceso, che PostgreSQL sia avviato e che indirizzo e porta siano corretti.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return make('db-unreachable', `Il nome del server di Millewin (${where}) non è stato trovato in rete: verificare il nome o usare l'indirizzo IP.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EPIPE':
      return make('db-unreachable', `Il server di Millewin (${where}) non è raggiungibile in rete: verificare la connessione e che il server sia acceso.`);
    case '28P01':
      return make('db-auth', `Accesso al database di Millewin (${where}) negato: utente o password errati.`);
    case '28000':
      return make('db-auth', `Il server di Millewin (${where}) non accetta questo utente da questo computer: verificare utente e permessi di accesso (pg_hba.conf).`);
    case '3D000':
      return make('db-missing-database', `Il database indicato non esiste sul server (${where}): il database di Millewin si chiama di solito "milleps".`);
    case '42P01':
      return make('db-missing-table', `Nel database (${where}) manca una tabella di Millewin: non sembra un database di Millewin o la versione non è supportata.`);
    case '42703':
      return make('db-missing-column', `Nel database (${where}) manca una colonna attesa in Millewin: la versione di Millewin non è supportata.`);
    case '42501':
      return make('db-permission', `L'utente non ha il permesso di leggere le tabelle di Millewin (${where}).`);
    case '57014':
      return make('db-timeout', `Il server di Millewin (${where}) ha impiegato troppo tempo a rispondere: riprovare più tardi, quando il server è meno occupato.`);
    case '53300':
    case '57P03':
    case '57P01':
    case '57P02':
      return make('db-busy', `Il server di Millewin (${where}) è occupato, in avvio o in arresto: riprovare tra qualche minuto.`);
    case '22021':
    case '22P05':
      return make('db-encoding', `Il database di Millewin (${where}) contiene testo in una codifica che non si riesce a convertire.`);
    default:
      break;
  }
  if (/timeout|timed out/i.test(text)) {
    return make('db-unreachable', `Il server di Millewin (${where}) non ha risposto entro il tempo massimo: verificare che sia acceso e raggiungibile.`);
  }
  if (/password must be a string|SASL|password authentication|no password/i.test(text)) {
    return make('db-auth', `Il server di Millewin (${where}) richiede una password: indicarla nelle impostazioni dell'importazione o nella variabile PGPASSWORD.`);
  }
  if (/\bSSL\b|TLS|certificate/i.test(text)) {
    return make('db-ssl', `Connessione cifrata al server di Millewin (${where}) non riuscita: provare senza l'opzione di connessione cifrata o verificare il certificato del server.`);
  }
  if (/Connection terminated|ended unexpectedly|socket hang up/i.test(text)) {
    return make('db-unreachable', `La connessione al server di Millewin (${where}) si è interrotta: verificare la rete e riprovare.`);
  }
  return make('db-error', `Errore nel leggere il database di Millewin (${where}). Dettagli nel registro dell'applicazione.`);
}
