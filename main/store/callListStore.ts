import { sql } from 'drizzle-orm';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import type { LetterType } from '../../shared/domain/letter';
import type { CallOutcome } from '../../shared/domain/callOutcome';
import type { Db } from './database';
import { contactAttempts } from './schema';

/**
 * Who is to be called: patients who brought the ATS letter, and those on the ATS list (a chronic
 * level or a letter on record) who never came, while their enrollment is still open (none yet,
 * candidate, or a lapsed registration). Ordered by level, then letter type.
 */
const CALL_LIST = sql`
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
    SELECT c.patient_id, c.at, c.outcome, c.callback_at, c.note, c.operator_cf,
           (SELECT count(*) FROM contact_attempts c3 WHERE c3.patient_id = c.patient_id) AS n
    FROM contact_attempts c
    WHERE c.id = (SELECT max(c2.id) FROM contact_attempts c2 WHERE c2.patient_id = c.patient_id)
  )
  SELECT p.id, p.codice_fiscale, p.surname, p.given_name, p.birth_date, p.chronic_level, p.phone, p.mobile,
         p.preferred_call_time, letter.type AS letter_type, letter.tranche_date, letter.received_at,
         attempt.at AS attempt_at, attempt.outcome, attempt.callback_at, attempt.note, attempt.operator_cf,
         coalesce(attempt.n, 0) AS attempts
  FROM patients p
  LEFT JOIN cur ON cur.patient_id = p.id
  LEFT JOIN letter ON letter.patient_id = p.id
  LEFT JOIN attempt ON attempt.patient_id = p.id
  WHERE (cur.state IS NULL OR cur.state IN ('candidate', 'lapsed'))
    AND (letter.type IS NOT NULL OR p.chronic_level IS NOT NULL)`;

/**
 * Level from the ATS list, else what the letter implies (type 3 goes to levels 1-2, type 2 to
 * level 3), so that a patient who brought a letter is not sent to the end for lack of a level.
 */
const LEVEL_ORDER = sql`coalesce(p.chronic_level, CASE letter.type WHEN 3 THEN 2 WHEN 2 THEN 3 ELSE 9 END)`;

/** One patient to call, with his last attempt. */
export interface CallListRow {
  patientId: number;
  codiceFiscale: string;
  surname: string;
  givenName: string;
  birthDate: string;
  chronicLevel: ChronicLevel | null;
  source: 'letter' | 'ats-list';
  letterType: LetterType | null;
  letterDate: string | null;
  phone: string | null;
  mobile: string | null;
  preferredCallTime: string | null;
  attempts: number;
  lastAttempt: { at: string; outcome: CallOutcome; date: string | null; note: string | null; operatorCf: string | null } | null;
}

interface Row {
  id: number;
  codice_fiscale: string;
  surname: string;
  given_name: string;
  birth_date: string;
  chronic_level: number | null;
  phone: string | null;
  mobile: string | null;
  preferred_call_time: string | null;
  letter_type: number | null;
  tranche_date: string | null;
  received_at: string | null;
  attempt_at: string | null;
  outcome: string | null;
  callback_at: string | null;
  note: string | null;
  operator_cf: string | null;
  attempts: number;
}

export class CallListStore {
  constructor(private readonly db: Db) {}

  list(limit: number, offset: number): { entries: CallListRow[]; total: number } {
    const rows = this.db.all<Row>(sql`${CALL_LIST}
      ORDER BY ${LEVEL_ORDER}, coalesce(letter.type, 9), (letter.received_at IS NULL), p.surname_key, p.given_key, p.id
      LIMIT ${limit} OFFSET ${offset}`);
    const total = this.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${CALL_LIST})`)?.n ?? 0;
    return { entries: rows.map(toEntry), total };
  }

  entry(patientId: number): CallListRow | null {
    const row = this.db.get<Row>(sql`${CALL_LIST} AND p.id = ${patientId}`);
    return row ? toEntry(row) : null;
  }

  recordAttempt(a: { patientId: number; at: string; outcome: CallOutcome; date: string | null; note: string | null; operatorCf: string | null }): void {
    this.db
      .insert(contactAttempts)
      .values({ patientId: a.patientId, at: a.at, outcome: a.outcome, callbackAt: a.date, note: a.note, operatorCf: a.operatorCf })
      .run();
  }
}

function toEntry(r: Row): CallListRow {
  return {
    patientId: r.id,
    codiceFiscale: r.codice_fiscale,
    surname: r.surname,
    givenName: r.given_name,
    birthDate: r.birth_date,
    chronicLevel: r.chronic_level as ChronicLevel | null,
    source: r.received_at ? 'letter' : 'ats-list',
    letterType: r.letter_type as LetterType | null,
    letterDate: r.tranche_date,
    phone: r.phone,
    mobile: r.mobile,
    preferredCallTime: r.preferred_call_time,
    attempts: r.attempts,
    lastAttempt: r.attempt_at
      ? { at: r.attempt_at, outcome: r.outcome as CallOutcome, date: r.callback_at, note: r.note, operatorCf: r.operator_cf }
      : null,
  };
}
