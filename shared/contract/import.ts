import { z } from 'zod';
import { DESK, MMG_ONLY } from '../domain/access';
import { Id, NoInput } from './fields';

/** Import from the record software and from files: adapters, preview, runs, undo, column mappings. */

export const ImportReport = z.object({
  adapter: z.string(),
  /** null for a dry run, which writes nothing. */
  runId: z.number().int().nullable(),
  dryRun: z.boolean(),
  status: z.enum(['done', 'failed', 'cancelled']),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The first 1,000 rejects; all of them via import.rejects. */
  rejected: z.array(z.object({ row: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const AdapterInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.enum(['file', 'folder', 'database']),
  /** Loaded from the plug-in folder of the data directory. */
  plugin: z.boolean(),
});
export type AdapterInfo = z.infer<typeof AdapterInfo>;

export const ImportRunView = z.object({
  id: z.number().int(),
  adapter: z.string(),
  source: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
});
export type ImportRunView = z.infer<typeof ImportRunView>;

export const PreviewItem = z.object({
  row: z.string(),
  kind: z.enum(['patient', 'reject']),
  codiceFiscale: z.string().nullable(),
  surname: z.string().nullable(),
  givenName: z.string().nullable(),
  birthDate: z.string().nullable(),
  chronicLevel: z.number().int().nullable(),
  /** What importing it would do: create, update, unchanged, or reject (with the reason). */
  outcome: z.enum(['create', 'update', 'unchanged', 'reject']),
  reason: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type PreviewItem = z.infer<typeof PreviewItem>;

export const ImportProgress = z.object({
  adapter: z.string(),
  runId: z.number().int().nullable(),
  /** The import.start job it belongs to (null for runs started inside the core, e.g. benchmarks). */
  job: z.number().int().nullable(),
  done: z.number().int(),
  /** Share of the source read (bytes or rows), when the adapter can tell. */
  fraction: z.number().min(0).max(1).nullable(),
  rowsPerSecond: z.number().int(),
  etaSeconds: z.number().int().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  finished: z.boolean(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** An import started with import.start: its run record (null for a dry run), progress, and at the end its report. */
export const ImportJobView = z.object({
  job: z.number().int(),
  adapter: z.string(),
  dryRun: z.boolean(),
  runId: z.number().int().nullable(),
  /** The latest progress; null before the first. */
  progress: ImportProgress.nullable(),
  /** Set once it has ended (done, failed or cancelled). */
  report: ImportReport.nullable(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;

/**
 * Free-form adapter options: each adapter validates its own (file, database, doctor, mapping).
 * A file comes as `{ file }`, the handle of a file the user chose; `{ path }` only from the CLI,
 * a path from the page is refused (path-not-allowed).
 */
export const AdapterOptions = z.record(z.string(), z.unknown());

/**
 * A file the user picked (the desktop app's dialog) or uploaded (browser mode), as the page refers
 * to it: by this handle, given out by the core, never by its path. In the options of a file
 * adapter it stands where the path would: `{ file: 'file_…' }`.
 */
export const FileHandle = z.string().regex(/^file_[0-9a-f]{32}$/, 'file non valido: sceglierlo di nuovo');

export const ChosenFile = z.object({ file: FileHandle, name: z.string(), size: z.number().int().min(0) });
export type ChosenFile = z.infer<typeof ChosenFile>;

/** Who may hand the core a file to import (dialog or upload): whoever may import. */
export const FILE_CHOICE_ACCESS = DESK;

export const importCalls = {
  'import.adapters': {
    access: DESK,
    input: NoInput,
    output: z.object({ adapters: z.array(AdapterInfo), failures: z.array(z.object({ file: z.string(), reason: z.string() })) }),
  },
  'import.preview': {
    access: DESK,
    input: z.object({ adapter: z.string().max(80), options: AdapterOptions, limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ match: z.boolean(), matchReason: z.string().nullable(), items: z.array(PreviewItem), warnings: z.array(z.string()) }),
  },
  /**
   * Starts an import and answers at once with its job and run ids; progress arrives as
   * import.progress events, the report through import.status; import.cancel stops it.
   */
  'import.start': { access: DESK, input: z.object({ adapter: z.string().max(80), options: AdapterOptions, dryRun: z.boolean().default(false) }), output: ImportJobView },
  /** The job now, or (waitMs) as soon as it ends within that time. */
  'import.status': { access: DESK, input: z.object({ job: Id, waitMs: z.number().int().min(0).max(30_000).default(0) }), output: ImportJobView },
  /** Stops a job, a dry run too; what it wrote is undone. false if it had already ended. */
  'import.cancel': { access: DESK, input: z.object({ job: Id }), output: z.object({ cancelled: z.boolean() }) },
  'import.runs': { access: DESK, input: NoInput, output: z.object({ runs: z.array(ImportRunView) }) },
  'import.rejects': { access: DESK, input: z.object({ runId: Id }), output: z.object({ rejects: z.array(z.object({ row: z.string(), reason: z.string() })) }) },
  'import.undo': {
    access: MMG_ONLY,
    input: z.object({ runId: Id }),
    output: z.object({
      runId: z.number().int(),
      removed: z.number().int(),
      restored: z.number().int(),
      /** Patients the run created that stay: enrolled since, or with the studio's work (calls, letters brought, edits). */
      kept: z.array(z.object({ patientId: z.number().int(), reason: z.enum(['enrolled', 'studio-work']) })),
      /** Fields the studio changed after the run, left as they are. */
      fieldsKept: z.number().int(),
    }),
  },
  /** Headers and first rows of a chosen CSV/XLSX, to map its columns. */
  'import.fileHeaders': {
    access: DESK,
    input: z.object({ file: FileHandle }),
    output: z.object({ headers: z.array(z.string()), sample: z.array(z.array(z.string())) }),
  },
  /** The page no longer needs a chosen file (another one was chosen): an upload's copy is removed, once nothing reads it. */
  'import.releaseFile': { access: DESK, input: z.object({ file: FileHandle }), output: z.object({ released: z.boolean() }) },
  'import.mappings': { access: DESK, input: NoInput, output: z.object({ mappings: z.array(z.object({ name: z.string(), mapping: z.record(z.string(), z.string()) })) }) },
  'import.saveMapping': {
    access: DESK,
    input: z.object({ name: z.string().trim().min(1).max(60), mapping: z.record(z.string(), z.string()) }),
    output: z.object({ name: z.string() }),
  },
} as const;

export const importEvents = {
  'import.progress': ImportProgress,
} as const;
