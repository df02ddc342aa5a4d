import { AppError } from '../../shared/errors';

/** How an exchange with the Centro Servizi failed: each kind is handled differently by the worker. */

/** No answer (refused, reset, timed out, DNS): the studio is offline, the items wait. */
export class ServerUnreachableError extends AppError {
  constructor(detail: string) {
    super('sync-offline', `Centro Servizi unreachable: ${detail}`, 'Il Centro Servizi non risponde: le modifiche restano in coda e partiranno da sole quando la connessione torna.');
  }
}

/** 429, 503, 504: the server asks to try again, the identical request, after `retryAfterMs`. */
export class ServerBusyError extends AppError {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super('sync-busy', `Centro Servizi busy (HTTP ${status})`, 'Il Centro Servizi è occupato: il prossimo invio è già programmato.');
  }
}

/** 5xx other than the busy ones: the server failed; backoff and try again. */
export class ServerFailedError extends AppError {
  constructor(
    readonly status: number,
    readonly outcome: string,
  ) {
    super('sync-server-error', `Centro Servizi failed (HTTP ${status}): ${outcome}`, `Il Centro Servizi ha avuto un errore (HTTP ${status}): nuovo tentativo tra poco.`);
  }
}

/** An answer that is not the FHIR it should be: nothing is taken from it, the request is repeated later. */
export class ServerGarbageError extends AppError {
  constructor(detail: string) {
    super('sync-garbage', `Centro Servizi answered garbage: ${detail}`, 'Il Centro Servizi ha risposto in modo non valido: nulla è stato preso dalla risposta, nuovo tentativo tra poco.');
  }
}

/** 401, 403: the token is missing, wrong or expired; nothing goes until someone fixes it. */
export class ServerAuthError extends AppError {
  constructor(readonly status: number) {
    super('sync-unauthorized', `Centro Servizi refused the token (HTTP ${status})`, 'Il Centro Servizi rifiuta le credenziali: controllare il token in Impostazioni → Centro Servizi.');
  }
}

/** Any other 4xx: the server refuses this content; a person looks at its reason. */
export class ServerRefusedError extends AppError {
  constructor(
    readonly status: number,
    readonly outcome: string,
  ) {
    super('sync-refused', `Centro Servizi refused (HTTP ${status}): ${outcome}`, `Il Centro Servizi ha rifiutato i dati: ${outcome}`);
  }
}

/** 409 or 412: the server's copy changed since we read it; refetch, then merge or ask a person. */
export class SyncConflictError extends AppError {
  constructor(
    readonly status: number,
    readonly outcome: string,
  ) {
    super('sync-conflict', `version conflict (HTTP ${status}): ${outcome}`, 'Il dato è stato modificato anche sul Centro Servizi: va confrontato.');
  }
}

/** A Centro Servizi address that would send health data in clear over a network. */
export class InsecureServerUrlError extends AppError {
  constructor(url: string) {
    super('sync-insecure-url', `refusing a non-TLS URL outside loopback: ${url}`, "L'indirizzo del Centro Servizi deve iniziare con https:// (solo un server su questo stesso computer può usare http://).");
  }
}
