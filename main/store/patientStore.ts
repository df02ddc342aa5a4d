import { and, asc, count, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import type { LetterType } from '../../shared/domain/letter';
import type { EnrollmentState } from '../../shared/domain/enrollment';
import type { NewPatient, PatientSummary } from '../../shared/domain/patient';
import { pathologyName } from '../../shared/domain/pathology';
import type { NameSplit, SearchPlan } from '../../shared/domain/patientSearch';
import { NotFoundError } from '../../shared/errors';
import type { Db } from './database';
import type { LetterRowFields, PathologyRowFields, PatientRowFields, PatientWrites } from './patientWrites';
import { enrollments, letters, patientPathologies, patients } from './schema';

/** A patient as it arrives from a source (demo data, later imports), with what came with it. */
export interface IncomingPatient extends NewPatient {
  letters: LetterRowFields[];
  pathologies: PathologyRowFields[];
}

/** A patient with everything the archive knows of him. */
export interface PatientRecord extends PatientSummary {
  chronicLevelConfirmed: boolean;
  birthPlaceCode: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  pathologies: { code: number; name: string; source: string; confirmed: boolean }[];
  letters: LetterRowFields[];
  enrollment: { state: EnrollmentState; deadline: string | null } | null;
  preferredCallTime: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SearchResult {
  patients: PatientSummary[];
  truncated: boolean;
}

/** Keys hold only A-Z and CFs only A-Z 0-9, and '[' sorts right after 'Z': a prefix's upper bound. */
const PREFIX_END = '[';

const summaryColumns = {
  id: patients.id,
  codiceFiscale: patients.codiceFiscale,
  surname: patients.surname,
  givenName: patients.givenName,
  birthDate: patients.birthDate,
  sex: patients.sex,
  chronicLevel: patients.chronicLevel,
};

export class PatientStore {
  /** Built and compiled once: the record page, the call list and the sync read a whole patient all the time. */
  private readonly recordQueries;

  constructor(
    private readonly db: Db,
    private readonly writes: PatientWrites,
  ) {
    const id = sql.placeholder('id');
    this.recordQueries = {
      patient: db.select().from(patients).where(eq(patients.id, id)).prepare(),
      pathologies: db.select().from(patientPathologies).where(eq(patientPathologies.patientId, id)).prepare(),
      letters: db.select().from(letters).where(eq(letters.patientId, id)).orderBy(asc(letters.trancheDate)).prepare(),
      enrollment: db
        .select({ state: enrollments.state, deadline: enrollments.deadline })
        .from(enrollments)
        .where(eq(enrollments.patientId, id))
        .orderBy(sql`${enrollments.id} DESC`)
        .limit(1)
        .prepare(),
    };
  }

  /**
   * Adds new patients in one transaction; a codice fiscale already stored is skipped untouched
   * (updating existing patients is the importer's job, with its own rules).
   */
  insertNew(rows: readonly IncomingPatient[]): { created: number; skipped: number } {
    return this.db.transaction(() => {
      let created = 0;
      for (const { letters: incomingLetters, pathologies, ...p } of rows) {
        const patientId = this.writes.insert({ ...p, preferredCallTime: null });
        if (patientId === null) continue;
        created++;
        for (const l of incomingLetters) this.writes.addLetter(patientId, l);
        for (const d of pathologies) this.writes.addPathology(patientId, d);
      }
      return { created, skipped: rows.length - created };
    });
  }

  /** One new patient, of no import run (undoing an import never removes him); null when the codice fiscale is stored already. */
  insert(p: PatientRowFields): number | null {
    return this.writes.insert(p);
  }

  /** The given fields (undefined ones are left as they are); the search keys follow the names. */
  update(id: number, fields: Partial<PatientRowFields>): void {
    this.writes.update(id, fields);
  }

  /** The pathologies as another workstation has them: see PatientWrites.replacePathologies. */
  replacePathologies(patientId: number, wanted: readonly PathologyRowFields[]): { added: number[]; removed: number[]; confirmation: number[] } {
    return this.writes.replacePathologies(patientId, wanted);
  }

  /** The patient's letter of this type and date (the first, if the list gave it twice). */
  letter(patientId: number, type: LetterType, trancheDate: string | null): (LetterRowFields & { id: number }) | null {
    const row = this.db
      .select()
      .from(letters)
      .where(and(eq(letters.patientId, patientId), eq(letters.type, type), trancheDate === null ? isNull(letters.trancheDate) : eq(letters.trancheDate, trancheDate)))
      .orderBy(asc(letters.id))
      .limit(1)
      .get();
    return row ? { id: row.id, type: row.type as LetterType, trancheDate: row.trancheDate, receivedAt: row.receivedAt, note: row.note } : null;
  }

  addLetter(patientId: number, letter: LetterRowFields): number {
    return this.writes.addLetter(patientId, letter);
  }

  updateLetter(id: number, letter: Pick<LetterRowFields, 'receivedAt' | 'note'>): void {
    this.writes.updateLetter(id, letter);
  }

  /** Contacts given as undefined are left as they are. */
  updateContacts(id: number, c: { phone?: string | null; mobile?: string | null; email?: string | null; preferredCallTime?: string | null }): void {
    this.writes.update(id, c);
  }

  /** A letter the patient brought: the announced one of the same type if there is one, else a new one. */
  receiveLetter(patientId: number, letter: LetterRowFields & { receivedAt: string }): void {
    this.writes.receiveLetter(patientId, letter);
  }

  confirmLevel(id: number, level: ChronicLevel | null): void {
    this.writes.confirmLevel(id, level);
  }

  setPathologies(patientId: number, codes: readonly number[]): { added: number[]; removed: number[] } {
    return this.writes.setPathologies(patientId, codes);
  }

  /** Codice fiscale and name of every patient, by id: one query for a studio-wide list. */
  identities(): Map<number, { codiceFiscale: string; surname: string; givenName: string }> {
    const rows = this.db.select({ id: patients.id, codiceFiscale: patients.codiceFiscale, surname: patients.surname, givenName: patients.givenName }).from(patients).all();
    return new Map(rows.map(({ id, ...identity }) => [id, identity]));
  }

  /** Whether the patient asked for no more appointment reminders. */
  remindersOptOut(id: number): boolean {
    return this.db.select({ v: patients.remindersOptOut }).from(patients).where(eq(patients.id, id)).get()?.v ?? false;
  }

  setRemindersOptOut(id: number, optedOut: boolean): void {
    this.db.update(patients).set({ remindersOptOut: optedOut }).where(eq(patients.id, id)).run();
  }

  idByCodiceFiscale(codiceFiscale: string): number | null {
    return this.db.select({ id: patients.id }).from(patients).where(eq(patients.codiceFiscale, codiceFiscale)).get()?.id ?? null;
  }

  count(): number {
    return this.db.select({ n: count() }).from(patients).get()?.n ?? 0;
  }

  search(plan: SearchPlan, limit: number): SearchResult {
    const lookups = plan.kind === 'codiceFiscale' ? [codiceFiscaleLookup(plan.prefix)] : plan.splits.map(nameLookup);
    const found = new Map<number, PatientSummary>();
    let truncated = false;
    for (const { where, order } of lookups) {
      const rows = this.db
        .select(summaryColumns)
        .from(patients)
        .where(where)
        .orderBy(...order)
        .limit(limit + 1)
        .all();
      for (const row of rows) {
        if (found.size === limit) {
          if (!found.has(row.id)) truncated = true;
          continue;
        }
        found.set(row.id, { ...row, chronicLevel: row.chronicLevel as ChronicLevel | null });
      }
      if (truncated) break;
    }
    return { patients: [...found.values()], truncated };
  }

  get(id: number): PatientRecord {
    const q = this.recordQueries;
    const p = q.patient.get({ id });
    if (!p) throw new NotFoundError('patient', 'Paziente', id);
    const pathologies = q.pathologies.all({ id });
    const letterRows = q.letters.all({ id });
    const enrollment = q.enrollment.get({ id });
    return {
      id: p.id,
      codiceFiscale: p.codiceFiscale,
      surname: p.surname,
      givenName: p.givenName,
      birthDate: p.birthDate,
      sex: p.sex,
      birthPlaceCode: p.birthPlaceCode,
      phone: p.phone,
      mobile: p.mobile,
      email: p.email,
      chronicLevel: p.chronicLevel as ChronicLevel | null,
      chronicLevelConfirmed: p.chronicLevelConfirmed,
      pathologies: pathologies.map((d) => ({
        code: d.code,
        name: pathologyName(d.code) ?? `Patologia ${d.code}`,
        source: d.source,
        confirmed: d.confirmed,
      })),
      letters: letterRows.map((l) => ({ type: l.type as LetterType, trancheDate: l.trancheDate, receivedAt: l.receivedAt, note: l.note })),
      enrollment: enrollment ? { state: enrollment.state as EnrollmentState, deadline: enrollment.deadline } : null,
      preferredCallTime: p.preferredCallTime,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}

function prefixOf(column: SQLiteColumn, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, prefix + PREFIX_END)) as SQL;
}

/** A range condition and the order of the index it scans, so that LIMIT stops the scan early. */
interface Lookup {
  where: SQL;
  order: SQL[];
}

const BY_SURNAME = [asc(patients.surnameKey), asc(patients.givenKey), asc(patients.id)];
const BY_GIVEN = [asc(patients.givenKey), asc(patients.surnameKey), asc(patients.id)];

function codiceFiscaleLookup(prefix: string): Lookup {
  return { where: prefixOf(patients.codiceFiscale, prefix), order: [asc(patients.codiceFiscale)] };
}

function nameLookup(split: NameSplit): Lookup {
  if (split.surname === '') return { where: prefixOf(patients.givenKey, split.given), order: BY_GIVEN };
  if (split.given === '') return { where: prefixOf(patients.surnameKey, split.surname), order: BY_SURNAME };
  return {
    where: and(prefixOf(patients.surnameKey, split.surname), prefixOf(patients.givenKey, split.given)) as SQL,
    order: BY_SURNAME,
  };
}
