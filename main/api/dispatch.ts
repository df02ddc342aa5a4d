import { z } from 'zod';
import { apiCalls, isCallName, isDemoOnly, type ApiResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log';
import type { Handlers } from './handlers';

const log = createLogger('api');
const italian = z.locales.it().localeError;

/** What the transports call into: the handler table, and what the data folder allows. */
export interface CallTarget {
  handlers: Handlers;
  /** The data folder is a demo's: demo-only calls are allowed. */
  demo: boolean;
}

/**
 * Validates, runs and wraps one call. Every transport goes through here, so a payload the
 * contract does not allow never reaches a service, and no error leaves without an Italian text.
 */
export async function dispatch(target: CallTarget, name: unknown, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isCallName(name)) {
    log.warn('unknown call refused', { name: String(name).slice(0, 80) });
    return fail('unknown-call', 'Operazione sconosciuta.');
  }
  if (isDemoOnly(name) && !target.demo) {
    log.warn('demo call refused on a clinic data folder', { call: name });
    return fail('demo-only', "Funzione disponibile solo in modalità dimostrativa: questa cartella dei dati è l'archivio dello studio.");
  }
  const spec = apiCalls[name];
  const input = spec.input.safeParse(rawInput ?? {}, { error: italian });
  if (!input.success) {
    // Custom issues (a malformed codice fiscale) already carry a whole Italian sentence.
    const detail = input.error.issues.map((i) => (i.path.length && i.code !== 'custom' ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    log.warn('invalid payload refused', { call: name, paths: input.error.issues.map((i) => i.path.join('.')) });
    return fail('invalid-input', `Dati non validi: ${detail}`);
  }
  try {
    const handler = target.handlers[name] as (i: unknown) => unknown;
    const value = await handler(input.data);
    const output = spec.output.safeParse(value);
    if (!output.success) {
      log.error('handler returned data outside the contract', { call: name, issues: output.error.issues });
      return fail('internal', 'Errore interno: risposta non conforme. Il problema è stato registrato.');
    }
    return { ok: true, value: output.data };
  } catch (err) {
    if (err instanceof AppError) {
      log.info('call failed', { call: name, code: err.code, message: err.message });
      return fail(err.code, err.userMessage);
    }
    log.error('call crashed', { call: name, err });
    return fail('internal', 'Errore interno imprevisto. Il problema è stato registrato nel registro dell\'applicazione.');
  }
}

function fail(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
