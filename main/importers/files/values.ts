import { parseIcd9 } from '../../../shared/domain/icd9';
import { isIsoDate } from '../../../shared/domain/dates';
import { PATHOLOGIES } from '../../../shared/domain/pathology';
import { foldText } from '../../../shared/importFields';

/**
 * Italian cell values to the ImportedPatient's types. Each parser returns the value, or null with
 * an Italian warning for the item when the text is there but cannot be read: the adapter then
 * leaves the field null and the engine decides.
 */

export type Parsed<T> = { value: T; warning?: undefined } | { value: null; warning: string };

const ok = <T>(value: T): Parsed<T> => ({ value });
const bad = (warning: string): Parsed<never> => ({ value: null, warning });

/** Trimmed text, or null when blank. */
export function text(raw: string | null | undefined): string | null {
  const t = raw?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** Letters, digits and spaces only, lower-case, accents removed: for matching names. */
export const fold = foldText;

export type DateOrder = 'dmy' | 'ymd';

export interface DateOptions {
  /** How to read an all-two-digit date such as 07/03/50 (default day first). */
  order?: DateOrder;
  /**
   * How to complete a two-digit year: 'past' (birth dates: never after today) or 'recent'
   * (letter dates: 20yy).
   */
  century?: 'past' | 'recent';
  /** The studio's day (ISO), for 'past': a two-digit year is never after it. */
  today: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included); serials from 1910 to 2099. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_MIN = 3654;
const EXCEL_MAX = 73415;

export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < EXCEL_MIN || serial > EXCEL_MAX) return null;
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

function fullYear(y: string, options: DateOptions): number {
  const n = Number(y);
  if (y.length !== 2) return n;
  if (options.century === 'recent') return 2000 + n;
  const thisYear = Number(options.today.slice(0, 4));
  return 2000 + n > thisYear ? 1900 + n : 2000 + n;
}

/**
 * Italian dates: dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd (also with a time after
 * it), ddmmyyyy or yyyymmdd, and Excel serial numbers. "31/02/1950" is a warning, not a date.
 */
export function parseItalianDate(raw: string | null | undefined, options: DateOptions): Parsed<string> | null {
  const t = text(raw);
  if (t === null) return null;
  const invalid = () => bad(`Data "${t}" non valida: campo lasciato vuoto.`);
  const check = (y: number, m: number, d: number) => {
    const out = iso(y, m, d);
    return y >= 1800 && y <= 2100 && isIsoDate(out) ? ok(out) : invalid();
  };

  // ISO, possibly with a time: 1950-03-07, 1950-03-07T00:00:00Z, 1950-03-07 00:00:00.
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return check(Number(m[1]), Number(m[2]), Number(m[3]));

  // Day first (or year first when asked), with a time after it sometimes (Excel CSVs).
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(t);
  if (m) {
    const [a, b, c] = [m[1] as string, m[2] as string, m[3] as string];
    if (options.order === 'ymd' && c.length === 2) return check(fullYear(a.padStart(2, '0'), options), Number(b), Number(c));
    return check(fullYear(c, options), Number(b), Number(a));
  }

  // Eight digits: yyyymmdd when it reads as a plausible date that way, else ddmmyyyy.
  if (/^\d{8}$/.test(t)) {
    const y = Number(t.slice(0, 4));
    if (options.order === 'ymd' || (y >= 1880 && y <= 2100 && isIsoDate(iso(y, Number(t.slice(4, 6)), Number(t.slice(6, 8)))))) {
      return check(y, Number(t.slice(4, 6)), Number(t.slice(6, 8)));
    }
    return check(Number(t.slice(4, 8)), Number(t.slice(2, 4)), Number(t.slice(0, 2)));
  }

  // An Excel serial number (a date column exported without its format).
  if (/^\d{4,5}(\.\d+)?$/.test(t)) {
    const out = excelSerialToIso(Number(t));
    return out ? ok(out) : invalid();
  }
  return invalid();
}

/** Chronic level: "1", "2", "3", "livello 2", "L2", "liv. 3", "2 - media". 4 and 5 are not chronic. */
export function parseLevel(raw: string | null | undefined): Parsed<1 | 2 | 3> | null {
  const t = text(raw);
  if (t === null) return null;
  // fold() turns "2.0" into "2 0" and "livello 2 (media)" into "livello 2 media".
  const m = /^(?:livello|liv|lv|l)?\s*([0-9]+)(?: 0+)?(?: [a-z ]+)?$/.exec(fold(t));
  const n = m ? Number(m[1]) : NaN;
  if (n === 1 || n === 2 || n === 3) return ok(n);
  if (n === 4 || n === 5) return bad(`Livello ${n}: non è un livello di cronicità della presa in carico (1-3), campo lasciato vuoto.`);
  return bad(`Livello di cronicità "${t}" non riconosciuto (atteso 1, 2 o 3): campo lasciato vuoto.`);
}

