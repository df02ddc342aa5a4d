import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { CallOutcome } from '../../shared/domain/callOutcome';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import type { EnrollmentState } from '../../shared/domain/enrollment';
import type { LetterType } from '../../shared/domain/letter';
import type { Db } from './database';
import type { Outbox } from './outbox';
import { contactAttempts } from './schema';

/**
 * Who may be called back: patients who brought the ATS letter, and those on the ATS list (a
 * chronic level or a letter on record) who never came, while their enrollment is still open
 * (none yet, candidate, or a lapsed registration); each with his latest letter and latest call.
 * Where each stands in the queue, and the order, are decided in shared/domain/callQueue.ts.
 */
const CANDIDATES = sql`
  WITH cur AS (
    SELECT e.patient_id, e.state FROM enrollments e
    WHERE e.id = (SELECT max(e2.id) FROM enrollments e2 WHERE e2.patient_id = e.patient_id)
  ),
  letter AS (
    SELECT l.patient_id, l.type, l.tranche_date, l.received_at FROM letters l
    WHERE l.id = (SELECT l2.id FROM letters l2 WHERE l2.patient_id = l.patient_id
                  ORDER BY (l2.received_at IS NULL), l2.received_at DESC, l2.id DESC LIMIT 1)
  ),
  attempt AS (
    SELECT c.patient_id, c.at, c.outcome, c.callback_at, c.appointment_time, c.note, c.operator_cf,
           (SELECT count(*) FROM contact_attempts c3 WHERE c3.patient_id = c.patient_id) AS n
    FROM contact_attempts c
    WHERE c.id = (SELECT max(c2.id) FROM contact_attempts c2 WHERE c2.patient_id = c.patient_id)
  )
  SELECT p.id, p.codice_fiscale, p.surname, p.given_name, p.surname_key, p.given_key, p.birth_date, p.sex, p.chronic_level,
         p.phone, p.mobile, p.preferred_call_time, p.updated_at,
         letter.type AS letter_type, letter.tranche_date, letter.received_at,
         attempt.at AS attempt_at, attempt.outcome, attempt.callback_at, attempt.appointment_time, attempt.note, attempt.operator_cf,
         coalesce(attempt.n, 0) AS attempts
  FROM patients p
  LEFT JOIN cur ON cur.patient_id = p.id
  LEFT JOIN letter ON letter.patient_id = p.id
  LEFT JOIN attempt ON attempt.patient_id = p.id
  WHERE (cur.state IS NULL OR cur.state IN ('candidate', 'lapsed'))
    AND (letter.type IS NOT NULL OR p.chronic_level IS NOT NULL)`;

interface Row {
  id: number;
  codice_fiscale: string;
  surname: string;
  given_name: string;
  surname_key: string;
  given_key: string;
  birth_date: string;
  sex: 'M' | 'F';
  chronic_level: number | null;
  phone: string | null;
  mobile: string | null;
  preferred_call_time: string | null;
  updated_at: string;
  letter_type: number | null;
  tranche_date: string | null;
  received_at: string | null;
  attempt_at: string | null;
  outcome: string | null;
  callback_at: string | null;
  appointment_time: string | null;
  note: string | null;
  operator_cf: string | null;
  attempts: number;
}

export interface CallAttemptRow {
  at: string;
  outcome: CallOutcome;
  date: string | null;
  time: string | null;
  note: string | null;
  operatorCf: string | null;
}

/** A patient who may be called back, as stored. */
export interface CallCandidate {
  patientId: number;
  codiceFiscale: string;
  surname: string;
  givenName: string;
  surnameKey: string;
  givenKey: string;
  birthDate: string;
  sex: 'M' | 'F';
  chronicLevel: ChronicLevel | null;
  phone: string | null;
  mobile: string | null;
  preferredCallTime: string | null;
  /** When the patient's record (contacts among it) last changed. */
  updatedAt: string;
  letterType: LetterType | null;
  letterDate: string | null;
  /** When he brought the letter to the studio; null: only on the ATS list. */
  letterReceivedAt: string | null;
  attempts: number;
  lastAttempt: CallAttemptRow | null;
}

/** Filters the database applies; the queue's own ones (today, text) are the service's. */
export interface CandidateFilter {
  source?: 'letter' | 'ats-list';
  /** 'none': no level known. */
  level?: ChronicLevel | 'none';
  letterType?: LetterType;
  withPhone?: boolean;
}

export interface AgendaRow {
  patientId: number;
  codiceFiscale: string;
  surname: string;
  givenName: string;
  sex: 'M' | 'F';
  birthDate: string;
  chronicLevel: ChronicLevel | null;
  phone: string | null;
  mobile: string | null;
  time: string | null;
  note: string | null;
  madeAt: string;
  operatorCf: string | null;
  enrollmentState: EnrollmentState | null;
}

