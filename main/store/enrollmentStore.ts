import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { ConsentKind, type EnrollmentState } from '../../shared/domain/enrollment';
import type { EnrollmentSnapshot } from '../../shared/domain/enrollmentMachine';
import type { Db } from './database';
import { consents, consentScans, enrollments, patients } from './schema';

export interface EnrollmentRow {
  id: number;
  patientId: number;
  snapshot: EnrollmentSnapshot;
}

/** The patient's answers on the privacy form, true for "acconsento". */
export interface ChoicesRecord {
  trattamento: boolean;
  comunicazione: boolean;
  contatti: boolean;
}

export interface ScanRecord {
  id: number;
  fileName: string;
  /** Relative to the data folder. */
  storedAs: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  addedAt: string;
  operatorCf: string | null;
}

export interface ConsentRecord {
  /** Null until the document is first generated. */
  id: number | null;
  kind: ConsentKind;
  printedAt: string | null;
  documentHash: string | null;
  signedAt: string | null;
  signedBy: string | null;
  choices: ChoicesRecord | null;
  scans: ScanRecord[];
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
  /** Built and compiled once: the sync reads an enrollment for every item it sends. */
  private readonly byIdQuery;

  constructor(private readonly db: Db) {
    this.byIdQuery = db.select().from(enrollments).where(eq(enrollments.id, sql.placeholder('id'))).prepare();
  }

  current(patientId: number): EnrollmentRow | null {
    const row = this.db.select().from(enrollments).where(eq(enrollments.patientId, patientId)).orderBy(desc(enrollments.id)).limit(1).get();
    return row ? toRow(row) : null;
  }

  byId(id: number): EnrollmentRow | null {
    const row = this.byIdQuery.get({ id });
    return row ? toRow(row) : null;
  }

  /** The patient's enrollment of a programme year (the latest, should there be two). */
  ofYear(patientId: number, programmeYear: number): EnrollmentRow | null {
    const row = this.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.patientId, patientId), eq(enrollments.programmeYear, programmeYear)))
      .orderBy(desc(enrollments.id))
      .limit(1)
      .get();
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

  /** The PDF given for signature; a different one than before has not been printed yet. */
  recordGenerated(enrollmentId: number, kind: ConsentKind, documentHash: string): void {
    const existing = this.consent(enrollmentId, kind);
    if (!existing) {
      this.db.insert(consents).values({ enrollmentId, kind, documentHash }).run();
    } else if (existing.documentHash !== documentHash) {
      this.db.update(consents).set({ documentHash, printedAt: null }).where(eq(consents.id, existing.id)).run();
    }
  }

  recordPrinted(enrollmentId: number, kind: ConsentKind, at: string): void {
    this.db.update(consents).set({ printedAt: at }).where(and(eq(consents.enrollmentId, enrollmentId), eq(consents.kind, kind))).run();
  }

  recordSigned(enrollmentId: number, kind: ConsentKind, at: string, operatorCf: string | null, choices: ChoicesRecord | null): void {
    const values = { signedAt: at, signedByCf: operatorCf, choices: choices === null ? null : JSON.stringify(choices) };
    const existing = this.consent(enrollmentId, kind);
    if (existing) {
      this.db.update(consents).set(values).where(eq(consents.id, existing.id)).run();
    } else {
      this.db.insert(consents).values({ enrollmentId, kind, ...values }).run();
    }
  }

  /** A consent's signature and document, with its row id; null when the consent has no row yet. */
  signature(enrollmentId: number, kind: ConsentKind): { id: number; signedAt: string | null; documentHash: string | null } | null {
    const c = this.consent(enrollmentId, kind);
    return c ? { id: c.id, signedAt: c.signedAt, documentHash: c.documentHash } : null;
  }

  /**
   * A signature recorded on another workstation (the sync): when, and the document signed. Who
   * marked it, the privacy answers and the printing stay as they are here. Returns the consent's id.
   */
  recordSignature(enrollmentId: number, kind: ConsentKind, signature: { signedAt: string; documentHash: string | null }): number {
    const existing = this.consent(enrollmentId, kind);
    if (existing) {
      this.db.update(consents).set(signature).where(eq(consents.id, existing.id)).run();
      return existing.id;
    }
    return this.db.insert(consents).values({ enrollmentId, kind, ...signature }).returning({ id: consents.id }).get().id;
  }

  /** Records an attached scan of a consent that exists; returns its id. */
  addScan(enrollmentId: number, kind: ConsentKind, scan: Omit<ScanRecord, 'id'>): number {
    const consent = this.consent(enrollmentId, kind);
    if (!consent) throw new Error(`no ${kind} consent for enrollment ${enrollmentId}`);
    return this.db.insert(consentScans).values({ consentId: consent.id, ...scan }).returning({ id: consentScans.id }).get().id;
  }

  scan(id: number): (ScanRecord & { enrollmentId: number; kind: ConsentKind }) | null {
    const row = this.db
      .select({ s: consentScans, enrollmentId: consents.enrollmentId, kind: consents.kind })
      .from(consentScans)
      .innerJoin(consents, eq(consents.id, consentScans.consentId))
      .where(eq(consentScans.id, id))
      .get();
    return row ? { ...toScan(row.s), enrollmentId: row.enrollmentId, kind: row.kind } : null;
  }

  consentsOf(enrollmentId: number): ConsentRecord[] {
    return ConsentKind.options.map((kind) => {
      const c = this.consent(enrollmentId, kind);
      return {
        id: c?.id ?? null,
        kind,
        printedAt: c?.printedAt ?? null,
        documentHash: c?.documentHash ?? null,
        signedAt: c?.signedAt ?? null,
        signedBy: c?.signedByCf ?? null,
        choices: c?.choices ? (JSON.parse(c.choices) as ChoicesRecord) : null,
        scans: c ? this.db.select().from(consentScans).where(eq(consentScans.consentId, c.id)).orderBy(asc(consentScans.id)).all().map(toScan) : [],
      };
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

function toScan(r: typeof consentScans.$inferSelect): ScanRecord {
  return { id: r.id, fileName: r.fileName, storedAs: r.storedAs, mediaType: r.mediaType, bytes: r.bytes, sha256: r.sha256, addedAt: r.addedAt, operatorCf: r.operatorCf };
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
