import { csvDocument } from './csv';
import type { AdapterInfo, ChosenFile, ImportRunView, PreviewItem } from '../../shared/contract/import';
import type { Tone } from './enrollment';
import { formatCount } from './format';
import {
  FIELD_LABEL,
  HEADER_SYNONYMS,
  headerMatch,
  headerWords,
  isAboutSomethingElse,
  MAPPED_FIELDS,
  normalizeHeader,
  type MappedField,
} from '../../shared/importFields';

/**
 * Importazione: pure helpers of the page (source forms, column mapping, texts, the rejects CSV).
 * The core validates the options again and answers in Italian; these checks only spare a round trip.
 */

// ---------- which form an adapter needs ----------

/**
 * file: one chosen file; mapped: a chosen file and the column mapping; database: the Millewin
 * connection; json: a plug-in's free options; file-json: a file plug-in's chosen file and its options.
 */
export type SourceFormKind = 'file' | 'mapped' | 'database' | 'json' | 'file-json';

const FORM_KIND: Record<string, SourceFormKind> = {
  'ats-list': 'file',
  'fhir-bundle': 'file',
  'mapped-file': 'mapped',
  millewin: 'database',
};

/** Built-in adapters have their own form; any other one (a plug-in) gets the JSON options editor, and the file chooser if it reads a file. */
export function sourceFormKind(adapter: Pick<AdapterInfo, 'id' | 'source'>): SourceFormKind {
  if (Object.prototype.hasOwnProperty.call(FORM_KIND, adapter.id)) return FORM_KIND[adapter.id] as SourceFormKind;
  return adapter.source === 'file' ? 'file-json' : 'json';
}

/** The forms whose import reads a chosen file (and spends it: after the import it must be chosen again). */
export function readsChosenFile(kind: SourceFormKind): boolean {
  return kind === 'file' || kind === 'mapped' || kind === 'file-json';
}

/** What a plug-in's JSON editor starts from. */
export const INITIAL_JSON_OPTIONS = '{\n  \n}';

// ---------- column mapping (mapped-file) ----------

/** The form's names of the fields: the core's, shorter for the level and the diagnoses. */
const MAPPING_LABEL: Record<MappedField, string> = { ...FIELD_LABEL, chronicLevel: 'Livello', icd9: 'Codici ICD9-CM' };

export const MAPPING_FIELDS = MAPPED_FIELDS.map((field) => ({ field, label: MAPPING_LABEL[field], required: field === 'codiceFiscale' }));

export type MappingField = MappedField;
/** Target field -> source column; '' when the file has no column for it. */
export type MappingState = Record<MappingField, string>;

export const EMPTY_MAPPING: MappingState = Object.fromEntries(MAPPING_FIELDS.map((f) => [f.field, ''])) as MappingState;

export function mappingFieldLabel(field: MappingField): string {
  return MAPPING_LABEL[field] ?? field;
}

/** Header names compared without case, accents or punctuation (the core's comparison). */
export { headerWords, normalizeHeader };

