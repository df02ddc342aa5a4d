import type { Database } from './sqlite';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import type { LetterType } from '../../shared/domain/letter';
import type { PathologySource } from '../../shared/domain/pathology';
import type { Sex } from '../../shared/domain/patient';
import type { PatientWrites } from './patientWrites';

/**
 * The import engine's writes: patients (through PatientWrites, the one write path of the patients
 * table) and what comes with them, each change recorded so that a whole run can be undone.
 * Hand-written prepared statements, because this is the path that takes 100,000 rows at a time
 * (measured against bare inserts by `npm run bench`).
 */

export interface StoredPatient {
  id: number;
  codiceFiscale: string;
  surname: string;
  givenName: string;
  birthDate: string;
  sex: Sex;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  chronicLevel: ChronicLevel | null;
  /** The MMG confirmed the level: imports leave it alone. */
  chronicLevelConfirmed: boolean;
}

export type PatientFields = Omit<StoredPatient, 'id' | 'chronicLevelConfirmed'>;

export interface PathologyRow {
  code: number;
  source: PathologySource;
  icd9: string | null;
}

export interface LetterRow {
  type: LetterType;
  trancheDate: string | null;
}

export interface TherapyRow {
  description: string;
  atc: string | null;
}

/** What undoing one change needs: the fields before an update, and the rows the run added. */
export interface UndoRecord {
  /** The values before the run. */
  fields?: Partial<PatientFields>;
  /** The values the run wrote: a field is restored only if it still holds this (nobody changed it since). */
  written?: Partial<PatientFields>;
  pathologies?: number[];
  letterIds?: number[];
  therapies?: string[];
  exemptions?: string[];
}

export interface RunRow {
  id: number;
  adapter: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  counts: string | null;
  error: string | null;
  operatorCf: string | null;
}

/** How often a running import renews its heartbeat, and after how long without one it counts as dead. */
export const RUN_HEARTBEAT_MS = 10_000;
export const RUN_STALE_AFTER_MS = 6 * RUN_HEARTBEAT_MS;

/** Why an undo left a patient the run created in the archive. */
export type KeptReason = 'enrolled' | 'studio-work';

/** What one batch of an undo did; `done` once nothing of the run is left to revert. */
export interface UndoProgress {
  restored: number;
  removed: number;
  kept: { patientId: number; reason: KeptReason }[];
  /** Fields the studio changed after the run: left as they are. */
  fieldsKept: number;
  done: boolean;
}

export class ImportStore {
  private readonly s;

