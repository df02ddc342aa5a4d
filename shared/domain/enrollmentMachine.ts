import { AppError } from '../errors';
import { addDays } from './dates';
import { ENROLLMENT_STATE_LABEL, REGISTRATION_DEADLINE_DAYS, RENEWAL_NOTICE_DAYS, type EnrollmentState } from './enrollment';

/**
 * The life of a presa in carico as one transition function. Every rule of DOMAIN.md's
 * "Enrollment at the studio" that concerns states lives here; the services only persist results.
 */

export interface EnrollmentSnapshot {
  state: EnrollmentState;
  /** ISO dates (YYYY-MM-DD). */
  registeredOn: string | null;
  /** Last day on which the Patto di Cura and the privacy consent may be signed. */
  deadline: string | null;
  enrolledOn: string | null;
  /** End of the current yearly period: the Patto di Cura is renewed or cancelled by then. */
  periodEnd: string | null;
  /** Why the enrollment ended (refusal, withdrawal, transfer, lock elsewhere). */
  reason: string | null;
  /** The other Gestore, when locked elsewhere or transferred. */
  otherGestore: string | null;
}

export type EnrollmentEvent =
  | { type: 'register' }
  | { type: 'sign' }
  | { type: 'lapse' }
  | { type: 'renewal-due' }
  | { type: 'renew' }
  | { type: 'withdraw'; reason: string }
  | { type: 'refuse'; reason: string }
  | { type: 'lock-elsewhere'; gestore: string }
  | { type: 'transfer'; gestore: string; reason: string }
  /** The Centro Servizi answered our registration: another Gestore already holds the patient. */
  | { type: 'claim-refused'; gestore: string };

export type EnrollmentEventType = EnrollmentEvent['type'];

export const END_STATES: readonly EnrollmentState[] = ['withdrawn', 'refused', 'locked_elsewhere', 'transferred'];

/** States in which this Gestore holds the regional lock on the patient. */
export const LOCKED_HERE: readonly EnrollmentState[] = ['registered', 'enrolled', 'renewal_due', 'renewed'];

/** Which event may leave which state. Anything absent is forbidden. */
export const ALLOWED: Readonly<Record<EnrollmentEventType, readonly EnrollmentState[]>> = {
  // A lapsed registration released the lock: the patient may be registered again.
  register: ['candidate', 'lapsed'],
  sign: ['registered'],
  lapse: ['registered'],
  'renewal-due': ['enrolled', 'renewed'],
  renew: ['renewal_due'],
  withdraw: ['registered', 'enrolled', 'renewal_due', 'renewed'],
  refuse: ['candidate', 'lapsed'],
  'lock-elsewhere': ['candidate', 'lapsed'],
  transfer: ['enrolled', 'renewal_due', 'renewed'],
  // Recorded here (offline, or before the answer came) but the server's lock was someone else's all along.
  'claim-refused': ['registered', 'enrolled', 'renewal_due', 'renewed'],
};

/**
 * Whether the event may happen in this state (a patient without an enrollment counts as a
 * candidate): what the UI offers is what the machine allows.
 */
export function allows(state: EnrollmentState | null, event: EnrollmentEventType): boolean {
  return ALLOWED[event].includes(state ?? 'candidate');
}

/** The Patto di Cura and the privacy consent exist while this Gestore holds the patient. */
export function holdsDocuments(state: EnrollmentState | null): boolean {
  return state !== null && LOCKED_HERE.includes(state);
}

const EVENT_LABEL: Record<EnrollmentEventType, string> = {
  register: 'registrare',
  sign: 'firmare il Patto di Cura',
  lapse: 'far scadere la registrazione',
  'renewal-due': 'segnalare il rinnovo',
  renew: 'rinnovare',
  withdraw: 'revocare',
  refuse: 'registrare il rifiuto',
  'lock-elsewhere': 'segnare in carico ad altro Gestore',
  transfer: 'trasferire',
  'claim-refused': 'segnare la registrazione rifiutata dal Centro Servizi',
};

export class EnrollmentTransitionError extends AppError {
  constructor(
    readonly from: EnrollmentState,
    readonly event: EnrollmentEventType,
    detail?: { code: string; en: string; it: string },
  ) {
    super(
      detail?.code ?? 'transition-not-allowed',
      detail?.en ?? `cannot ${event} an enrollment in state ${from}`,
      detail?.it ?? `Non è possibile ${EVENT_LABEL[event]}: il paziente è nello stato "${ENROLLMENT_STATE_LABEL[from]}".`,
    );
  }
}

export function newCandidate(): EnrollmentSnapshot {
  return { state: 'candidate', registeredOn: null, deadline: null, enrolledOn: null, periodEnd: null, reason: null, otherGestore: null };
}

