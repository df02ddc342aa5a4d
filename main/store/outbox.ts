import { randomUUID } from 'node:crypto';
import type { Database } from './sqlite';
import type { OutboxKind } from './schema';

export type OutboxStatus = 'pending' | 'attention' | 'conflict';

export interface OutboxRow {
  id: number;
  uid: string;
  patientId: number;
  kind: OutboxKind;
  entityId: number;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
}

const COLUMNS = `id, uid, patient_id AS patientId, kind, entity_id AS entityId, created_at AS createdAt, status, attempts,
  last_error AS lastError`;

/**
 * The queue of changes for the Centro Servizi. Callers enqueue inside the transaction of the change;
 * the sync worker (on its own connection) reads what is due and settles it.
 */
export class Outbox {
  private readonly s;

  constructor(
    sqlite: Database.Database,
    private readonly now: () => string,
  ) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.s = {
      dropPending: p("DELETE FROM outbox WHERE kind = ? AND entity_id = ? AND status = 'pending'"),
      insert: p('INSERT INTO outbox (uid, patient_id, kind, entity_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      inScope: p(`SELECT EXISTS (SELECT 1 FROM enrollments WHERE patient_id = @id)
                      OR EXISTS (SELECT 1 FROM contact_attempts WHERE patient_id = @id)
                      OR EXISTS (SELECT 1 FROM letters WHERE patient_id = @id AND received_at IS NOT NULL)`).pluck(),
      // A patient's items go in order: one held for a person holds the ones after it.
      due: p(`SELECT ${COLUMNS} FROM outbox o WHERE status = 'pending' AND id > @after
                AND NOT EXISTS (SELECT 1 FROM outbox h WHERE h.patient_id = o.patient_id AND h.status != 'pending' AND h.id < o.id)
              ORDER BY id LIMIT @limit`),
      done: p("DELETE FROM outbox WHERE id = ? AND status = 'pending'"),
      hold: p("UPDATE outbox SET status = @status, attempts = attempts + 1, last_error = @error WHERE id = @id AND status = 'pending'"),
      byUid: p(`SELECT ${COLUMNS} FROM outbox WHERE uid = ?`),
      pendingOf: p("SELECT id FROM outbox WHERE kind = ? AND entity_id = ? AND status = 'pending'").pluck(),
      release: p("UPDATE outbox SET status = 'pending' WHERE uid = ?"),
      remove: p('DELETE FROM outbox WHERE uid = ?'),
      held: p(`SELECT ${COLUMNS} FROM outbox WHERE status != 'pending' ORDER BY id`),
      counts: p('SELECT kind, status, count(*) AS n FROM outbox GROUP BY kind, status'),
      hasItem: p('SELECT EXISTS (SELECT 1 FROM outbox WHERE patient_id = ? AND kind = ?)').pluck(),
    };
  }

  private fromServerDepth = 0;

  /**
   * Runs the local writes of what the sync pulled: they enqueue nothing, whatever store paths they
   * share with the studio's own changes, since what came from the server does not go back.
   */
  fromServer<T>(work: () => T): T {
    this.fromServerDepth++;
    try {
      return work();
    } finally {
      this.fromServerDepth--;
    }
  }

  /** The record changed: its pending item (if any) is replaced by one at the end of the queue. */
  enqueue(kind: OutboxKind, entityId: number, patientId: number): void {
    if (this.fromServerDepth > 0) return;
    this.s.dropPending.run(kind, entityId);
    this.s.insert.run(randomUUID(), patientId, kind, entityId, this.now());
  }

  /**
   * The patient's own data changed: it goes to the Centro Servizi once he is part of the
   * programme's work (a letter brought, a call, an enrollment); the rest of an imported list stays here.
   */
  enqueuePatient(patientId: number): void {
    if (this.fromServerDepth === 0 && this.s.inScope.get({ id: patientId }) === 1) this.enqueue('patient', patientId, patientId);
  }

  /** What to send next: pending, not behind a held item of its patient, oldest first, after item `after` (a read already under way). (A server that is down is waited out by the engine's backoff, not per item.) */
  due(limit: number, after = 0): OutboxRow[] {
    return this.s.due.all({ limit, after }) as OutboxRow[];
  }

  /** Sent: gone, unless a newer edit replaced it meanwhile (then the newer one is still to send). */
  done(id: number): void {
    this.s.done.run(id);
  }

  /** Refused by the server (attention) or changed on both sides (conflict): it waits for a person. */
  hold(id: number, status: Exclude<OutboxStatus, 'pending'>, error: string): void {
    this.s.hold.run({ id, status, error });
  }

  get(uid: string): OutboxRow | null {
    return (this.s.byUid.get(uid) as OutboxRow | undefined) ?? null;
  }

  /** A person's retry: the held item goes again, or gives way to a newer edit of its record already queued. */
  retry(uid: string): void {
    const row = this.get(uid);
    if (!row || row.status === 'pending') return;
    if (this.s.pendingOf.get(row.kind, row.entityId) !== undefined) this.s.remove.run(uid);
    else this.s.release.run(uid);
  }

  /** Settled by a person (a conflict resolved in favour of the server's version). */
  remove(uid: string): void {
    this.s.remove.run(uid);
  }

  held(): OutboxRow[] {
    return this.s.held.all() as OutboxRow[];
  }

  counts(): { kind: OutboxKind; status: OutboxStatus; n: number }[] {
    return this.s.counts.all() as { kind: OutboxKind; status: OutboxStatus; n: number }[];
  }

  /** Anything of this kind for the patient still to send or held: a pulled copy must not overwrite it. */
  hasItem(patientId: number, kind: OutboxKind): boolean {
    return this.s.hasItem.get(patientId, kind) === 1;
  }
}
