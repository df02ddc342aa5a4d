import { SEARCH_LIMIT } from '../../shared/contract/patients';
import { CHRONIC_LEVEL_LABEL, type ChronicLevel } from '../../shared/domain/chronicLevel';
import { ageOn } from '../../shared/domain/dates';
import type { Sex } from '../../shared/domain/patient';

/** Display helpers: pure, Italian, unit-tested. Dates use shared/domain/dates (dd/mm/yyyy). */

const longDay = new Intl.DateTimeFormat('it-IT', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2027-12-31" -> "venerdì 31 dicembre 2027": a calendar day, read the same in any time zone. */
export function formatDayLong(isoDate: string): string {
  return longDay.format(new Date(`${isoDate}T12:00:00Z`));
}

const shortDay = new Intl.DateTimeFormat('it-IT', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2027-12-31" -> "ven 31 dic 2027". */
export function formatDayShort(isoDate: string): string {
  return shortDay.format(new Date(`${isoDate}T12:00:00Z`));
}

/** "73 anni", "1 anno", "0 anni". */
export function formatAge(birthDate: string, today: string): string {
  const years = Math.max(0, ageOn(birthDate, today));
  return years === 1 ? '1 anno' : `${years} anni`;
}

// it-IT alone leaves 4-digit numbers ungrouped ("2000"); "2.000" reads more easily.
const numberFormat = new Intl.NumberFormat('it-IT', { useGrouping: 'always', maximumFractionDigits: 0 });

/** 12345 -> "12.345", 2000 -> "2.000". */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

const oneDecimal = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });

/** "812 byte", "12,5 kB", "1,2 MB" (decimal units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte`;
  if (bytes < 1_000_000) return `${oneDecimal.format(bytes / 1000)} kB`;
  return `${oneDecimal.format(bytes / 1_000_000)} MB`;
}

/** "Livello 2", or "Non indicato" when the ATS list gave no level. */
export function levelShort(level: ChronicLevel | null): string {
  return level === null ? 'Non indicato' : `Livello ${level}`;
}

/** The explanation after the level number: "cronicità polipatologica". */
export function levelDescription(level: ChronicLevel | null): string {
  if (level === null) return '';
  const label = CHRONIC_LEVEL_LABEL[level];
  const dash = label.indexOf(' - ');
  return dash >= 0 ? label.slice(dash + 3) : label;
}

export function sexLabel(sex: Sex): string {
  return sex === 'F' ? 'Femmina' : 'Maschio';
}

const PATHOLOGY_SOURCE_LABEL: Record<string, string> = {
  ats: 'lista ATS',
  icd9: 'diagnosi (ICD9-CM)',
  icd10: 'diagnosi (ICD-10)',
  mmg: 'inserita dal medico',
};

/** Where a pathology comes from; an unknown source is shown as it is rather than hidden. */
export function pathologySourceLabel(source: string): string {
  return PATHOLOGY_SOURCE_LABEL[source] ?? source;
}

export function pathologyConfirmationLabel(confirmed: boolean): string {
  return confirmed ? 'confermata' : 'da confermare';
}

/** Empty or missing contact data. */
export function orNotGiven(value: string | null | undefined): string {
  const text = value?.trim();
  return text ? text : 'non indicato';
}

/** "Creati 500 pazienti, 12 già presenti" (singular forms for 1). */
export function seedResultText(created: number, skipped: number): string {
  const c = created === 1 ? 'Creato 1 paziente' : `Creati ${formatCount(created)} pazienti`;
  const s = skipped === 1 ? '1 già presente' : `${formatCount(skipped)} già presenti`;
  return `${c}, ${s}`;
}

export const TRUNCATED_TEXT = `Mostrati i primi ${SEARCH_LIMIT}: restringere la ricerca`;
export const NO_RESULTS_TEXT = 'Nessun paziente trovato';

/** "3 pazienti trovati" / "1 paziente trovato". */
export function resultCountText(count: number, truncated: boolean): string {
  if (truncated) return TRUNCATED_TEXT;
  if (count === 0) return NO_RESULTS_TEXT;
  return count === 1 ? '1 paziente trovato' : `${count} pazienti trovati`;
}

/** Progress as a whole percentage in 0..100 (a total of 0 counts as not started). */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** Patients count for the status bar: "2.000 pazienti in archivio". */
export function patientCountText(count: number): string {
  return `${patientCountShort(count)} in archivio`;
}

/** The same where room is short: "2.000 pazienti". */
export function patientCountShort(count: number): string {
  return count === 1 ? '1 paziente' : `${formatCount(count)} pazienti`;
}
