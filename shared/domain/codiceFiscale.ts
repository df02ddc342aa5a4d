import { AppError } from '../errors';

/**
 * Codice fiscale of a natural person (DM 23/12/1976). Omocodes, where the Agenzia delle Entrate
 * replaces digits with letters to tell two identical codes apart, are valid and must never be
 * rejected. Written here from the published algorithm.
 */

export type CodiceFiscaleProblem = 'empty' | 'length' | 'format' | 'date' | 'check';

const PROBLEM_TEXT: Record<CodiceFiscaleProblem, { en: string; it: string }> = {
  empty: { en: 'codice fiscale is empty', it: 'Il codice fiscale è vuoto.' },
  length: {
    en: 'codice fiscale must be 16 characters',
    it: 'Il codice fiscale deve avere 16 caratteri.',
  },
  format: {
    en: 'codice fiscale has characters in the wrong places',
    it: 'Il codice fiscale contiene caratteri non validi o fuori posto.',
  },
  date: {
    en: 'codice fiscale encodes an impossible birth date',
    it: 'Il codice fiscale contiene una data di nascita impossibile.',
  },
  check: {
    en: 'codice fiscale check character does not match',
    it: 'Il carattere di controllo del codice fiscale non corrisponde: verificare di averlo trascritto correttamente.',
  },
};

export class InvalidCodiceFiscaleError extends AppError {
  constructor(
    readonly input: string,
    readonly problem: CodiceFiscaleProblem,
  ) {
    super('invalid-codice-fiscale', `${PROBLEM_TEXT[problem].en}: "${input}"`, PROBLEM_TEXT[problem].it);
  }
}

const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Letters that stand for the digits 0-9 in an omocode. */
const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** Zero-based positions that hold digits in the base code and may hold omocode letters. */
export const OMOCODE_POSITIONS = [14, 13, 12, 10, 9, 7, 6] as const;

const ODD_VALUES: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

const SHAPE = /^[A-Z]{6}[0-9L-NP-V]{2}[ABCDEHLMPRST][0-9L-NP-V]{2}[A-Z][0-9L-NP-V]{3}[A-Z]$/;

function evenValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

/** The check character for the first 15 characters of a code. */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i] as string;
    // Positions are counted from 1 in the standard: index 0 is "odd".
    sum += i % 2 === 0 ? (ODD_VALUES[ch] ?? 0) : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Replaces omocode letters with the digits they stand for. */
export function deomocode(code: string): string {
  const chars = code.split('');
  for (const pos of OMOCODE_POSITIONS) {
    const ch = chars[pos] as string;
    const digit = OMOCODE_LETTERS.indexOf(ch);
    if (digit >= 0) chars[pos] = String(digit);
  }
  const base = chars.slice(0, 15).join('');
  return base + checkCharacter(base);
}

export function normalizeCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Throws InvalidCodiceFiscaleError; returns the normalized (upper-case, no spaces) code. */
export function parseCodiceFiscale(input: string): string {
  const code = normalizeCodiceFiscale(input);
  if (code.length === 0) throw new InvalidCodiceFiscaleError(input, 'empty');
  if (code.length !== 16) throw new InvalidCodiceFiscaleError(input, 'length');
  if (!SHAPE.test(code)) throw new InvalidCodiceFiscaleError(input, 'format');
  const base = deomocode(code);
  const day = Number(base.slice(9, 11));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    throw new InvalidCodiceFiscaleError(input, 'date');
  }
  const decoded = decodeBirth(base);
  if (!isRealDate(decoded.yearTwoDigits + 2000, decoded.month, decoded.day) &&
      !isRealDate(decoded.yearTwoDigits + 1900, decoded.month, decoded.day)) {
    throw new InvalidCodiceFiscaleError(input, 'date');
  }
  if (checkCharacter(code.slice(0, 15)) !== code[15]) {
    throw new InvalidCodiceFiscaleError(input, 'check');
  }
  return code;
}

