import type { PatientDetail } from '../../shared/contract/patients';
import { formatItalianDate } from '../../shared/domain/dates';
import type { WalkInInput } from '../../shared/contract/walkin';
import type { EnrollmentState } from '../../shared/domain/enrollment';
import { AppError } from '../../shared/errors';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store/store';
import type { EnrollmentService } from './enrollmentService';

/**
 * What the secretary reads to the patient who brought the letter: he will be called for the
 * enrollment, unless he is already registered (signatures missing) or enrolled.
 */
export function recontactMessage(p: { givenName: string; surname: string; sex: 'M' | 'F' }, enrollment: { state: EnrollmentState; deadline: string | null; periodEnd: string | null } | null = null): string {
  const who = `${displayName(p.givenName)} ${displayName(p.surname)}`;
  const agreed = (masculine: string) => (p.sex === 'F' ? `${masculine.slice(0, -1)}a` : masculine);
  switch (enrollment?.state) {
    case 'registered':
      return `Grazie. ${who} è già ${agreed('registrato')} nella Presa in Carico: restano da firmare il Patto di Cura e il consenso privacy${enrollment.deadline ? ` entro il ${formatItalianDate(enrollment.deadline)}` : ''}.`;
    case 'enrolled':
    case 'renewed':
    case 'renewal_due':
      return `Grazie. ${who} è già ${agreed('arruolato')} nella Presa in Carico${enrollment.periodEnd ? ` (Patto di Cura valido fino al ${formatItalianDate(enrollment.periodEnd)})` : ''}: non serve un nuovo appuntamento.`;
    default:
      return `Grazie. ${who} sarà ${agreed('ricontattato')} dallo studio per fissare l'appuntamento di arruolamento nella Presa in Carico.`;
  }
}

/** Names read off a card are in capitals: "DELL'ACQUA" -> "Dell'Acqua". */
function displayName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

export class PhoneRequiredError extends AppError {
  constructor() {
    super('phone-required', 'a walk-in needs a number to call the patient back', 'Indicare almeno un numero di telefono o di cellulare: serve per richiamare il paziente.');
  }
}

export class LetterDateInFutureError extends AppError {
  constructor(date: string, today: string) {
    super('letter-date-in-future', `letter date ${date} is after today (${today})`, `La data della lettera (${formatItalianDate(date)}) non può essere futura.`);
  }
}

/** Accoglienza: a patient walks in with the ATS letter. */
export class WalkInService {
  constructor(
    private readonly store: Store,
    private readonly enrollments: EnrollmentService,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  record(input: WalkInInput, operatorCf: string | null): { patient: PatientDetail; message: string } {
    const patient = this.store.patients.get(input.patientId);
    const today = todayIn(this.clock);
    if (input.letterDate > today) throw new LetterDateInFutureError(input.letterDate, today);
    if (!input.phone && !input.mobile && !patient.phone && !patient.mobile) throw new PhoneRequiredError();
    this.store.transaction(() => {
      this.store.patients.updateContacts(input.patientId, {
        phone: input.phone || undefined,
        mobile: input.mobile || undefined,
        preferredCallTime: input.preferredCallTime || undefined,
      });
      this.store.patients.receiveLetter(input.patientId, {
        type: input.letterType,
        trancheDate: input.letterDate,
        receivedAt: today,
        note: input.note || null,
      });
      this.enrollments.ensureCandidate(input.patientId);
      this.store.audit.append({
        operatorCf,
        action: 'walkin.record',
        entity: 'patient',
        entityId: input.patientId,
        detail: { letterType: input.letterType, letterDate: input.letterDate, phone: input.phone ?? null, mobile: input.mobile ?? null },
      });
    });
    this.events.emit('enrollments.changed', { patientId: input.patientId });
    return { patient: this.store.patients.get(input.patientId), message: recontactMessage(patient, this.enrollments.get(input.patientId)) };
  }
}
