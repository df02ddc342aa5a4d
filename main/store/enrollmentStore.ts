import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { ConsentKind, type EnrollmentState } from '../../shared/domain/enrollment';
import type { EnrollmentSnapshot } from '../../shared/domain/enrollmentMachine';
import type { Db } from './database';
import { consents, enrollments, patients } from './schema';

export interface EnrollmentRow {
  id: number;
  patientId: number;
  snapshot: EnrollmentSnapshot;
}

export interface ConsentRecord {
  kind: ConsentKind;
  printedAt: string | null;
  documentHash: string | null;
  signedAt: string | null;
  signedBy: string | null;
}

/** Who registered with which cards, as recorded at the registration. */
export interface EvidenceRecord {
  operatorCodiceFiscale: string;
  operatorAtr: string;
  patientCodiceFiscale: string;
  patientCardSerial: string;
  patientCardExpiry: string;
  patientAtr: string;
  issuedAt: string;
}

/** An enrollment with its patient's identity and its consents. */
export interface EnrollmentRecord extends EnrollmentSnapshot {
  id: number;
  patientId: number;
  codiceFiscale: string;
  surname: string;
  givenName: string;
  evidence: EvidenceRecord | null;
  consents: ConsentRecord[];
}

/** Enrollments and their consents. A patient's current enrollment is his latest row. */
export class EnrollmentStore {
  constructor(private readonly db: Db) {}

  current(patientId: number): EnrollmentRow | null {
    const row = this.db.select().from(enrollments).where(eq(enrollments.patientId, patientId)).orderBy(desc(enrollments.id)).limit(1).get();
    return row ? toRow(row) : null;
  }

  byId(id: number): EnrollmentRow | null {
    const row = this.db.select().from(enrollments).where(eq(enrollments.id, id)).get();
    return row ? toRow(row) : null;
  }

  insert(patientId: number, snapshot: EnrollmentSnapshot, programmeYear: number, extra: { gestore?: string | null; evidence?: unknown } = {}): number {
    const r = this.db
      .insert(enrollments)
      .values({ patientId, programmeYear, ...columns(snapshot), gestore: extra.gestore ?? null, evidence: extra.evidence === undefined ? null : JSON.stringify(extra.evidence) })
      .run();
    return Number(r.lastInsertRowid);
  }

  update(id: number, snapshot: EnrollmentSnapshot, extra: { gestore?: string | null; evidence?: unknown } = {}): void {
    this.db
      .update(enrollments)
      .set({
        ...columns(snapshot),
        ...(extra.gestore !== undefined && { gestore: extra.gestore }),
        ...(extra.evidence !== undefined && { evidence: JSON.stringify(extra.evidence) }),
        updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
      })
      .where(eq(enrollments.id, id))
      .run();
  }

  /** Latest enrollment of every patient whose latest one is in `states`. */
  latestInStates(states: readonly EnrollmentState[]): EnrollmentRow[] {
    const latest = sql`${enrollments.id} = (SELECT max(e2.id) FROM enrollments e2 WHERE e2.patient_id = ${enrollments.patientId})`;
    return this.db
      .select()
      .from(enrollments)
      .where(and(inArray(enrollments.state, [...states]), latest))
      .orderBy(asc(enrollments.deadline), asc(enrollments.id))
      .all()
      .map(toRow);
  }

  recordPrinted(enrollmentId: number, kind: ConsentKind, documentHash: string, at: string): void {
    const existing = this.consent(enrollmentId, kind);
    if (existing) {
      this.db.update(consents).set({ documentHash, printedAt: at }).where(eq(consents.id, existing.id)).run();
    } else {
      this.db.insert(consents).values({ enrollmentId, kind, documentHash, printedAt: at }).run();
    }
  }

  recordSigned(enrollmentId: number, kind: ConsentKind, at: string, operatorCf: string | null): void {
    const existing = this.consent(enrollmentId, kind);
    if (existing) {
      this.db.update(consents).set({ signedAt: at, signedByCf: operatorCf }).where(eq(consents.id, existing.id)).run();
    } else {
      this.db.insert(consents).values({ enrollmentId, kind, signedAt: at, signedByCf: operatorCf }).run();
    }
  }

  consentsOf(enrollmentId: number): ConsentRecord[] {
    return ConsentKind.options.map((kind) => {
      const c = this.consent(enrollmentId, kind);
      return { kind, printedAt: c?.printedAt ?? null, documentHash: c?.documentHash ?? null, signedAt: c?.signedAt ?? null, signedBy: c?.signedByCf ?? null };
    });
  }

  /** The enrollment with its patient's identity and consents. */
  view(id: number): EnrollmentRecord | null {
    const row = this.db
      .select({ e: enrollments, cf: patients.codiceFiscale, surname: patients.surname, givenName: patients.givenName })
      .from(enrollments)
      .innerJoin(patients, eq(patients.id, enrollments.patientId))
      .where(eq(enrollments.id, id))
      .get();
    if (!row) return null;
    const { snapshot } = toRow(row.e);
    return {
      id: row.e.id,
      patientId: row.e.patientId,
      codiceFiscale: row.cf,
      surname: row.surname,
      givenName: row.givenName,
      state: snapshot.state,
      registeredOn: snapshot.registeredOn,
      deadline: snapshot.deadline,
      enrolledOn: snapshot.enrolledOn,
      periodEnd: snapshot.periodEnd,
      reason: snapshot.reason,
      otherGestore: snapshot.otherGestore,
      evidence: row.e.evidence ? (JSON.parse(row.e.evidence) as EvidenceRecord) : null,
      consents: this.consentsOf(row.e.id),
    };
  }

  private consent(enrollmentId: number, kind: ConsentKind) {
    return this.db.select().from(consents).where(and(eq(consents.enrollmentId, enrollmentId), eq(consents.kind, kind))).get() ?? null;
  }
}

function toRow(r: typeof enrollments.$inferSelect): EnrollmentRow {
  return {
    id: r.id,
    patientId: r.patientId,
    snapshot: {
      state: r.state as EnrollmentState,
      registeredOn: r.registeredAt,
      deadline: r.deadline,
      enrolledOn: r.enrolledAt,
      periodEnd: r.periodEnd,
      reason: r.stateReason,
      otherGestore: r.otherGestore,
    },
  };
}

function columns(s: EnrollmentSnapshot) {
  return {
    state: s.state,
    registeredAt: s.registeredOn,
    deadline: s.deadline,
    enrolledAt: s.enrolledOn,
    periodEnd: s.periodEnd,
    stateReason: s.reason,
    otherGestore: s.otherGestore,
  };
}
