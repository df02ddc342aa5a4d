import { AppError } from '../../errors';
import { addDays, formatItalianDate } from '../dates';
import { PAI_STATUS_LABEL, type Pai, type PaiStatus } from './model';
import { activationIssues, errorsOf, PaiValidationError } from './validation';

/**
 * The life of a PAI as one transition function, like enrollmentMachine.ts:
 *   draft --activate--> active --expire--> expired
 *   draft | active --cancel--> cancelled
 *   active --(the next version is activated)--> superseded
 * Superseding is not an event of its own: it is what activating a new version does to the one
 * it replaces, so that a year never has two active versions. The services persist the results.
 */

export type PaiEvent =
  /** `current` is the year's active version the draft replaces, or null for a first version. */
  | { type: 'activate'; current: Pai | null }
  | { type: 'expire' }
  | { type: 'cancel'; reason: string };

export type PaiEventType = PaiEvent['type'];

export const PAI_ALLOWED: Readonly<Record<PaiEventType, readonly PaiStatus[]>> = {
  activate: ['draft'],
  expire: ['active'],
  cancel: ['draft', 'active'],
};

/** Whether the event may happen in this state: what the UI offers is what the machine allows. */
export function paiAllows(status: PaiStatus, event: PaiEventType): boolean {
  return PAI_ALLOWED[event].includes(status);
}

const EVENT_LABEL: Record<PaiEventType, string> = { activate: 'attivare', expire: 'far scadere', cancel: 'annullare' };

export class PaiTransitionError extends AppError {
  constructor(
    readonly from: PaiStatus,
    readonly event: PaiEventType,
    detail?: { code: string; en: string; it: string },
  ) {
    super(
      detail?.code ?? 'transition-not-allowed',
      detail?.en ?? `cannot ${event} a PAI in state ${from}`,
      detail?.it ?? `Non è possibile ${EVENT_LABEL[event]} il PAI: è nello stato "${PAI_STATUS_LABEL[from]}".`,
    );
  }
}

export interface PaiTransition {
  pai: Pai;
  /** The version the activation replaced, now superseded; null for every other move. */
  superseded: Pai | null;
}

/** In force on `today`: active, and within its validity (a renewal may be activated ahead). */
export function inForce(pai: Pai, today: string): boolean {
  return pai.status === 'active' && pai.validFrom <= today && today <= pai.validTo;
}

/**
 * Applies `event` on `today` (ISO date). Throws PaiTransitionError for a move the rules do not
 * allow and PaiValidationError when the draft is not ready to be activated.
 */
export function transitionPai(pai: Pai, event: PaiEvent, today: string): PaiTransition {
  if (!PAI_ALLOWED[event.type].includes(pai.status)) throw new PaiTransitionError(pai.status, event.type);
  switch (event.type) {
    case 'activate':
      return activate(pai, event.current, today);
    case 'expire':
      if (today <= pai.validTo) {
        throw new PaiTransitionError(pai.status, 'expire', {
          code: 'not-expired',
          en: `PAI valid until ${pai.validTo}`,
          it: `Il PAI è valido fino al ${formatItalianDate(pai.validTo)}.`,
        });
      }
      // It expired the day after its last day, whenever the clock gets to record it.
      return { pai: { ...pai, status: 'expired', closedOn: addDays(pai.validTo, 1) }, superseded: null };
    case 'cancel': {
      const reason = event.reason.trim();
      if (!reason) throw new PaiTransitionError(pai.status, 'cancel', { code: 'reason-required', en: 'cancel needs a reason', it: 'Indicare il motivo dell\'annullamento.' });
      return { pai: { ...pai, status: 'cancelled', closedOn: today, cancelReason: reason }, superseded: null };
    }
  }
}

function activate(draft: Pai, current: Pai | null, today: string): PaiTransition {
  const refuse = (code: string, en: string, it: string) => new PaiTransitionError(draft.status, 'activate', { code, en, it });
  const errors = errorsOf(activationIssues(draft, null));
  if (errors.length > 0) throw new PaiValidationError(errors);
  if (draft.validTo < today) throw refuse('validity-passed', `validity ended on ${draft.validTo}`, `La validità del PAI è terminata il ${formatItalianDate(draft.validTo)}.`);
  if (current === null) {
    // A plan cannot have been in force before it was signed: a late draft starts again (versions.ts, moveStart).
    if (draft.validFrom < today) {
      throw refuse('starts-in-past', `validity starts on ${draft.validFrom}, before ${today}`, `Il PAI inizia il ${formatItalianDate(draft.validFrom)}, prima di oggi: spostarne l'inizio a oggi.`);
    }
    return { pai: { ...draft, status: 'active', activatedOn: today }, superseded: null };
  }
  if (current.status !== 'active' || current.patientId !== draft.patientId || current.year !== draft.year || current.version >= draft.version) {
    throw refuse('not-the-current-version', 'the PAI to replace is not the active earlier version of the same year', 'Il PAI da sostituire non è la versione attiva precedente dello stesso anno.');
  }
  if (current.validFrom !== draft.validFrom || current.validTo !== draft.validTo) {
    throw refuse('validity-changed', 'a new version keeps the validity of the one it replaces', 'Una nuova versione mantiene la validità del PAI che sostituisce.');
  }
  return {
    pai: { ...draft, status: 'active', activatedOn: today },
    superseded: { ...current, status: 'superseded', closedOn: today },
  };
}

/** The move the calendar makes by itself on `today`: an active PAI past its last day expires. */
export function paiClockEvent(pai: Pai, today: string): PaiEvent | null {
  return pai.status === 'active' && today > pai.validTo ? { type: 'expire' } : null;
}
