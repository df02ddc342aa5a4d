import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { Instant } from '../../../shared/domain/romeTime';
import { AppError } from '../../../shared/errors';
import type { Store } from '../../store/store';

/** Who the audit log names for what came from the Centro Servizi. */
export const SYNC_OPERATOR = 'sync:centro-servizi';

export type RecordKind = 'patient' | 'enrollment' | 'consent' | 'pai' | 'booking' | 'letter' | 'call-attempt';

/**
 * Why a pulled record was left out: its patient (or enrollment) is not here yet, the partial
 * unique index of bookings refused it, the enrollment machine does not allow the lock from the
 * local state, or another Gestore's enrollment no longer holds the patient.
 */
export type SkipReason = 'unknown-patient' | 'unknown-enrollment' | 'conflict' | 'lock-not-allowed' | 'released-elsewhere';

/** What applying one pulled record did, with this archive's ids of its patient and of the row. */
export interface Applied {
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  patientId: number | null;
  entityId: number | null;
  reason?: SkipReason;
}

export const skipped = (reason: SkipReason, patientId: number | null, entityId: number | null = null): Applied => ({ outcome: 'skipped', patientId, entityId, reason });
export const unchanged = (patientId: number, entityId: number): Applied => ({ outcome: 'unchanged', patientId, entityId });

const KIND_LABEL: Record<RecordKind, string> = {
  patient: 'paziente',
  enrollment: 'presa in carico',
  consent: 'consenso',
  pai: 'PAI',
  booking: 'prenotazione',
  letter: 'lettera ATS',
  'call-attempt': 'chiamata',
};

/** A pulled record no local write can take: the mapping or the server sent something impossible. */
export class SyncRecordInvalidError extends AppError {
  constructor(
    readonly kind: RecordKind,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(
      'sync-record-invalid',
      `pulled ${kind} record is invalid at ${issues.map((i) => i.path || '(root)').join(', ')}`,
      `Dati non validi ricevuti dal Centro Servizi (${KIND_LABEL[kind]}): ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}.`,
    );
  }
}

/** The record through its schema, or SyncRecordInvalidError naming the fields. */
export function parseRecord<S extends z.ZodType>(kind: RecordKind, schema: S, record: unknown): z.output<S> {
  const result = schema.safeParse(record);
  if (!result.success) throw new SyncRecordInvalidError(kind, result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return result.data;
}

/** Instants as the store writes them (toISOString), so that the server's "…:00Z" for our "…:00.000Z" is the same instant. */
export const StoredInstant = Instant.transform((s) => new Date(s).toISOString());

/** What differs, field by field, as [before, after]; empty when nothing does. */
export function changesBetween<T extends object>(before: T, after: T): Partial<Record<keyof T, [unknown, unknown]>> {
  const changes: Partial<Record<keyof T, [unknown, unknown]>> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!isDeepStrictEqual(before[key], after[key])) changes[key] = [before[key], after[key]];
  }
  return changes;
}

export const isEmpty = (changes: object): boolean => Object.keys(changes).length === 0;

export function auditSync(store: Store, action: string, entity: 'patient' | 'pai' | 'booking', entityId: number, detail: Record<string, unknown>): void {
  store.audit.append({ operatorCf: SYNC_OPERATOR, action, entity, entityId, detail });
}