/** Sex: M/F, maschio/femmina, maschile/femminile, male/female. */
export function parseSex(raw: string | null | undefined): Parsed<'M' | 'F'> | null {
  const t = text(raw);
  if (t === null) return null;
  const f = fold(t);
  if (['m', 'maschio', 'maschile', 'male', 'uomo', 'mas'].includes(f)) return ok('M');
  if (['f', 'femmina', 'femminile', 'female', 'donna', 'fem'].includes(f)) return ok('F');
  return bad(`Sesso "${t}" non riconosciuto (atteso M o F): campo lasciato vuoto.`);
}

/** ATS letter type: "3", "tipo 3", "lettera 3", "T3". */
export function parseLetterType(raw: string | null | undefined): Parsed<1 | 2 | 3 | 4 | 5> | null {
  const t = text(raw);
  if (t === null) return null;
  const m = /^(?:(?:tipologia|tipo|lettera|t)\s*)*([0-9]+)(?: 0+)?$/.exec(fold(t));
  const n = m ? Number(m[1]) : NaN;
  if (n >= 1 && n <= 5) return ok(n as 1 | 2 | 3 | 4 | 5);
  return bad(`Tipo di lettera "${t}" non riconosciuto (atteso da 1 a 5): lettera non importata.`);
}

/** Codice fiscale as the engine wants it: spaces removed, upper case. Not validated here. */
export function normalizeCf(raw: string | null | undefined): string {
  return (raw ?? '').replace(/[\s.\-_]+/g, '').toUpperCase();
}

/** Splits a list cell on `,`, `;`, `|` and line breaks. */
export function splitList(raw: string | null | undefined): string[] {
  return (raw ?? '')
    .split(/[,;|\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const PATHOLOGY_BY_NAME = new Map<string, number>();
for (const p of PATHOLOGIES) {
  PATHOLOGY_BY_NAME.set(fold(p.name), p.code);
  // "Insufficienza respiratoria / ossigenoterapia": each half names it too.
  if (p.name.includes('/')) for (const part of p.name.split('/')) PATHOLOGY_BY_NAME.set(fold(part), p.code);
  for (const v of Object.values(p.variants ?? {})) PATHOLOGY_BY_NAME.set(fold(v.name), v.code);
}
const KNOWN_CODES = new Set<number>();
for (const p of PATHOLOGIES) {
  KNOWN_CODES.add(p.code);
  for (const v of Object.values(p.variants ?? {})) KNOWN_CODES.add(v.code);
}

/**
 * Regional pathology codes (SGDT-PatologieNonICD9CM) from a list of codes or names of the first
 * application: "56, 50", "56|20", "Ipertensione arteriosa; BPCO", "56 - Ipertensione arteriosa".
 * Unknown entries are dropped with a warning.
 */
export function parsePathologies(raw: string | null | undefined): { codes: number[]; warnings: string[] } {
  const codes: number[] = [];
  const warnings: string[] = [];
  for (const token of splitList(raw)) {
    const m = /^(\d{1,3})(?:[.,]0+)?(?:\s*[-:)]\s*(.*))?$/.exec(token);
    let code: number | undefined;
    if (m) code = Number(m[1]);
    else code = PATHOLOGY_BY_NAME.get(fold(token));
    if (code !== undefined && KNOWN_CODES.has(code)) {
      if (!codes.includes(code)) codes.push(code);
    } else {
      warnings.push(`Patologia "${token}" non riconosciuta tra quelle della prima applicazione: ignorata.`);
    }
  }
  return { codes, warnings };
}

/**
 * ICD9-CM codes from a cell: one code or a list ("250.00; 401.9", "25000 4019"), each possibly
 * followed by its description ("401.9 Ipertensione essenziale"). Unreadable entries are warnings.
 */
export function parseIcd9List(raw: string | null | undefined): { problems: { icd9: string; description: string | null }[]; warnings: string[] } {
  const problems: { icd9: string; description: string | null }[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (code: string, description: string | null) => {
    if (seen.has(code)) return;
    seen.add(code);
    problems.push({ icd9: code, description });
  };
  for (const token of splitList(raw)) {
    // Leading codes, then an optional description of the last one: "401.9 V45.11 - Dialisi".
    const words = token.split(/\s+/);
    const codes: string[] = [];
    while (codes.length < words.length) {
      const code = parseIcd9(words[codes.length] as string);
      if (!code) break;
      codes.push(code.text);
    }
    if (codes.length === 0) {
      warnings.push(`Codice ICD9-CM "${token}" non valido: ignorato.`);
      continue;
    }
    const description = words.slice(codes.length).join(' ').replace(/^[-:–]\s*/, '').trim() || null;
    codes.forEach((code, i) => add(code, i === codes.length - 1 ? description : null));
  }
  return { problems, warnings };
}

/** Ticket exemption codes: "013.250, 031.401.9" (kept as written, upper-case). */
export function parseExemptions(raw: string | null | undefined): string[] {
  const out: string[] = [];
  for (const token of splitList(raw)) {
    for (const part of token.split(/\s+/)) {
      const code = part.toUpperCase();
      if (code && !out.includes(code)) out.push(code);
    }
  }
  return out;
}
