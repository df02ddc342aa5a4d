import { parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { isIsoDate } from '../../shared/domain/dates';
import { AppError } from '../../shared/errors';
import { UsageError, type ParsedArgs } from './args';
import type { CliCall } from './withCore';

/** Options several commands share: required values, dates, the patient named by --cf. */

export function required(args: ParsedArgs, name: string): string {
  const value = args.options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

export function dateOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${name} needs a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

/** The stored patient with the codice fiscale of --cf (validated first). */
export async function patientIdOf(call: CliCall, args: ParsedArgs): Promise<number> {
  const cf = parseCodiceFiscale(required(args, 'cf'));
  const found = (await call('patients.search', { text: cf })).patients.find((p) => p.codiceFiscale === cf);
  if (!found) throw new AppError('patient-not-found', `no patient with codice fiscale ${cf}`, 'Paziente non trovato.');
  return found.id;
}