/** A first proposal from the headers' names: each column to at most one field, the best matches first. */
export function guessMapping(headers: readonly string[]): MappingState {
  const candidates: { field: MappingField; header: string; score: number; order: number }[] = [];
  MAPPING_FIELDS.forEach(({ field }, order) => {
    for (const header of headers) {
      const words = headerWords(header);
      if (isAboutSomethingElse(words, field)) continue;
      const score = Math.max(0, ...HEADER_SYNONYMS[field].map((syn) => headerMatch(words, syn)));
      if (score > 0) candidates.push({ field, header, score, order });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || headers.indexOf(a.header) - headers.indexOf(b.header));
  const result: MappingState = { ...EMPTY_MAPPING };
  const used = new Set<string>();
  for (const c of candidates) {
    if (result[c.field] !== '' || used.has(c.header)) continue;
    result[c.field] = c.header;
    used.add(c.header);
  }
  return result;
}

/** A saved mapping (field -> column) as form state; unknown fields are ignored. */
export function mappingFromSaved(saved: Readonly<Record<string, string>>): MappingState {
  const result: MappingState = { ...EMPTY_MAPPING };
  for (const { field } of MAPPING_FIELDS) {
    const column = saved[field];
    if (typeof column === 'string') result[field] = column;
  }
  return result;
}

/** Fields mapped to a column the file does not have (a saved mapping made for another export). */
export function missingColumns(state: MappingState, headers: readonly string[]): MappingField[] {
  return MAPPING_FIELDS.filter(({ field }) => state[field] !== '' && !headers.includes(state[field])).map((f) => f.field);
}

/** Only the mapped fields, as the adapter's `mapping` option wants them. */
export function mappingToOption(state: MappingState): Record<string, string> {
  return Object.fromEntries(MAPPING_FIELDS.filter(({ field }) => state[field] !== '').map(({ field }) => [field, state[field]]));
}

export function isMappingEmpty(state: MappingState): boolean {
  return MAPPING_FIELDS.every(({ field }) => state[field] === '');
}

export type MappingCheck = { ok: true; mapping: Record<string, string> } | { ok: false; field: MappingField; message: string };

/** Before saving or using a mapping: the codice fiscale is needed, each column once, every column in the file. */
export function checkMapping(state: MappingState, headers: readonly string[] | null): MappingCheck {
  if (state.codiceFiscale === '') {
    return { ok: false, field: 'codiceFiscale', message: "Indicare la colonna del codice fiscale: è l'unico dato obbligatorio." };
  }
  if (headers) {
    const missing = missingColumns(state, headers)[0];
    if (missing) return { ok: false, field: missing, message: `La colonna "${state[missing]}" scelta per ${mappingFieldLabel(missing)} non è nel file.` };
  }
  const seen = new Map<string, MappingField>();
  for (const { field } of MAPPING_FIELDS) {
    const column = state[field];
    if (column === '') continue;
    const other = seen.get(column);
    if (other) {
      return { ok: false, field, message: `La colonna "${column}" è scelta sia per ${mappingFieldLabel(other)} sia per ${mappingFieldLabel(field)}.` };
    }
    seen.set(column, field);
  }
  return { ok: true, mapping: mappingToOption(state) };
}

export const MAPPING_NAME_MAX = 60;

export function checkMappingName(name: string): { ok: true; name: string } | { ok: false; message: string } {
  const trimmed = name.trim();
  if (trimmed === '') return { ok: false, message: 'Dare un nome alla mappatura, ad esempio "Export Millewin dello studio".' };
  if (trimmed.length > MAPPING_NAME_MAX) return { ok: false, message: `Il nome può avere al massimo ${MAPPING_NAME_MAX} caratteri.` };
  return { ok: true, name: trimmed };
}

/** The values of one column in the sample rows, to see at a glance whether the mapping is right. */
export function sampleValues(headers: readonly string[], sample: readonly (readonly string[])[], column: string, max = 3): string[] {
  const index = headers.indexOf(column);
  if (index < 0) return [];
  return sample
    .map((row) => (row[index] ?? '').trim())
    .filter((v) => v !== '')
    .slice(0, max);
}

// ---------- the source form as adapter options ----------

export type DateFormat = '' | 'dmy' | 'ymd';

export interface DbForm {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  doctor: string;
}

/** Server, port and database may stay empty: the core then uses Millewin's own (ODBC) entry, or 5432 and milleps. */
export const DEFAULT_DB: DbForm = { host: '', port: '', database: '', user: '', password: '', doctor: '' };

export interface SourceForm {
  /** The file chosen (dialog) or uploaded (browser mode), known to the core by its handle. */
  file: ChosenFile | null;
  mapping: MappingState;
  dateFormat: DateFormat;
  db: DbForm;
  json: string;
}

export type SourceField = 'file' | 'mapping' | 'json' | `db.${keyof DbForm}`;

export type OptionsCheck = { ok: true; options: Record<string, unknown> } | { ok: false; field: SourceField; message: string };

const NO_FILE = { ok: false, field: 'file', message: 'Scegliere il file da importare.' } as const;

const DB_REQUIRED: { key: keyof DbForm; message: string }[] = [
  { key: 'user', message: "Indicare l'utente del database." },
  { key: 'doctor', message: 'Indicare il codice utente del medico in Millewin.' },
];

/** The `options` object for import.preview and import.run, or what the user must fix first. */
export function buildOptions(kind: SourceFormKind, form: SourceForm): OptionsCheck {
  switch (kind) {
    case 'file':
      return form.file ? { ok: true, options: { file: form.file.file } } : NO_FILE;
    case 'mapped': {
      if (!form.file) return NO_FILE;
      const options: Record<string, unknown> = { file: form.file.file };
      // Nothing chosen yet: the adapter says what it needs (or uses the columns it recognizes).
      if (!isMappingEmpty(form.mapping)) {
        const m = checkMapping(form.mapping, null);
        if (!m.ok) return { ok: false, field: 'mapping', message: m.message };
        options.mapping = m.mapping;
      }
      if (form.dateFormat) options.dateFormat = form.dateFormat;
      return { ok: true, options };
    }
    case 'database': {
      for (const { key, message } of DB_REQUIRED) {
        if (form.db[key].trim() === '') return { ok: false, field: `db.${key}`, message };
      }
      const portText = form.db.port.trim();
      const port = Number(portText);
      if (portText !== '' && (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535)) {
        return { ok: false, field: 'db.port', message: 'Porta non valida: un numero da 1 a 65535 (di solito 5432).' };
      }
      const options: Record<string, unknown> = { user: form.db.user.trim(), doctor: form.db.doctor.trim() };
      if (form.db.host.trim()) options.host = form.db.host.trim();
      if (portText) options.port = port;
      if (form.db.database.trim()) options.database = form.db.database.trim();
      // A password is sent as typed (spaces included); none at all when the database needs none.
      if (form.db.password !== '') options.password = form.db.password;
      return { ok: true, options };
    }
    case 'json':
      return parseJsonOptions(form.json);
    case 'file-json': {
      if (!form.file) return NO_FILE;
      const parsed = parseJsonOptions(form.json);
      return parsed.ok ? { ok: true, options: { ...parsed.options, file: form.file.file } } : parsed;
    }
  }
}

export function parseJsonOptions(text: string): OptionsCheck {
  if (text.trim() === '') return { ok: true, options: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      field: 'json',
      message: 'Le opzioni non sono JSON valido: controllare virgolette doppie, due punti e virgole, ad esempio {"foglio": 2, "medico": "Rossi"}.',
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, field: 'json', message: 'Le opzioni devono essere un oggetto JSON tra parentesi graffe: { "nome": valore }.' };
  }
  return { ok: true, options: value as Record<string, unknown> };
}

// ---------- preview ----------

export type Outcome = PreviewItem['outcome'];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  create: 'Nuovo',
  update: 'Aggiornato',
  unchanged: 'Invariato',
  reject: 'Scartato',
};

