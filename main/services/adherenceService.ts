import type { PatientAdherenceView } from '../../shared/contract/bookings';
import { patientAdherence, studioAdherence, type AdherenceFigures, type PatientAdherence, type Period } from '../../shared/domain/adherence';
import { addDays, addMonths } from '../../shared/domain/dates';
import { todayIn, type Clock } from '../clock';
import type { Store } from '../store/store';

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
    const pais = this.store.pais.countedOf([patientId]).map((s) => s.pai);
    return this.named(patientAdherence(patientId, pais, this.store.bookings.ofPatient(patientId), p, today));
  }

  studio(period?: Partial<Period>): { from: string; to: string; patients: PatientAdherenceView[]; totals: AdherenceFigures } {
    const today = todayIn(this.clock);
    const p = this.period(today, period);
    const result = studioAdherence(this.store.pais.countedOf(null).map((s) => s.pai), this.store.bookings.ofPatients(null), p, today);
    return { ...p, patients: result.patients.map((a) => this.named(a)), totals: result.totals };
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