export function isValidCodiceFiscale(input: string): boolean {
  try {
    parseCodiceFiscale(input);
    return true;
  } catch {
    return false;
  }
}

export function isOmocode(code: string): boolean {
  return OMOCODE_POSITIONS.some((pos) => OMOCODE_LETTERS.includes(code[pos] as string));
}

interface BirthParts {
  yearTwoDigits: number;
  month: number;
  day: number;
  sex: 'M' | 'F';
  birthPlaceCode: string;
}

function decodeBirth(base: string): BirthParts {
  const rawDay = Number(base.slice(9, 11));
  return {
    yearTwoDigits: Number(base.slice(6, 8)),
    month: MONTH_LETTERS.indexOf(base[8] as string) + 1,
    day: rawDay > 40 ? rawDay - 40 : rawDay,
    sex: rawDay > 40 ? 'F' : 'M',
    birthPlaceCode: base.slice(11, 15),
  };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export interface CodiceFiscaleFacts {
  sex: 'M' | 'F';
  /** ISO date; the century is the latest one that does not put the birth after `today`. */
  birthDate: string;
  birthPlaceCode: string;
}

/** What a valid code tells about its holder. `today` resolves the two-digit year. */
export function describeCodiceFiscale(input: string, today: string): CodiceFiscaleFacts {
  return factsOfParsed(parseCodiceFiscale(input), today);
}

/** describeCodiceFiscale for a code parseCodiceFiscale already accepted (imports: once per row). */
export function factsOfParsed(code: string, today: string): CodiceFiscaleFacts {
  const parts = decodeBirth(deomocode(code));
  const thisYear = Number(today.slice(0, 4));
  let year = 2000 + parts.yearTwoDigits;
  const iso = (y: number) => `${y}-${pad2(parts.month)}-${pad2(parts.day)}`;
  if (year > thisYear || iso(year) > today) year -= 100;
  return { sex: parts.sex, birthDate: iso(year), birthPlaceCode: parts.birthPlaceCode };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export interface CodiceFiscaleInput {
  surname: string;
  givenName: string;
  sex: 'M' | 'F';
  /** ISO date YYYY-MM-DD */
  birthDate: string;
  /** Codice catastale (Belfiore) of the birth municipality, or Z-code of the foreign country. */
  birthPlaceCode: string;
}

/** Letters only, accents removed: "D'Amico" -> "DAMICO", "Nicolò" -> "NICOLO". */
function lettersOf(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');
}

const isVowel = (c: string) => 'AEIOU'.includes(c);

function surnamePart(surname: string): string {
  const l = lettersOf(surname);
  const consonants = [...l].filter((c) => !isVowel(c)).join('');
  const vowels = [...l].filter(isVowel).join('');
  return (consonants + vowels + 'XXX').slice(0, 3);
}

function givenNamePart(givenName: string): string {
  const l = lettersOf(givenName);
  const consonants = [...l].filter((c) => !isVowel(c));
  const vowels = [...l].filter(isVowel).join('');
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return (consonants.join('') + vowels + 'XXX').slice(0, 3);
}

/** Computes the base (non-omocode) code. Used to create demo data and to cross-check cards. */
export function computeCodiceFiscale(p: CodiceFiscaleInput): string {
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const day = p.sex === 'F' ? d + 40 : d;
  const first15 =
    surnamePart(p.surname) +
    givenNamePart(p.givenName) +
    pad2(y % 100) +
    MONTH_LETTERS[m - 1] +
    pad2(day) +
    p.birthPlaceCode.toUpperCase();
  return first15 + checkCharacter(first15);
}

/**
 * The k-th omocode variant (k = 1..7): the Agenzia replaces digits from the rightmost one
 * leftwards, one more for each further homonym.
 */
export function omocodeVariant(code: string, k: number): string {
  const chars = deomocode(code).split('');
  for (const pos of OMOCODE_POSITIONS.slice(0, k)) {
    chars[pos] = OMOCODE_LETTERS[Number(chars[pos])] as string;
  }
  const base = chars.slice(0, 15).join('');
  return base + checkCharacter(base);
}
