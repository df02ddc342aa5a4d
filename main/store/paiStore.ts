import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { Pai } from '../../shared/domain/pai/model';
import type { Occurrence } from '../../shared/domain/pai/schedule';
import type { Db } from './database';
import type { Database } from './sqlite';

type Statement = Database.Statement;
import { paiOccurrences, pais, patients } from './schema';

export interface StoredPai {
  id: number;
  enrollmentId: number | null;
  pai: Pai;
}

type Row = typeof pais.$inferSelect;

/** Read back through the domain schema: a document damaged on disk fails here, loudly, not in a rule later. */
const toStored = (row: Row): StoredPai => ({ id: row.id, enrollmentId: row.enrollmentId, pai: Pai.parse(JSON.parse(row.document)) });

const columns = (pai: Pai) => ({
  status: pai.status,
  validFrom: pai.validFrom,
  validTo: pai.validTo,
  authorCf: pai.authorCf,
  document: JSON.stringify(pai),
});

/** The PAI versions of each patient and the occurrences of the plan in force. */
export interface AdherenceItemRow {
  patientId: number;
  code: string;
  description: string;
  planned: number;
  prescribed: number;
  booked: number;
  performed: number;
  overdue: number;
}

const SERVED = `b.patient_id = o.patient_id AND b.code = o.code AND b.occurrence BETWEEN o.window_start AND o.window_end`;
/** The studio's (or, with a :patientId, one patient's) figures: two statements, each with its own plan. */
export const adherenceSql = (onePatient: boolean) => `
  WITH occ AS (
    SELECT o.patient_id, o.code, o.description, o.window_end,
      coalesce(max(b.status IN ('performed', 'reported')), 0) AS performed,
      coalesce(max(b.status IN ('booked', 'confirmed', 'performed', 'reported')), 0) AS booked,
      coalesce(max(b.status IN ('booked', 'confirmed', 'performed', 'reported') OR b.prescription_number IS NOT NULL OR b.prescribed_on IS NOT NULL), 0) AS prescribed
    FROM pai_occurrences o
    JOIN pais p ON p.id = o.pai_id
    LEFT JOIN bookings b ON ${SERVED}
    WHERE p.status IN ('active', 'expired') AND o.date BETWEEN :from AND :to ${onePatient ? 'AND o.patient_id = :patientId' : ''}
    GROUP BY o.id
  )
  SELECT patient_id AS patientId, code, min(description) AS description, count(*) AS planned, sum(prescribed) AS prescribed, sum(booked) AS booked,
         sum(performed) AS performed, sum(NOT performed AND window_end < :today) AS overdue
  FROM occ GROUP BY patient_id, code ORDER BY patient_id, code`;

export class PaiStore {
  private readonly studioAdherence: Statement;
  private readonly patientAdherence: Statement;
  /** Built and compiled once: the sync reads a PAI for every version it sends. */
  private readonly getQuery;

  constructor(
    private readonly db: Db,
    sqlite: Database.Database,
  ) {
    this.studioAdherence = sqlite.prepare(adherenceSql(false));
    this.patientAdherence = sqlite.prepare(adherenceSql(true));
    this.getQuery = db.select().from(pais).where(eq(pais.id, sql.placeholder('id'))).prepare();
  }

  insert(pai: Pai, enrollmentId: number | null): number {
    const row = this.db
      .insert(pais)
      .values({ patientId: pai.patientId, enrollmentId, year: pai.year, version: pai.version, ...columns(pai) })
      .returning({ id: pais.id })
      .get();
    return row.id;
  }

  /** Writes a version's new state (a draft's edits, a move of its life). */
  save(id: number, pai: Pai, now: string): void {
    this.db.update(pais).set({ ...columns(pai), updatedAt: now }).where(eq(pais.id, id)).run();
  }

  get(id: number): StoredPai | null {
    const row = this.getQuery.get({ id });
    return row ? toStored(row) : null;
  }

