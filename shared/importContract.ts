import { z } from 'zod';

/** The import layer's part of the contract. */

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

/** Free-form adapter options: each adapter validates its own (paths, database, doctor, mapping). */
export const AdapterOptions = z.record(z.string(), z.unknown());
