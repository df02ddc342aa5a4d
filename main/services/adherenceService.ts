import type { PatientAdherenceView } from '../../shared/contract/bookings';
import { adherenceOfItems, type AdherenceFigures, type PatientAdherence, type Period } from '../../shared/domain/adherence';
import { addDays, addMonths } from '../../shared/domain/dates';
import { todayIn, type Clock } from '../clock';
import type { Store } from '../store/store';

const NOTHING_PLANNED: AdherenceFigures = { planned: 0, prescribed: 0, booked: 0, performed: 0, overdue: 0, percent: null };

/** Without a period: the last twelve months up to today, the span of one PAI. */
export function defaultPeriod(today: string): Period {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/** Adherence to the PAI per patient and for the studio, so the case manager knows whom to call. */
export class AdherenceService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  patient(patientId: number, period?: Partial<Period>): PatientAdherenceView {
    const today = todayIn(this.clock);
    const p = this.period(today, period);
    const [figures] = adherenceOfItems(this.store.pais.adherenceItems(p.from, p.to, today, patientId)).patients;
    return this.named(figures ?? { patientId, ...NOTHING_PLANNED, items: [] });
  }

  studio(period?: Partial<Period>): { from: string; to: string; patients: PatientAdherenceView[]; totals: AdherenceFigures } {
    const today = todayIn(this.clock);
    const p = this.period(today, period);
    const result = adherenceOfItems(this.store.pais.adherenceItems(p.from, p.to, today, null));
    const identities = this.store.patients.identities();
    return { ...p, patients: result.patients.map((a) => ({ ...a, ...identities.get(a.patientId)! })), totals: result.totals };
  }

  private period(today: string, given: Partial<Period> | undefined): Period {
    const d = defaultPeriod(today);
    return { from: given?.from ?? d.from, to: given?.to ?? d.to };
  }

  private named(a: PatientAdherence): PatientAdherenceView {
    const p = this.store.patients.get(a.patientId);
    return { ...a, codiceFiscale: p.codiceFiscale, surname: p.surname, givenName: p.givenName };
  }
}