export class CallListStore {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  candidates(filter: CandidateFilter = {}): CallCandidate[] {
    const where: SQL[] = [];
    if (filter.source === 'letter') where.push(sql`letter.received_at IS NOT NULL`);
    if (filter.source === 'ats-list') where.push(sql`letter.received_at IS NULL`);
    if (filter.level === 'none') where.push(sql`p.chronic_level IS NULL`);
    else if (filter.level !== undefined) where.push(sql`p.chronic_level = ${filter.level}`);
    if (filter.letterType !== undefined) where.push(sql`letter.type = ${filter.letterType}`);
    if (filter.withPhone) where.push(sql`(coalesce(p.phone, '') != '' OR coalesce(p.mobile, '') != '')`);
    const rows = this.db.all<Row>(sql`${CANDIDATES}${where.length ? sql` AND ${sql.join(where, sql` AND `)}` : sql``}`);
    return rows.map(toCandidate);
  }

  candidate(patientId: number): CallCandidate | null {
    const row = this.db.get<Row>(sql`${CANDIDATES} AND p.id = ${patientId}`);
    return row ? toCandidate(row) : null;
  }

  /**
   * The appointments for enrollment on a day: patients whose latest call fixed one on that date,
   * by time, with where their enrollment stands now.
   */
  appointmentsOn(date: string): AgendaRow[] {
    return this.db
      .all<{
        id: number; codice_fiscale: string; surname: string; given_name: string; sex: 'M' | 'F'; birth_date: string; chronic_level: number | null;
        phone: string | null; mobile: string | null; appointment_time: string | null; note: string | null; at: string; operator_cf: string | null; state: string | null;
      }>(sql`
        SELECT p.id, p.codice_fiscale, p.surname, p.given_name, p.sex, p.birth_date, p.chronic_level, p.phone, p.mobile,
               c.appointment_time, c.note, c.at, c.operator_cf,
               (SELECT e.state FROM enrollments e WHERE e.patient_id = p.id ORDER BY e.id DESC LIMIT 1) AS state
        FROM contact_attempts c JOIN patients p ON p.id = c.patient_id
        WHERE c.outcome = 'appointment' AND c.callback_at = ${date}
          AND c.id = (SELECT max(c2.id) FROM contact_attempts c2 WHERE c2.patient_id = c.patient_id)
        ORDER BY coalesce(c.appointment_time, '99:99'), p.surname_key, p.given_key`)
      .map((r) => ({
        patientId: r.id,
        codiceFiscale: r.codice_fiscale,
        surname: r.surname,
        givenName: r.given_name,
        sex: r.sex,
        birthDate: r.birth_date,
        chronicLevel: r.chronic_level as ChronicLevel | null,
        phone: r.phone,
        mobile: r.mobile,
        time: r.appointment_time,
        note: r.note,
        madeAt: r.at,
        operatorCf: r.operator_cf,
        enrollmentState: r.state as EnrollmentState | null,
      }));
  }

  /** A call made here: it goes to the Centro Servizi. */
  recordAttempt(a: CallAttemptRow & { patientId: number }): number {
    const id = this.db
      .insert(contactAttempts)
      .values({ patientId: a.patientId, at: a.at, outcome: a.outcome, callbackAt: a.date, appointmentTime: a.time, note: a.note, operatorCf: a.operatorCf })
      .returning({ id: contactAttempts.id })
      .get().id;
    this.outbox.enqueue('call', id, a.patientId);
    return id;
  }

  /** The patient's call made at that instant (the first, should two share it). */
  attemptAt(patientId: number, at: string): (CallAttemptRow & { id: number }) | null {
    const row = this.db.select().from(contactAttempts).where(and(eq(contactAttempts.patientId, patientId), eq(contactAttempts.at, at))).orderBy(asc(contactAttempts.id)).limit(1).get();
    return row ? { id: row.id, at: row.at, outcome: row.outcome as CallOutcome, date: row.callbackAt, time: row.appointmentTime, note: row.note, operatorCf: row.operatorCf } : null;
  }

  /** A call's outcome, dates and note as recorded on another workstation (the sync). */
  updateAttempt(id: number, a: Omit<CallAttemptRow, 'at'>): void {
    this.db
      .update(contactAttempts)
      .set({ outcome: a.outcome, callbackAt: a.date, appointmentTime: a.time, note: a.note, operatorCf: a.operatorCf })
      .where(eq(contactAttempts.id, id))
      .run();
  }
}

function toCandidate(r: Row): CallCandidate {
  return {
    patientId: r.id,
    codiceFiscale: r.codice_fiscale,
    surname: r.surname,
    givenName: r.given_name,
    surnameKey: r.surname_key,
    givenKey: r.given_key,
    birthDate: r.birth_date,
    sex: r.sex,
    chronicLevel: r.chronic_level as ChronicLevel | null,
    phone: r.phone,
    mobile: r.mobile,
    preferredCallTime: r.preferred_call_time,
    updatedAt: r.updated_at,
    letterType: r.letter_type as LetterType | null,
    letterDate: r.tranche_date,
    letterReceivedAt: r.received_at,
    attempts: r.attempts,
    lastAttempt: r.attempt_at
      ? { at: r.attempt_at, outcome: r.outcome as CallOutcome, date: r.callback_at, time: r.appointment_time, note: r.note, operatorCf: r.operator_cf }
      : null,
  };
}