export const OUTCOMES: readonly Outcome[] = ['create', 'update', 'unchanged', 'reject'];

export function outcomeCounts(items: readonly Pick<PreviewItem, 'outcome'>[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const item of items) counts[item.outcome]++;
  return counts;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${formatCount(n)} ${many}`);

/** "12 nuovi, 3 aggiornati, 4 invariati, 1 scartato" (only the outcomes present). */
export function outcomeSummary(counts: Record<Outcome, number>): string {
  const parts = [
    counts.create && plural(counts.create, 'nuovo', 'nuovi'),
    counts.update && plural(counts.update, 'aggiornato', 'aggiornati'),
    counts.unchanged && plural(counts.unchanged, 'invariato', 'invariati'),
    counts.reject && plural(counts.reject, 'scartato', 'scartati'),
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? parts.join(', ') : 'nessuna riga';
}

/** "Prime 20 righe: 12 nuovi, 8 invariati". */
export function previewSummaryText(items: readonly Pick<PreviewItem, 'outcome'>[]): string {
  if (items.length === 0) return 'Il file non contiene righe da importare.';
  const rows = items.length === 1 ? 'Prima riga' : `Prime ${formatCount(items.length)} righe`;
  return `${rows}: ${outcomeSummary(outcomeCounts(items))}.`;
}

// ---------- progress ----------

/** Remaining time, roughly: "circa 2 min"; null when the adapter cannot tell the size of the source. */
export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return 'meno di un minuto';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `circa ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `circa ${h} h` : `circa ${h} h ${m} min`;
}

export function rateText(rowsPerSecond: number): string {
  return rowsPerSecond === 1 ? '1 riga al secondo' : `${formatCount(rowsPerSecond)} righe al secondo`;
}

export function rowsDoneText(done: number): string {
  return done === 1 ? '1 riga elaborata' : `${formatCount(done)} righe elaborate`;
}

/** The share read as a whole percentage, or null when unknown (the bar then moves without a value). */
export function progressPercent(fraction: number | null): number | null {
  if (fraction === null || !Number.isFinite(fraction)) return null;
  return Math.max(0, Math.min(100, Math.floor(fraction * 100)));
}

/** What a screen reader says of the bar: "1.234 righe elaborate, 40%, circa 2 min rimanenti". */
export function progressValueText(p: { done: number; fraction: number | null; etaSeconds: number | null }): string {
  const parts = [rowsDoneText(p.done)];
  const pc = progressPercent(p.fraction);
  if (pc !== null) parts.push(`${pc}%`);
  const eta = formatEta(p.etaSeconds);
  if (eta) parts.push(eta === 'meno di un minuto' ? 'meno di un minuto rimanente' : `${eta} rimanenti`);
  return parts.join(', ');
}

// ---------- report and history ----------

