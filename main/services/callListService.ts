import type { CallListEntry, RecordCallInput } from '../../shared/contract/calls';
import { AppError } from '../../shared/errors';
import { formatItalianDate } from '../../shared/domain/dates';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store/store';
import type { EnrollmentService } from './enrollmentService';

export class CallInputError extends AppError {}

/** Richiami: whom to call, and what each call gave. */
export class CallListService {
  constructor(
    private readonly store: Store,
    private readonly enrollments: EnrollmentService,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  list(limit: number, offset: number): { entries: CallListEntry[]; total: number } {
    this.enrollments.applyClock();
    return this.store.calls.list(limit, offset);
  }

  /** Records one call. Returns the patient's list entry, or null once he left the list (refused). */
  record(input: RecordCallInput, operatorCf: string | null): { entry: CallListEntry | null } {
    this.store.patients.get(input.patientId);
    if ((input.outcome === 'appointment' || input.outcome === 'call_back') && !input.date) {
      throw new CallInputError('date-required', `${input.outcome} needs a date`, "Indicare la data dell'appuntamento o del richiamo.");
    }
    // The UI checks it too, with the same clock: near midnight neither may let yesterday through.
    const today = todayIn(this.clock);
    if (input.date && input.date < today) {
      throw new CallInputError('date-in-past', `${input.outcome} date ${input.date} is before today (${today})`, `La data ${formatItalianDate(input.date)} è già passata: indicare oggi o un giorno futuro.`);
    }
    if (input.outcome === 'refused' && !input.note?.trim()) {
      throw new CallInputError('reason-required', 'a refusal needs its reason', 'Indicare il motivo del rifiuto.');
    }
    this.store.transaction(() => {
      this.store.calls.recordAttempt({
        patientId: input.patientId,
        at: this.clock.now().toISOString(),
        outcome: input.outcome,
        date: input.date ?? null,
        note: input.note?.trim() || null,
        operatorCf,
      });
      this.store.audit.append({ operatorCf, action: 'call.record', entity: 'patient', entityId: input.patientId, detail: { outcome: input.outcome, date: input.date ?? null, note: input.note ?? null } });
      if (input.outcome === 'refused') this.enrollments.refuse(input.patientId, input.note!.trim());
    });
    this.events.emit('enrollments.changed', { patientId: input.patientId });
    return { entry: this.store.calls.entry(input.patientId) };
  }
}
