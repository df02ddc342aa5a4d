import { and, asc, eq } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from './database';
import { auditLog } from './schema';

export interface AuditRecord {
  operatorCf: string | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  detail?: unknown;
}

/** An entry as stored: when, and the detail parsed back. */
export interface StoredAuditEntry {
  id: number;
  at: string;
  operatorCf: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

/**
 * Who did what, when. Only appends and reads exist here, and triggers in the database refuse
 * UPDATE and DELETE on the table, so no code path can rewrite history.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  append(record: AuditRecord): void {
    this.db
      .insert(auditLog)
      .values({
        at: this.clock.now().toISOString(),
        operatorCf: record.operatorCf,
        action: record.action,
        entity: record.entity,
        entityId: record.entityId === null ? null : String(record.entityId),
        detail: record.detail === undefined ? null : JSON.stringify(record.detail),
      })
      .run();
  }

  forEntity(entity: string, entityId: string | number): StoredAuditEntry[] {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
      .orderBy(asc(auditLog.id))
      .all()
      .map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
  }
}