  /** One version of the patient's PAI of a year. */
  version(patientId: number, year: number, version: number): StoredPai | null {
    const row = this.db.select().from(pais).where(and(eq(pais.patientId, patientId), eq(pais.year, year), eq(pais.version, version))).get();
    return row ? toStored(row) : null;
  }

  /** Every version of the patient's PAIs, oldest year and version first. */
  ofPatient(patientId: number): StoredPai[] {
    return this.db.select().from(pais).where(eq(pais.patientId, patientId)).orderBy(asc(pais.year), asc(pais.version)).all().map(toStored);
  }

  /** Active PAIs whose last day is on or before `day` (to expire, or to renew). */
  activeEndingBy(day: string): StoredPai[] {
    return this.db.select().from(pais).where(and(eq(pais.status, 'active'), lte(pais.validTo, day))).all().map(toStored);
  }

  /**
   * The occurrences of the version just activated replace those of the year's earlier version:
   * the plan of a year is its last version.
   */
  replaceOccurrences(paiId: number, supersededId: number | null, patientId: number, occurrences: readonly Occurrence[]): void {
    if (supersededId !== null) this.db.delete(paiOccurrences).where(eq(paiOccurrences.paiId, supersededId)).run();
    for (const o of occurrences) {
      this.db.insert(paiOccurrences).values({ paiId, patientId, code: o.code, description: o.description, date: o.date, windowStart: o.windowStart, windowEnd: o.windowEnd }).run();
    }
  }

  /**
   * The occurrences of an active version replace those of every version of its year, its own
   * included: a version activated elsewhere (the sync) may arrive before or after the one it
   * superseded, and again once changed.
   */
  replaceYearOccurrences(paiId: number, patientId: number, year: number, occurrences: readonly Occurrence[]): void {
    const yearVersions = this.db.select({ id: pais.id }).from(pais).where(and(eq(pais.patientId, patientId), eq(pais.year, year)));
    this.db.delete(paiOccurrences).where(inArray(paiOccurrences.paiId, yearVersions)).run();
    this.replaceOccurrences(paiId, null, patientId, occurrences);
  }

  /** Occurrences of the active PAIs whose window opens by `horizon`, with who they are for. */
  activeOccurrencesOpeningBy(horizon: string) {
    return this.db
      .select({
        id: paiOccurrences.id,
        patientId: paiOccurrences.patientId,
        code: paiOccurrences.code,
        description: paiOccurrences.description,
        date: paiOccurrences.date,
        windowStart: paiOccurrences.windowStart,
        windowEnd: paiOccurrences.windowEnd,
        codiceFiscale: patients.codiceFiscale,
        surname: patients.surname,
        givenName: patients.givenName,
        phone: patients.phone,
        mobile: patients.mobile,
      })
      .from(paiOccurrences)
      .innerJoin(pais, eq(pais.id, paiOccurrences.paiId))
      .innerJoin(patients, eq(patients.id, paiOccurrences.patientId))
      .where(and(eq(pais.status, 'active'), lte(paiOccurrences.windowStart, horizon)))
      .orderBy(asc(paiOccurrences.windowEnd), asc(patients.surnameKey), asc(paiOccurrences.code))
      .all();
  }

  /**
   * Adherence per patient and prestazione over from..to, counted in SQL with the domain's
   * definitions (shared/domain/adherence.ts; a test holds the two to the same figures): an
   * occurrence is served by the patient's bookings of its code whose occurrence falls in its window.
   */
  adherenceItems(from: string, to: string, today: string, patientId: number | null): AdherenceItemRow[] {
    const rows = patientId === null ? this.studioAdherence.all({ from, to, today }) : this.patientAdherence.all({ from, to, today, patientId });
    return rows as AdherenceItemRow[];
  }

  occurrence(id: number): (Occurrence & { id: number; paiId: number; patientId: number }) | null {
    return this.db.select().from(paiOccurrences).where(eq(paiOccurrences.id, id)).get() ?? null;
  }
}
