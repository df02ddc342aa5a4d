import { z } from 'zod';
import { DESK, MMG_ONLY, STAFF } from '../domain/access';
import { Id, NoInput } from './fields';

/** The sync with the Centro Servizi: its state, what waits, what needs a person, the lock check. */

export const SyncKind = z.enum(['patient', 'letter', 'call', 'enrollment', 'consent', 'pai', 'booking']);
export type SyncKind = z.infer<typeof SyncKind>;

export const SYNC_KIND_LABEL: Record<SyncKind, string> = {
  patient: 'Anagrafica',
  letter: 'Lettere ATS',
  call: 'Chiamate',
  enrollment: 'Prese in carico',
  consent: 'Consensi',
  pai: 'PAI',
  booking: 'Prenotazioni',
};

const Patient = z.object({ patientId: Id, patientName: z.string(), codiceFiscale: z.string() });

export const HeldItem = Patient.extend({
  uid: z.string(),
  kind: SyncKind,
  createdAt: z.string(),
  attempts: z.number().int(),
  /** The server's reason (its OperationOutcome), as it gave it. */
  reason: z.string(),
});
export type HeldItem = z.infer<typeof HeldItem>;

export const ConflictField = z.object({ name: z.string(), local: z.string(), server: z.string() });

export const SyncConflictView = Patient.extend({
  id: Id,
  kind: SyncKind.nullable(),
  resourceType: z.string(),
  createdAt: z.string(),
  /** The elements that differ, each side's value as JSON. */
  fields: z.array(ConflictField),
});
export type SyncConflictView = z.infer<typeof SyncConflictView>;

export const SyncStatus = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  /** null until the first attempt. */
  online: z.boolean().nullable(),
  running: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  pending: z.array(z.object({ kind: SyncKind, count: z.number().int() })),
  pendingTotal: z.number().int(),
  attention: z.array(HeldItem),
  conflicts: z.array(SyncConflictView),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncRunResult = z.object({
  pushed: z.number().int(),
  pulled: z.number().int(),
  conflicts: z.number().int(),
  needsAttention: z.number().int(),
  pending: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SyncRunResult = z.infer<typeof SyncRunResult>;

/** Asked before the cards are used: does the Centro Servizi already hold this patient? */
export const LockCheck = z.object({
  state: z.enum(['free', 'ours', 'elsewhere', 'offline', 'not-configured']),
  gestore: z.string().nullable(),
  message: z.string(),
});
export type LockCheck = z.infer<typeof LockCheck>;

export const CentroServiziSettings = z.object({
  url: z.string().nullable(),
  gestoreCode: z.string().nullable(),
  hasToken: z.boolean(),
  systems: z.record(z.string(), z.string()),
});
export type CentroServiziSettings = z.infer<typeof CentroServiziSettings>;

export const syncCalls = {
  'sync.status': { access: STAFF, input: NoInput, output: SyncStatus },
  'sync.run': { access: STAFF, input: NoInput, output: SyncRunResult },
  'sync.retry': { access: DESK, input: z.object({ uid: z.string().min(1).max(64) }), output: SyncStatus },
  'sync.resolve': { access: DESK, input: z.object({ id: Id, keep: z.enum(['local', 'server']) }), output: SyncStatus },
  'sync.checkPatient': { access: STAFF, input: z.object({ patientId: Id }), output: LockCheck },
  'settings.centroServizi.get': { access: MMG_ONLY, input: NoInput, output: CentroServiziSettings },
  'settings.centroServizi.set': {
    access: MMG_ONLY,
    input: z.object({
      url: z.string().trim().max(500).nullable().optional(),
      /** Written to the OS's protected storage, never returned. */
      token: z.string().trim().max(4000).nullable().optional(),
      gestoreCode: z.string().trim().max(60).nullable().optional(),
      systems: z.record(z.string(), z.string().url().nullable()).optional(),
    }),
    output: CentroServiziSettings,
  },
} as const;

export const syncEvents = {
  /** After each run of the worker and each change of what waits. */
  'sync.changed': SyncStatus,
} as const;