/** One year after `isoDate` (29 February becomes 28 February). */
/**
 * The last day of a yearly period that starts on `start`: 2026-11-23 -> 2027-11-22. The one date
 * the Patto di Cura prints ("fino al") and the enrollment keeps; a period from 29 February ends
 * on 28 February.
 */
export function periodEndFrom(start: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const sameDayNextYear = new Date(Date.UTC(y + 1, m - 1, d));
  if (sameDayNextYear.getUTCMonth() !== m - 1) sameDayNextYear.setUTCDate(0);
  else sameDayNextYear.setUTCDate(sameDayNextYear.getUTCDate() - 1);
  return sameDayNextYear.toISOString().slice(0, 10);
}

/**
 * Applies `event` on `today` (ISO date). Throws EnrollmentTransitionError for a move the rules do
 * not allow, including a signature after the deadline or a lapse before it.
 */
export function transition(current: EnrollmentSnapshot, event: EnrollmentEvent, today: string): EnrollmentSnapshot {
  if (!ALLOWED[event.type].includes(current.state)) throw new EnrollmentTransitionError(current.state, event.type);
  switch (event.type) {
    case 'register':
      return { ...current, state: 'registered', registeredOn: today, deadline: addDays(today, REGISTRATION_DEADLINE_DAYS), reason: null };
    case 'sign':
      if (current.deadline !== null && today > current.deadline) {
        throw new EnrollmentTransitionError(current.state, 'sign', {
          code: 'deadline-passed',
          en: `signature after the deadline ${current.deadline}`,
          it: 'Il termine di una settimana per completare l\'arruolamento è scaduto: occorre registrare di nuovo il paziente con le due carte.',
        });
      }
      // The period runs from the registration, the date the Patto di Cura carries.
      return { ...current, state: 'enrolled', enrolledOn: today, periodEnd: periodEndFrom(current.registeredOn ?? today) };
    case 'lapse':
      if (current.deadline === null || today <= current.deadline) {
        throw new EnrollmentTransitionError(current.state, 'lapse', {
          code: 'deadline-not-passed',
          en: `registration deadline ${current.deadline} has not passed on ${today}`,
          it: 'La registrazione non è ancora scaduta.',
        });
      }
      return { ...current, state: 'lapsed' };
    case 'renewal-due':
      if (current.periodEnd === null || today < renewalNoticeDay(current.periodEnd)) {
        throw new EnrollmentTransitionError(current.state, 'renewal-due', {
          code: 'renewal-not-due',
          en: `renewal not due before ${current.periodEnd ? renewalNoticeDay(current.periodEnd) : 'an enrollment date'}`,
          it: 'Il rinnovo non è ancora in scadenza.',
        });
      }
      return { ...current, state: 'renewal_due' };
    case 'renew':
      return { ...current, state: 'renewed', periodEnd: periodEndFrom(current.periodEnd ? addDays(current.periodEnd, 1) : today) };
    case 'withdraw':
      return { ...current, state: 'withdrawn', reason: requireReason(current.state, event) };
    case 'refuse':
      return { ...current, state: 'refused', reason: requireReason(current.state, event) };
    case 'lock-elsewhere':
      return { ...current, state: 'locked_elsewhere', otherGestore: event.gestore, reason: `In carico a ${event.gestore}` };
    case 'transfer':
      return { ...current, state: 'transferred', otherGestore: event.gestore, reason: requireReason(current.state, event) };
    case 'claim-refused':
      return { ...current, state: 'locked_elsewhere', otherGestore: event.gestore, reason: `Il Centro Servizi lo assegna a ${event.gestore}` };
  }
}

function requireReason(from: EnrollmentState, event: { type: EnrollmentEventType; reason: string }): string {
  const reason = event.reason.trim();
  if (!reason) {
    throw new EnrollmentTransitionError(from, event.type, {
      code: 'reason-required',
      en: `${event.type} needs a reason`,
      it: 'Indicare il motivo.',
    });
  }
  return reason;
}

export function renewalNoticeDay(periodEnd: string): string {
  return addDays(periodEnd, -RENEWAL_NOTICE_DAYS);
}

/** The moves the calendar makes by itself on `today`: a lapse, or a renewal coming due. */
export function clockEvent(current: EnrollmentSnapshot, today: string): EnrollmentEvent | null {
  if (current.state === 'registered' && current.deadline !== null && today > current.deadline) return { type: 'lapse' };
  if ((current.state === 'enrolled' || current.state === 'renewed') && current.periodEnd !== null && today >= renewalNoticeDay(current.periodEnd)) {
    return { type: 'renewal-due' };
  }
  return null;
}
