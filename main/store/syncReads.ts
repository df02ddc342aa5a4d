import type { ConsentKind } from '../../shared/domain/enrollment';
import type { Database } from './sqlite';

/** The rows the sync sends, by the id its outbox item names: only what the FHIR mapping needs. */
export class SyncReads {
  private readonly s;

  constructor(sqlite: Database.Database) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.s = {
      letter: p('SELECT type, tranche_date AS trancheDate, received_at AS receivedAt, note FROM letters WHERE id = ?'),
      call: p('SELECT at, outcome, callback_at AS callbackAt, appointment_time AS appointmentTime, note, operator_cf AS operatorCf FROM contact_attempts WHERE id = ?'),
      consent: p(`SELECT c.kind, c.signed_at AS signedAt, c.document_hash AS documentHash, e.programme_year AS programmeYear
                  FROM consents c JOIN enrollments e ON e.id = c.enrollment_id WHERE c.id = ?`),
      enrollmentYear: p('SELECT programme_year FROM enrollments WHERE id = ?').pluck(),
      requestUids: p('SELECT uid FROM bookings').pluck(),
    };
  }

  letter(id: number): { type: number; trancheDate: string | null; receivedAt: string | null; note: string | null } | null {
    return (this.s.letter.get(id) as ReturnType<SyncReads['letter']> | undefined) ?? null;
  }

  call(id: number): { at: string; outcome: string; callbackAt: string | null; appointmentTime: string | null; note: string | null; operatorCf: string | null } | null {
    return (this.s.call.get(id) as ReturnType<SyncReads['call']> | undefined) ?? null;
  }

  consent(id: number): { kind: ConsentKind; signedAt: string | null; documentHash: string | null; programmeYear: number } | null {
    return (this.s.consent.get(id) as ReturnType<SyncReads['consent']> | undefined) ?? null;
  }

  enrollmentYear(id: number): number | null {
    return (this.s.enrollmentYear.get(id) as number | undefined) ?? null;
  }

  bookingUids(): string[] {
    return this.s.requestUids.all() as string[];
  }
}
