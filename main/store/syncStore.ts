import type { Database } from './sqlite';

export interface KnownResource {
  resourceType: string;
  resourceId: string;
  patientId: number | null;
  versionId: string;
  /** Canonical JSON of the resource without its server metadata. */
  content: string;
  lastUpdated: string | null;
}

export interface ConflictRow {
  id: number;
  outboxUid: string;
  patientId: number;
  resourceType: string;
  resourceId: string;
  local: string;
  server: string;
  serverVersion: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: 'local' | 'server' | null;
}

/** What this workstation knows of the server's copies, and the conflicts waiting for a person. */
export class SyncStore {
  private readonly s;

  constructor(
    sqlite: Database.Database,
    private readonly now: () => string,
  ) {
    const p = (sql: string) => sqlite.prepare(sql);
    const known = `resource_type AS resourceType, resource_id AS resourceId, patient_id AS patientId, version_id AS versionId, content, last_updated AS lastUpdated`;
    this.s = {
      get: p(`SELECT ${known} FROM sync_resources WHERE resource_type = ? AND resource_id = ?`),
      has: p('SELECT 1 FROM sync_resources WHERE resource_type = ? AND resource_id = ?').pluck(),
      contentsOf: p('SELECT content FROM sync_resources WHERE patient_id = ? AND resource_type = ? ORDER BY resource_id').pluck(),
      put: p(`INSERT INTO sync_resources (resource_type, resource_id, patient_id, version_id, content, last_updated)
              VALUES (@resourceType, @resourceId, @patientId, @versionId, @content, @lastUpdated)
              ON CONFLICT (resource_type, resource_id) DO UPDATE SET patient_id = coalesce(excluded.patient_id, patient_id),
                version_id = excluded.version_id, content = excluded.content, last_updated = excluded.last_updated`),
      addConflict: p(`INSERT INTO sync_conflicts (outbox_uid, patient_id, resource_type, resource_id, local, server, server_version, created_at)
                      VALUES (@outboxUid, @patientId, @resourceType, @resourceId, @local, @server, @serverVersion, @now)`),
      open: p(`SELECT id, outbox_uid AS outboxUid, patient_id AS patientId, resource_type AS resourceType, resource_id AS resourceId, local, server,
                 server_version AS serverVersion, created_at AS createdAt, resolved_at AS resolvedAt, resolution FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id`),
      conflict: p(`SELECT id, outbox_uid AS outboxUid, patient_id AS patientId, resource_type AS resourceType, resource_id AS resourceId, local, server,
                 server_version AS serverVersion, created_at AS createdAt, resolved_at AS resolvedAt, resolution FROM sync_conflicts WHERE id = ?`),
      resolve: p('UPDATE sync_conflicts SET resolved_at = @now, resolution = @resolution WHERE id = @id AND resolved_at IS NULL'),
      resolveOfItem: p("UPDATE sync_conflicts SET resolved_at = @now, resolution = 'local' WHERE outbox_uid = @uid AND resolved_at IS NULL"),
    };
  }

  known(resourceType: string, resourceId: string): KnownResource | null {
    return (this.s.get.get(resourceType, resourceId) as KnownResource | undefined) ?? null;
  }

  /** Whether the server's copy is known at all (known() without reading it). */
  has(resourceType: string, resourceId: string): boolean {
    return this.s.has.get(resourceType, resourceId) !== undefined;
  }

  /** The server's copies of a patient's resources of one type, as last agreed. */
  contentsOf(patientId: number, resourceType: string): string[] {
    return this.s.contentsOf.all(patientId, resourceType) as string[];
  }

  remember(r: KnownResource): void {
    this.s.put.run(r);
  }

  addConflict(c: Omit<ConflictRow, 'id' | 'createdAt' | 'resolvedAt' | 'resolution'>): void {
    this.s.addConflict.run({ ...c, now: this.now() });
  }

  openConflicts(): ConflictRow[] {
    return this.s.open.all() as ConflictRow[];
  }

  conflict(id: number): ConflictRow | null {
    return (this.s.conflict.get(id) as ConflictRow | undefined) ?? null;
  }

  resolve(id: number, resolution: 'local' | 'server'): boolean {
    return this.s.resolve.run({ id, resolution, now: this.now() }).changes === 1;
  }

  /** A retried item's conflicts are settled by what it sends next. */
  resolveOfItem(uid: string): void {
    this.s.resolveOfItem.run({ uid, now: this.now() });
  }
}
