/**
 * The plug-in interface of the import layer. An adapter only reads its source and maps rows to
 * ImportedPatient records; the engine (engine.ts) validates, de-duplicates by codice fiscale,
 * upserts, reports rejects and progress, records the run and can undo it. See docs/adapters.md.
 */

/** A diagnosis as the source has it; ICD9-CM codes are mapped to PiC pathologies by the engine. */
export interface ImportedProblem {
  icd9?: string | null;
  icd10?: string | null;
  description?: string | null;
  /** ISO date the problem was recorded, if known. */
  since?: string | null;
}

export interface ImportedTherapy {
  atc?: string | null;
  description: string;
}

/** One patient, normalized. Only codiceFiscale is always needed; the rest when the source has it. */
export interface ImportedPatient {
  codiceFiscale: string;
  surname?: string | null;
  givenName?: string | null;
  /** ISO YYYY-MM-DD */
  birthDate?: string | null;
  sex?: 'M' | 'F' | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
  /** From the ATS list, when known. */
  chronicLevel?: 1 | 2 | 3 | null;
  /** Regional pathology codes (SGDT-PatologieNonICD9CM) when the source states them (ATS list). */
  pathologies?: number[];
  problems?: ImportedProblem[];
  therapies?: ImportedTherapy[];
  /** Ticket exemption codes (e.g. "031.401.9"), when known. */
  exemptions?: string[];
  /** The ATS letter the patient was sent, when the source says (ATS list). */
  letter?: { type: 1 | 2 | 3 | 4 | 5; date?: string | null } | null;
}

/** Where a record came from, for the reject report: a line number, or a key like "pazienti.codice=42". */
export type RowRef = number | string;

export type ImportItem =
  | { kind: 'patient'; row: RowRef; patient: ImportedPatient; warnings?: string[] }
  /** A row the adapter could not even map (bad line, wrong column count): reported, not fatal. */
  | { kind: 'reject'; row: RowRef; reason: string };

/** Any zod-like schema: plug-ins may bring their own copy of zod. */
export interface OptionsSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export type SourceKind = 'file' | 'folder' | 'database';

export interface ImportContext {
  /** Aborted when the user cancels: stop reading and return. */
  signal: AbortSignal;
  /** The app's data folder (saved mappings and settings live there). */
  dataDir: string;
  /**
   * The studio's day (YYYY-MM-DD, Europe/Rome) by the app's clock: the only "today" an adapter
   * may use (two-digit years, dates in the future). Never read the system clock.
   */
  today: string;
  /** Progress of reading the source, when the adapter can tell (bytes read, rows read). */
  reportSize?(read: number, total: number | null): void;
}

export interface ImportAdapter<Options = unknown> {
  /** Stable identifier used by the CLI: `pic import <id>`. */
  id: string;
  /** Italian name shown in the UI. */
  name: string;
  description: string;
  source: SourceKind;
  options: OptionsSchema<Options>;
  /** Is this source mine? Cheap: read a header, connect and list tables. Never throws for "no". */
  detect(options: Options, context: ImportContext): Promise<{ match: boolean; reason?: string }>;
  /** The first `limit` items, mapped, with warnings about the source as a whole. */
  preview(options: Options, limit: number, context: ImportContext): Promise<{ items: ImportItem[]; warnings: string[] }>;
  /** Every item, streamed: memory must not grow with the size of the source. */
  read(options: Options, context: ImportContext): AsyncIterable<ImportItem>;
}
