import type { ImportItem, ImportedPatient, ImportedProblem, ImportedTherapy } from '../adapter';

/**
 * Mapping of Millewin rows to ImportedPatient. Pure: no database here, so it is unit-tested on
 * rows as node-postgres returns them.
 *
 * Millewin's column types are not documented publicly, so every value is taken tolerantly:
 * - text may come padded (char(n)), with surrounding blanks, or as raw bytes (Buffer) when the
 *   database is SQL_ASCII (then it is UTF-8 if it decodes as such, otherwise Windows-1252, the
 *   superset of Latin-1 that Windows programs write); blank text is null;
 * - dates may be `date`/`timestamp` (read as ISO text: the session uses DateStyle ISO and the
 *   client returns dates unparsed), JS Dates, or text 'dd/mm/yyyy' (also with '.' or '-'),
 *   'yyyy-mm-dd[ time]', 'yyyy/mm/dd' or 'yyyymmdd';
 * - sex may be 'M'/'F' (any case, or a word starting with it: "Maschio"), or ISTAT's 1/2;
 * - numbers (an integer `codice`) become their decimal text.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

export function decodeBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** The value as text, untrimmed (a key must stay as the database has it). */
export function rawText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return decodeBytes(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoOfLocalDate(value);
  return String(value);
}

/** Trimmed text, NULs removed; blank is null. */
export function cleanText(value: unknown): string | null {
  const raw = rawText(value);
  if (raw === null) return null;
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/\u0000/g, '').trim();
  return text === '' ? null : text;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoOfLocalDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function isoIfReal(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2199) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * ISO YYYY-MM-DD, or null when absent or unreadable. The same shapes as `dateKeySql` in
 * queries.ts reads in SQL (that one decides whether a revocation is past; this one reports).
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoIfReal(value.getFullYear(), value.getMonth() + 1, value.getDate());
  const text = cleanText(value);
  if (text === null) return null;
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[\sT])/.exec(text);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|\s)/.exec(text);
  if (m) return isoIfReal(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** 'M' | 'F', null when absent, 'unknown' when present but not understood. */
export function parseSex(value: unknown): 'M' | 'F' | null | 'unknown' {
  const text = cleanText(value);
  if (text === null) return null;
  const t = text.toUpperCase();
  if (t === '1' || t.startsWith('M')) return 'M';
  if (t === '2' || t.startsWith('F')) return 'F';
  return 'unknown';
}

/** dd/mm/yyyy, as Italian users read dates. */
export function italianDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** A patient row of the patients query (queries.ts), values as the driver returns them. */
export interface PatientRow {
  /** pazienti.codice, untrimmed: the key for the problems/therapies queries. */
  k: unknown;
  cognome: unknown;
  nome: unknown;
  nascita: unknown;
  sesso: unknown;
  codice_fiscale: unknown;
  pa_convenzione: unknown;
  pa_drevoca: unknown;
  tel_cell: unknown;
  email: unknown;
}

export interface ProblemRow {
  k?: unknown;
  cp_code: unknown;
  nome_pbl: unknown;
  data_open: unknown;
}

export interface TherapyRow {
  k?: unknown;
  co_atc: unknown;
  co_des: unknown;
}

export function rowRef(codice: unknown): string {
  return `pazienti.codice=${cleanText(codice) ?? ''}`;
}

export function mapProblems(rows: readonly ProblemRow[]): ImportedProblem[] {
  const seen = new Set<string>();
  const out: ImportedProblem[] = [];
  for (const r of rows) {
    const icd9 = cleanText(r.cp_code);
    const description = cleanText(r.nome_pbl);
    if (icd9 === null && description === null) continue;
    const since = parseDate(r.data_open);
    const key = `${icd9}\u0001${description}\u0001${since}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ icd9, description, since });
  }
  return out;
}

export function mapTherapies(rows: readonly TherapyRow[]): ImportedTherapy[] {
  const seen = new Set<string>();
  const out: ImportedTherapy[] = [];
  for (const r of rows) {
    const atc = cleanText(r.co_atc);
    const description = cleanText(r.co_des) ?? atc;
    if (description === null) continue;
    const key = `${atc}\u0001${description.toUpperCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ atc, description });
  }
  return out;
}

/**
 * One current patient -> one item. Only a missing codice fiscale makes it a reject; a malformed
 * one is passed as is (trimmed): checking it is the engine's job.
 */
export function mapPatient(row: PatientRow, problems: readonly ProblemRow[] = [], therapies: readonly TherapyRow[] = []): ImportItem {
  const ref = rowRef(row.k);
  const surname = cleanText(row.cognome);
  const givenName = cleanText(row.nome);
  const codiceFiscale = cleanText(row.codice_fiscale);
  if (codiceFiscale === null) {
    const who = [surname, givenName].filter(Boolean).join(' ');
    return {
      kind: 'reject',
      row: ref,
      reason: `Codice fiscale mancante in Millewin${who ? ` (${who})` : ''}: il paziente non può essere importato. Inserirlo nella scheda del paziente in Millewin e ripetere l'importazione.`,
    };
  }

  const warnings: string[] = [];
  const patient: ImportedPatient = { codiceFiscale, surname, givenName };

  const birth = parseDate(row.nascita);
  patient.birthDate = birth;
  const birthText = cleanText(row.nascita);
  if (birth === null && birthText !== null) warnings.push(`Data di nascita non leggibile ("${birthText}"): lasciata vuota.`);

  const sex = parseSex(row.sesso);
  if (sex === 'unknown') {
    patient.sex = null;
    warnings.push(`Sesso non riconosciuto ("${cleanText(row.sesso)}"): lasciato vuoto.`);
  } else {
    patient.sex = sex;
  }

  patient.mobile = cleanText(row.tel_cell);
  patient.email = cleanText(row.email);
  patient.problems = mapProblems(problems);
  patient.therapies = mapTherapies(therapies);

  // 'S' = in convenzione with the SSN; other values (private patients) are still the doctor's.
  const convenzione = cleanText(row.pa_convenzione);
  if (convenzione !== null && convenzione.toUpperCase() !== 'S') {
    warnings.push(`Paziente non in convenzione SSN in Millewin (pa_convenzione = "${convenzione}").`);
  }

  // The query already left out patients revoked in the past: a date here is in the future.
  const revocaText = cleanText(row.pa_drevoca);
  if (revocaText !== null) {
    const revoca = parseDate(row.pa_drevoca);
    warnings.push(
      revoca
        ? `Revoca dal medico già registrata con decorrenza ${italianDate(revoca)}.`
        : `Data di revoca non leggibile ("${revocaText}"): il paziente è considerato ancora in carico.`,
    );
  }

  return warnings.length > 0 ? { kind: 'patient', row: ref, patient, warnings } : { kind: 'patient', row: ref, patient };
}
