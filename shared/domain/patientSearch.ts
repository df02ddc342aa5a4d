import { AppError } from '../errors';
import { normalizeCodiceFiscale, parseCodiceFiscale } from './codiceFiscale';
import { nameKey } from './patient';

export class SearchQueryError extends AppError {
  constructor(code: 'search-too-short' | 'search-invalid', message: string, userMessage: string) {
    super(code, message, userMessage);
  }
}

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 64;

/** A name prefix pair: both keys are nameKey()s; an empty key matches anything. */
export interface NameSplit {
  surname: string;
  given: string;
}

export type SearchPlan =
  | { kind: 'codiceFiscale'; prefix: string }
  /** Alternatives in order of preference: the first ones' rows are shown first. */
  | { kind: 'name'; splits: NameSplit[] };

const NAME_CHARS = /^[\p{L}\s'’.-]+$/u;
const CF_CHARS = /^[A-Z0-9]+$/;
const MAX_TOKENS = 4;

/**
 * Turns what the user typed into index range lookups. Text with a digit is a codice fiscale
 * (or its beginning); anything else is surname and/or given name, in either order, where
 * multi-word surnames ("De Luca") are tried whole as well as split.
 */
export function planPatientSearch(text: string): SearchPlan {
  const trimmed = text.trim();
  if (trimmed.length > SEARCH_MAX_LENGTH) {
    throw new SearchQueryError('search-invalid', `search text longer than ${SEARCH_MAX_LENGTH}`, `Testo di ricerca troppo lungo (massimo ${SEARCH_MAX_LENGTH} caratteri).`);
  }
  if (/\d/.test(trimmed)) return planCodiceFiscale(trimmed);
  if (trimmed.length > 0 && !NAME_CHARS.test(trimmed)) {
    throw new SearchQueryError('search-invalid', 'search text has characters that no name contains', 'La ricerca contiene caratteri che non compaiono in nomi o codici fiscali.');
  }
  const tokens = trimmed.split(/\s+/).map(nameKey).filter((t) => t.length > 0);
  if (tokens.join('').length < SEARCH_MIN_LENGTH) {
    throw new SearchQueryError('search-too-short', 'search text too short', `Scrivere almeno ${SEARCH_MIN_LENGTH} lettere del cognome, del nome o del codice fiscale.`);
  }
  if (tokens.length > MAX_TOKENS) {
    throw new SearchQueryError('search-invalid', 'too many words in search text', `Scrivere al massimo ${MAX_TOKENS} parole (cognome e nome).`);
  }
  const splits: NameSplit[] = [{ surname: tokens.join(''), given: '' }];
  for (let i = 1; i < tokens.length; i++) {
    splits.push({ surname: tokens.slice(0, i).join(''), given: tokens.slice(i).join('') });
  }
  for (let i = 1; i < tokens.length; i++) {
    splits.push({ surname: tokens.slice(i).join(''), given: tokens.slice(0, i).join('') });
  }
  if (tokens.length === 1) splits.push({ surname: '', given: tokens[0] as string });
  return { kind: 'name', splits };
}

function planCodiceFiscale(text: string): SearchPlan {
  const prefix = normalizeCodiceFiscale(text);
  if (!CF_CHARS.test(prefix)) {
    throw new SearchQueryError('search-invalid', 'codice fiscale search has characters outside A-Z 0-9', 'Il codice fiscale può contenere solo lettere e cifre.');
  }
  // A complete code is checked, so that a typo is reported instead of silently finding nothing.
  if (prefix.length >= 16) parseCodiceFiscale(prefix);
  return { kind: 'codiceFiscale', prefix };
}

/** Whether a patient (by codice fiscale and name keys) is one the plan finds: for lists filtered in memory. */
export function matchesSearch(plan: SearchPlan, p: { codiceFiscale: string; surnameKey: string; givenKey: string }): boolean {
  if (plan.kind === 'codiceFiscale') return p.codiceFiscale.startsWith(plan.prefix);
  return plan.splits.some((s) => p.surnameKey.startsWith(s.surname) && p.givenKey.startsWith(s.given));
}
