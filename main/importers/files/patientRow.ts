import type { ImportedPatient, ImportItem } from '../adapter';
import type { ColumnField } from './headers';
import {
  normalizeCf,
  parseExemptions,
  parseIcd9List,
  parseItalianDate,
  parseLetterType,
  parseLevel,
  parsePathologies,
  parseSex,
  text,
  type DateOrder,
  type Parsed,
} from './values';

/** Column index of each field of a table. */
export type FieldColumns = Partial<Record<ColumnField, number>>;

export interface RowMappingOptions {
  dateOrder?: DateOrder;
  /** ISO date of today (two-digit birth years). */
  today: string;
  /** The row was in the other of UTF-8 and Windows-1252 than the file. */
  mixedEncoding?: boolean;
}

/** Each field was read by the encoding it looks like, which a short name can fool (two Windows-1252 letters may look like UTF-8): the user checks. */
export const MIXED_ENCODING_WARNING = 'Codifica dei caratteri mista (UTF-8 e Windows-1252): controllare accenti e apostrofi.';

/**
 * One table row to an ImportItem: the fields the columns give, parsed; unreadable values become
 * warnings and stay null. A row without a codice fiscale is a reject (nothing to match it to).
 */
export function rowToItem(row: number, cells: readonly string[], columns: FieldColumns, options: RowMappingOptions): ImportItem {
  const cell = (field: ColumnField): string | null => {
    const i = columns[field];
    return i === undefined ? null : text(cells[i]);
  };
  /** Lists keep their line breaks (one code per line is a list). */
  const listCell = (field: ColumnField): string | null => {
    const i = columns[field];
    return i === undefined ? null : (cells[i] ?? null);
  };
  const warnings: string[] = options.mixedEncoding ? [MIXED_ENCODING_WARNING] : [];
  const take = <T>(parsed: Parsed<T> | null, label: string): T | null => {
    if (!parsed) return null;
    if (parsed.warning) warnings.push(`${label}: ${parsed.warning}`);
    return parsed.value;
  };

  const cf = normalizeCf(cell('codiceFiscale'));
  if (!cf) return { kind: 'reject', row, reason: `Riga ${row}: codice fiscale mancante, riga scartata.` };
  const patient: ImportedPatient = { codiceFiscale: cf };

  if (columns.surname !== undefined) patient.surname = cell('surname');
  if (columns.givenName !== undefined) patient.givenName = cell('givenName');
  if (columns.birthDate !== undefined) {
    patient.birthDate = take(parseItalianDate(cell('birthDate'), { order: options.dateOrder, century: 'past', today: options.today }), 'Data di nascita');
  }
  if (columns.sex !== undefined) patient.sex = take(parseSex(cell('sex')), 'Sesso');
  if (columns.phone !== undefined) patient.phone = cell('phone');
  if (columns.mobile !== undefined) patient.mobile = cell('mobile');
  if (columns.email !== undefined) patient.email = cell('email');
  if (columns.chronicLevel !== undefined) patient.chronicLevel = take(parseLevel(cell('chronicLevel')), 'Livello');

  if (columns.pathologies !== undefined) {
    const { codes, warnings: w } = parsePathologies(listCell('pathologies'));
    warnings.push(...w);
    if (codes.length) patient.pathologies = codes;
  }
  if (columns.icd9 !== undefined) {
    const { problems, warnings: w } = parseIcd9List(listCell('icd9'));
    warnings.push(...w);
    if (problems.length) patient.problems = problems;
  }
  if (columns.exemptions !== undefined) {
    const exemptions = parseExemptions(listCell('exemptions'));
    if (exemptions.length) patient.exemptions = exemptions;
  }

  if (columns.letterType !== undefined || columns.letterDate !== undefined) {
    const type = take(parseLetterType(cell('letterType')), 'Lettera');
    const rawDate = cell('letterDate');
    const date = take(parseItalianDate(rawDate, { order: options.dateOrder, century: 'recent', today: options.today }), 'Data lettera');
    if (type !== null) patient.letter = { type, date };
    else if (rawDate && columns.letterType !== undefined && !cell('letterType')) {
      warnings.push('Data della lettera senza il tipo di lettera: lettera non importata.');
    }
  }
  return warnings.length ? { kind: 'patient', row, patient, warnings } : { kind: 'patient', row, patient };
}