export const REJECTS_SHOWN = 100;
/** ImportReport.rejected carries at most this many; import.rejects has them all (not for dry runs). */
export const REJECTS_IN_REPORT = 1000;

export function rejectsShownText(shown: number, total: number, fullListAvailable: boolean): string | null {
  if (total <= shown) return null;
  const file = fullListAvailable
    ? 'il file CSV li contiene tutti'
    : `il file CSV contiene i primi ${formatCount(Math.min(total, REJECTS_IN_REPORT))} (una prova senza salvare non conserva l'elenco completo)`;
  return `Mostrati i primi ${formatCount(shown)} scarti di ${formatCount(total)}: ${file}.`;
}

export const RUN_STATUS_LABEL: Record<string, string> = {
  running: 'in corso',
  done: 'completata',
  failed: 'non riuscita',
  cancelled: 'annullata',
  interrupted: 'interrotta',
  undoing: 'annullamento non terminato',
  undone: "annullata dall'utente",
};

export const RUN_STATUS_NOTE: Record<string, string> = {
  cancelled: "fermata durante l'esecuzione: nulla è stato importato",
  failed: 'nulla è stato importato',
  interrupted: "il programma si è chiuso durante l'importazione",
  undoing: "il programma si è chiuso durante l'annullamento: riprenderlo con «Annulla»",
  undone: 'i pazienti importati sono stati rimossi',
};

export function runStatusLabel(status: string): string {
  return RUN_STATUS_LABEL[status] ?? status;
}

export function runStatusTone(status: string): Tone {
  switch (status) {
    case 'done':
      return 'ok';
    case 'running':
      return 'info';
    case 'failed':
    case 'interrupted':
      return 'error';
    default:
      return 'warn';
  }
}

/**
 * A finished run (or one the program left halfway) can be undone, and an undo cut short resumed;
 * a failed or cancelled one left nothing.
 */
export function canUndo(run: Pick<ImportRunView, 'status'>): boolean {
  return run.status === 'done' || run.status === 'interrupted' || run.status === 'undoing';
}

export function undoQuestion(runId: number): string {
  return `Annullare l'importazione n. ${runId}? I pazienti creati saranno rimossi, quelli aggiornati tornano come prima. Quello che lo studio ha fatto dopo l'importazione (telefonate, lettere consegnate, dati corretti, arruolamenti) resta.`;
}

export function undoResultText(r: { runId: number; removed: number; restored: number; fieldsKept: number }): string {
  const kept = r.fieldsKept > 0 ? ` ${plural(r.fieldsKept, 'dato corretto', 'dati corretti')} dallo studio dopo l'importazione ${r.fieldsKept === 1 ? 'è rimasto' : 'sono rimasti'} com'era.` : '';
  return `Importazione n. ${r.runId} annullata: ${plural(r.removed, 'paziente rimosso', 'pazienti rimossi')}, ${plural(r.restored, 'paziente riportato', 'pazienti riportati')} come prima.${kept}`;
}

const STUDIO_WORK = "con attività dello studio dopo l'importazione (telefonate, lettere, modifiche)";
const KEPT_REASON: Record<'enrolled' | 'studio-work', [string, string]> = {
  enrolled: ['nel frattempo arruolato', 'nel frattempo arruolati'],
  'studio-work': [STUDIO_WORK, STUDIO_WORK],
};

/** "2 pazienti non rimossi perché nel frattempo arruolati", one sentence per reason. */
export function keptText(kept: readonly { reason: 'enrolled' | 'studio-work' }[]): string {
  return (['enrolled', 'studio-work'] as const)
    .map((reason) => {
      const n = kept.filter((k) => k.reason === reason).length;
      if (n === 0) return null;
      return n === 1 ? `1 paziente non rimosso perché ${KEPT_REASON[reason][0]}` : `${formatCount(n)} pazienti non rimossi perché ${KEPT_REASON[reason][1]}`;
    })
    .filter((t): t is string => t !== null)
    .join('; ');
}

/** The adapter's Italian name in the history, its id when it is no longer installed. */
export function adapterName(adapters: readonly Pick<AdapterInfo, 'id' | 'name'>[] | null, id: string): string {
  return adapters?.find((a) => a.id === id)?.name ?? id;
}

// ---------- the rejects as CSV for Excel ----------

export function buildRejectsCsv(rejects: readonly { row: string; reason: string }[]): string {
  return csvDocument(['Riga', 'Motivo'], rejects.map((r) => [r.row, r.reason]));
}

export function rejectsFileName(runId: number | null, today: string): string {
  return runId === null ? `scarti-prova-importazione-${today}.csv` : `scarti-importazione-${runId}.csv`;
}