  constructor(
    sqlite: Database.Database,
    private readonly writes: PatientWrites,
  ) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.s = {
      byCf: p(`SELECT id, codice_fiscale AS codiceFiscale, surname, given_name AS givenName, birth_date AS birthDate, sex, phone, mobile, email,
               chronic_level AS chronicLevel, chronic_level_confirmed AS chronicLevelConfirmed FROM patients WHERE codice_fiscale = ?`),
      pathologies: p('SELECT code FROM patient_pathologies WHERE patient_id = ?').pluck(),
      deletePathology: p('DELETE FROM patient_pathologies WHERE patient_id = ? AND code = ?'),
      letters: p('SELECT type, tranche_date AS trancheDate FROM letters WHERE patient_id = ?'),
      deleteLetter: p('DELETE FROM letters WHERE id = ?'),
      therapies: p('SELECT description FROM patient_therapies WHERE patient_id = ?').pluck(),
      insertTherapy: p('INSERT OR IGNORE INTO patient_therapies (patient_id, description, atc) VALUES (?, ?, ?)'),
      deleteTherapy: p('DELETE FROM patient_therapies WHERE patient_id = ? AND description = ?'),
      exemptions: p('SELECT code FROM patient_exemptions WHERE patient_id = ?').pluck(),
      insertExemption: p('INSERT OR IGNORE INTO patient_exemptions (patient_id, code) VALUES (?, ?)'),
      deleteExemption: p('DELETE FROM patient_exemptions WHERE patient_id = ? AND code = ?'),
      recordChange: p('INSERT INTO import_changes (run_id, patient_id, action, undo) VALUES (?, ?, ?, ?)'),
      changesBatch: p('SELECT id, patient_id AS patientId, undo FROM import_changes WHERE run_id = ? ORDER BY id DESC LIMIT ?'),
      deleteChange: p('DELETE FROM import_changes WHERE id = ?'),
      createdBatch: p('SELECT id FROM patients WHERE import_run_id = ? ORDER BY id DESC LIMIT ?').pluck(),
      release: p('UPDATE patients SET import_run_id = NULL WHERE id = ?'),
      fields: p(`SELECT codice_fiscale AS codiceFiscale, surname, given_name AS givenName, birth_date AS birthDate, sex, phone, mobile, email,
                 chronic_level AS chronicLevel, chronic_level_confirmed AS chronicLevelConfirmed FROM patients WHERE id = ?`),
      deleteUntouchedLetter: p('DELETE FROM letters WHERE id = ? AND received_at IS NULL AND note IS NULL'),
      deleteUnconfirmedPathology: p('DELETE FROM patient_pathologies WHERE patient_id = ? AND code = ? AND confirmed = 0'),
      hasEnrollment: p('SELECT 1 FROM enrollments WHERE patient_id = ? LIMIT 1').pluck(),
      // Rows made by people: a letter brought, a call, anything audited about him.
      hasStudioWork: p(`SELECT 1 WHERE EXISTS (SELECT 1 FROM contact_attempts WHERE patient_id = @id)
                          OR EXISTS (SELECT 1 FROM letters WHERE patient_id = @id AND (received_at IS NOT NULL OR note IS NOT NULL))
                          OR EXISTS (SELECT 1 FROM audit_log WHERE entity = 'patient' AND entity_id = CAST(@id AS TEXT))`).pluck(),
      insertRun: p("INSERT INTO import_runs (adapter, source, started_at, status, operator_cf, pid, heartbeat_at) VALUES (?, ?, ?, 'running', ?, ?, ?)"),
      beat: p("UPDATE import_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'"),
      runningRuns: p("SELECT id, pid, heartbeat_at AS heartbeatAt FROM import_runs WHERE status = 'running'"),
      finishedRun: p("SELECT 1 FROM import_runs WHERE status = 'done' LIMIT 1"),
      finishRun: p('UPDATE import_runs SET status = ?, finished_at = ?, counts = ?, error = ? WHERE id = ?'),
      setStatus: p('UPDATE import_runs SET status = ? WHERE id = ?'),
      run: p(`SELECT id, adapter, source, started_at AS startedAt, finished_at AS finishedAt, status, counts, error, operator_cf AS operatorCf
              FROM import_runs WHERE id = ?`),
      runs: p(`SELECT id, adapter, source, started_at AS startedAt, finished_at AS finishedAt, status, counts, error, operator_cf AS operatorCf
               FROM import_runs ORDER BY id DESC LIMIT ?`),
      interrupt: p("UPDATE import_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'"),
      insertReject: p('INSERT INTO import_rejects (run_id, row, reason) VALUES (?, ?, ?)'),
      rejects: p('SELECT row, reason FROM import_rejects WHERE run_id = ? ORDER BY id'),
    };
  }

  byCodiceFiscale(cf: string): StoredPatient | null {
    const row = this.s.byCf.get(cf) as (Omit<StoredPatient, 'chronicLevelConfirmed'> & { chronicLevelConfirmed: number }) | undefined;
    return row ? { ...row, chronicLevelConfirmed: row.chronicLevelConfirmed === 1 } : null;
  }

  /** A new patient, marked with the run that created him (null outside imports). */
  createPatient(p: PatientFields, runId: number | null): number {
    const id = this.writes.insert({ ...p, birthPlaceCode: null, preferredCallTime: null }, runId);
    if (id === null) throw new Error(`patient ${p.codiceFiscale} already stored: the engine looks patients up before creating them`);
    return id;
  }

  updatePatient(id: number, fields: Partial<PatientFields>): void {
    this.writes.update(id, fields);
  }

  pathologyCodes(patientId: number): number[] {
    return this.s.pathologies.all(patientId) as number[];
  }

  addPathology(patientId: number, p: PathologyRow): void {
    this.writes.addPathology(patientId, { ...p, confirmed: false });
  }

  letters(patientId: number): LetterRow[] {
    return this.s.letters.all(patientId) as LetterRow[];
  }

  addLetter(patientId: number, l: LetterRow): number {
    return this.writes.addLetter(patientId, { ...l, receivedAt: null, note: null });
  }

  therapies(patientId: number): string[] {
    return this.s.therapies.all(patientId) as string[];
  }

  addTherapy(patientId: number, t: TherapyRow): void {
    this.s.insertTherapy.run(patientId, t.description, t.atc);
  }

  exemptions(patientId: number): string[] {
    return this.s.exemptions.all(patientId) as string[];
  }

  addExemption(patientId: number, code: string): void {
    this.s.insertExemption.run(patientId, code);
  }

  /** An update to an existing patient, with what undoing it needs. Creations are marked on the patient. */
  recordUpdate(runId: number, patientId: number, undo: UndoRecord): void {
    this.s.recordChange.run(runId, patientId, 'updated', JSON.stringify(undo));
  }

  /**
   * Reverts up to `limit` changes of a run (updates newest first, then the patients it created),
   * each removed from the run's record as it is reverted, so that an undo cut short resumes where
   * it stopped. Nothing the studio did since is lost: a field is restored only if it still holds
   * what the run wrote, a letter only removed if nobody delivered or annotated it, a pathology
   * only if the MMG did not confirm it, and a created patient with an enrollment or any work of
   * the studio (calls, a letter brought, audited changes) is kept, released from the run.
   */
  undoBatch(runId: number, limit: number): UndoProgress {
    const progress: UndoProgress = { restored: 0, removed: 0, kept: [], fieldsKept: 0, done: false };
    const changes = this.s.changesBatch.all(runId, limit) as { id: number; patientId: number; undo: string | null }[];
    for (const c of changes) {
      const undo = JSON.parse(c.undo ?? '{}') as UndoRecord;
      const { restore, kept } = this.restorable(c.patientId, undo);
      if (Object.keys(restore).length > 0) this.updatePatient(c.patientId, restore);
      progress.fieldsKept += kept;
      for (const code of undo.pathologies ?? []) this.s.deleteUnconfirmedPathology.run(c.patientId, code);
      for (const id of undo.letterIds ?? []) this.s.deleteUntouchedLetter.run(id);
      for (const d of undo.therapies ?? []) this.s.deleteTherapy.run(c.patientId, d);
      for (const e of undo.exemptions ?? []) this.s.deleteExemption.run(c.patientId, e);
      this.s.deleteChange.run(c.id);
      progress.restored++;
    }
    const room = limit - changes.length;
    if (room <= 0) return progress;
    const created = this.s.createdBatch.all(runId, room) as number[];
    for (const id of created) {
      const reason: KeptReason | null = this.s.hasEnrollment.get(id) ? 'enrolled' : this.s.hasStudioWork.get({ id }) ? 'studio-work' : null;
      if (reason) {
        this.s.release.run(id);
        progress.kept.push({ patientId: id, reason });
      } else {
        progress.removed += this.writes.delete(id);
      }
    }
    progress.done = created.length < room;
    return progress;
  }

  /** The fields of an update that nobody changed since the run (restorable), and how many were. */
  private restorable(patientId: number, undo: UndoRecord): { restore: Partial<PatientFields>; kept: number } {
    const before = undo.fields ?? {};
    const now = (this.s.fields.get(patientId) ?? {}) as Partial<PatientFields> & { chronicLevelConfirmed?: number };
    const restore: Record<string, unknown> = {};
    let kept = 0;
    for (const [key, value] of Object.entries(before)) {
      const field = key as keyof PatientFields;
      // Records of older versions do not say what the run wrote: their fields are left as they are.
      const untouched = undo.written !== undefined && field in undo.written && now[field] === undo.written[field];
      // A level the MMG has confirmed is his decision, even if it is the one the run wrote.
      const decided = field === 'chronicLevel' && now.chronicLevelConfirmed === 1;
      if (untouched && !decided) restore[field] = value;
      else kept++;
    }
    return { restore: restore as Partial<PatientFields>, kept };
  }

  /** Whether an import ever finished (and was not undone). */
  hasFinishedRun(): boolean {
    return this.s.finishedRun.get() !== undefined;
  }

  startRun(adapter: string, source: string, at: string, operatorCf: string | null): number {
    return Number(this.s.insertRun.run(adapter, source, at, operatorCf, process.pid, at).lastInsertRowid);
  }

  /** The running process says it is still at work (see markInterrupted). */
  beat(runId: number, at: string): void {
    this.s.beat.run(at, runId);
  }

  finishRun(runId: number, status: string, at: string, counts: unknown, error: string | null): void {
    this.s.finishRun.run(status, at, JSON.stringify(counts), error, runId);
  }

  setRunStatus(runId: number, status: string): void {
    this.s.setStatus.run(status, runId);
  }

  run(runId: number): RunRow | null {
    return (this.s.run.get(runId) as RunRow | undefined) ?? null;
  }

  runs(limit = 50): RunRow[] {
    return this.s.runs.all(limit) as RunRow[];
  }

  /**
   * Runs left 'running' by a process that died: their committed batches are whole patients.
   * A run whose process is still alive (the app importing while the CLI opens the store) is left
   * be, unless its heartbeat stopped: then the PID belongs to another program now (or the process
   * hangs), and the run is as interrupted as if it had died.
   */
  markInterrupted(now: Date, isAlive: (pid: number) => boolean = processAlive): number {
    let marked = 0;
    for (const run of this.s.runningRuns.all() as { id: number; pid: number | null; heartbeatAt: string | null }[]) {
      const beating = run.heartbeatAt === null || now.getTime() - Date.parse(run.heartbeatAt) < RUN_STALE_AFTER_MS;
      if (run.pid !== null && run.pid !== process.pid && isAlive(run.pid) && beating) continue;
      marked += this.s.interrupt.run(run.id).changes;
    }
    return marked;
  }

  addReject(runId: number, row: string, reason: string): void {
    this.s.insertReject.run(runId, row, reason);
  }

  rejects(runId: number): { row: string; reason: string }[] {
    return this.s.rejects.all(runId) as { row: string; reason: string }[];
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
