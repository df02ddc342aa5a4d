import os from 'node:os';
import { z } from 'zod';
import { accessOf, apiCalls, isCallName, isDemoOnly, type ApiResult, type CallInput, type CallName, type CallOutput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log';
import { asBusyError } from '../store/errors';
import { authorize, systemOperator } from './access';
import type { CallContext, Transport } from './context';
import type { Handlers } from './handlers';

const log = createLogger('api');
const italian = z.locales.it().localeError;
const english = z.locales.en().localeError;
const workstation = os.hostname();

/** What the transports call into: the handler table, what the data folder allows, who is logged in. */
export interface CallTarget {
  handlers: Handlers;
  /** The data folder is a demo's: demo-only calls are allowed. */
  demo: boolean;
  /** The operator logged in now, if any. */
  operator(): CallContext['operator'];
}

export class UnknownCallError extends AppError {
  constructor(name: unknown) {
    super('unknown-call', `unknown call ${String(name).slice(0, 80)}`, 'Operazione sconosciuta.');
  }
}

export class DemoOnlyCallError extends AppError {
  constructor(name: string) {
    super('demo-only', `${name} is for demo data folders only`, "Funzione disponibile solo in modalità dimostrativa: questa cartella dei dati è l'archivio dello studio.");
  }
}

/** A payload the contract does not allow: the English detail for logs and the CLI, the Italian for the UI. */
export class InvalidPayloadError extends AppError {
  constructor(english: string, italian: string) {
    super('invalid-input', `invalid input: ${english}`, `Dati non validi: ${italian}`);
  }
}

function describe(issues: z.core.$ZodIssue[], language: 'it' | 'en'): string {
  // Custom issues (a malformed codice fiscale) already carry a whole sentence, in both languages.
  const sentence = (i: z.core.$ZodIssue) => (language === 'en' && i.code === 'custom' && typeof i.params?.en === 'string' ? i.params.en : i.message);
  return issues.map((i) => (i.path.length && i.code !== 'custom' ? `${i.path.join('.')}: ${i.message}` : sentence(i))).join('; ');
}

/**
 * Validates the input, runs the handler with the call's context and validates its output; throws
 * the AppError of whatever went wrong. The CLI calls this; the transports call dispatch().
 */
export async function invoke<N extends CallName>(target: CallTarget, name: N, rawInput: CallInput<N> | unknown, transport: Transport): Promise<CallOutput<N>> {
  if (!isCallName(name)) throw new UnknownCallError(name);
  if (isDemoOnly(name) && !target.demo) throw new DemoOnlyCallError(name);
  // Who asks comes first: a payload is not even looked at for someone who may not make the call.
  const ctx: CallContext = { operator: transport === 'cli' ? systemOperator() : target.operator(), transport, workstation };
  authorize(name, accessOf(name), ctx);
  const spec = apiCalls[name];
  const input = spec.input.safeParse(rawInput ?? {}, { error: italian });
  if (!input.success) {
    const inEnglish = spec.input.safeParse(rawInput ?? {}, { error: english });
    throw new InvalidPayloadError(describe((inEnglish.success ? input : inEnglish).error!.issues, 'en'), describe(input.error.issues, 'it'));
  }
  const handler = target.handlers[name] as (i: unknown, c: CallContext) => unknown;
  let value: unknown;
  try {
    value = await handler(input.data, ctx);
  } catch (err) {
    throw asBusyError(err);
  }
  const output = spec.output.safeParse(value);
  if (!output.success) {
    log.error('handler returned data outside the contract', { call: name, issues: output.error.issues });
    throw new AppError('internal', `${name} answered outside the contract`, 'Errore interno: risposta non conforme. Il problema è stato registrato.');
  }
  return output.data as CallOutput<N>;
}

/**
 * One call from a transport, wrapped: a payload the contract does not allow never reaches a
 * service, and no error leaves without an Italian text.
 */
export async function dispatch(target: CallTarget, name: unknown, rawInput: unknown, transport: Transport): Promise<ApiResult<unknown>> {
  try {
    return { ok: true, value: await invoke(target, name as CallName, rawInput, transport) };
  } catch (err) {
    if (err instanceof UnknownCallError) {
      log.warn('unknown call refused', { name: String(name).slice(0, 80) });
    } else if (err instanceof DemoOnlyCallError) {
      log.warn('demo call refused on a clinic data folder', { call: name });
    } else if (err instanceof InvalidPayloadError) {
      log.warn('invalid payload refused', { call: name, message: err.message });
    } else if (err instanceof AppError) {
      if (err.code !== 'internal') log.info('call failed', { call: name, code: err.code, message: err.message });
    } else {
      log.error('call crashed', { call: name, err });
      return fail('internal', "Errore interno imprevisto. Il problema è stato registrato nel registro dell'applicazione.");
    }
    return fail(err.code, err.userMessage);
  }
}

function fail(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
