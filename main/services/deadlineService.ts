import { addDays } from '../../shared/domain/dates';
import type { DeadlineEntry, Deadlines } from '../../shared/contract/enrollment';
import { todayIn, type Clock } from '../clock';
import type { Store } from '../store/store';
import type { EnrollmentService } from './enrollmentService';
import type { PaiService } from './paiService';

const LAPSED_SHOWN_DAYS = 30;

/** The Scadenze panel: registrations waiting for signatures, recent lapses, renewals of Patti di Cura and PAIs. */
export class DeadlineService {
  constructor(
    private readonly store: Store,
    private readonly enrollments: EnrollmentService,
    private readonly pai: PaiService,
    private readonly clock: Clock,
  ) {}

  get(): Deadlines {
    this.enrollments.applyClock();
    const today = todayIn(this.clock);
    const tomorrow = addDays(today, 1);
    const when = (date: string): DeadlineEntry['when'] => (date < today ? 'overdue' : date === today ? 'today' : date === tomorrow ? 'tomorrow' : 'later');
    const entries = (states: Parameters<Store['enrollments']['latestInStates']>[0], dateOf: (v: { deadline: string | null; periodEnd: string | null }) => string | null) =>
      this.store.enrollments.latestInStates(states).flatMap((row) => {
        const date = dateOf(row.snapshot);
        if (!date) return [];
        const p = this.store.patients.get(row.patientId);
        return [{ enrollmentId: row.id, patientId: row.patientId, codiceFiscale: p.codiceFiscale, surname: p.surname, givenName: p.givenName, phone: p.phone, mobile: p.mobile, state: row.snapshot.state, date, when: when(date) }];
      });
    const registrations = entries(['registered'], (s) => s.deadline);
    const lapsed = entries(['lapsed'], (s) => s.deadline).filter((e) => e.date >= addDays(today, -LAPSED_SHOWN_DAYS));
    const renewals = entries(['renewal_due'], (s) => s.periodEnd).sort((a, b) => a.date.localeCompare(b.date));
    this.pai.applyClock();
    const paiRenewals = this.pai
      .renewalsDue()
      .map((r) => {
        const p = this.store.patients.get(r.patientId);
        return { paiId: r.paiId, patientId: r.patientId, codiceFiscale: p.codiceFiscale, surname: p.surname, givenName: p.givenName, date: r.validTo, when: when(r.validTo) };
      })
      .sort((a, b) => a.date.localeCompare(b.date));
    const urgent =
      registrations.filter((e) => e.when !== 'later').length + renewals.filter((e) => e.when === 'overdue' || e.when === 'today').length + paiRenewals.length;
    return { today, registrations, lapsed, renewals, paiRenewals, urgent };
  }
}
