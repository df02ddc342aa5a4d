import type { AgendaEntry, CallFilter, CallListEntry, RecordCallInput } from '../../shared/contract/calls';
import { callableToday, callStatus, compareQueueItems, type CallStatus } from '../../shared/domain/callQueue';
import { formatItalianDate } from '../../shared/domain/dates';
import { matchesSearch, planPatientSearch } from '../../shared/domain/patientSearch';
import { nextWorkingDay } from '../../shared/domain/workingDays';
import { AppError } from '../../shared/errors';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import type { CallCandidate } from '../store/callListStore';
import type { Store } from '../store/store';
import type { EnrollmentService } from './enrollmentService';

export class CallInputError extends AppError {}

interface Placed {
  candidate: CallCandidate;
  status: CallStatus;
}

/** Richiami: the queue of whom to call, what each call gave, and the agenda of the appointments fixed. */
export class CallListService {
  constructor(
    private readonly store: Store,
    private readonly enrollments: EnrollmentService,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  /** The queue as filtered, in its order (shared/domain/callQueue.ts), one page of it. */
  list(filter: CallFilter, limit: number, offset: number): { entries: CallListEntry[]; total: number; today: string } {
    this.enrollments.applyClock();
    const today = todayIn(this.clock);
    const plan = filter.text && filter.text.length > 0 ? planPatientSearch(filter.text) : null;
    const placed = this.store.calls
      .candidates({ source: filter.source, level: filter.level, letterType: filter.letterType, withPhone: filter.withPhone })
      .filter((c) => !plan || matchesSearch(plan, c))
      .map((candidate): Placed => ({ candidate, status: statusOf(candidate, today) }))
      .filter((p) => p.status !== 'booked' && (!filter.dueToday || callableToday(p.status)))
      .sort((a, b) => compareQueueItems(queueItem(a), queueItem(b)));
    return { entries: placed.slice(offset, offset + limit).map(toEntry), total: placed.length, today };
  }

  /**
   * Records one call. An appointment needs its date and time, a call-back its date; a call that
   * found nobody is tried again on the next working day unless another day is given. Returns the
   * patient's queue entry, or null once he left the queue (an appointment fixed, a refusal).
   */
  record(input: RecordCallInput, operatorCf: string | null): { entry: CallListEntry | null } {
    this.store.patients.get(input.patientId);
    const today = todayIn(this.clock);
    const { date, time } = this.checked(input, today);
    this.store.transaction(() => {
      this.store.calls.recordAttempt({ patientId: input.patientId, at: this.clock.now().toISOString(), outcome: input.outcome, date, time, note: input.note?.trim() || null, operatorCf });
      this.store.audit.append({ operatorCf, action: 'call.record', entity: 'patient', entityId: input.patientId, detail: { outcome: input.outcome, date, time, note: input.note ?? null } });
      if (input.outcome === 'refused') this.enrollments.refuse(input.patientId, input.note!.trim());
    });
    this.events.emit('enrollments.changed', { patientId: input.patientId });
    const candidate = this.store.calls.candidate(input.patientId);
    if (!candidate) return { entry: null };
    const status = statusOf(candidate, today);
    return { entry: status === 'booked' ? null : toEntry({ candidate, status }) };
  }

  /** The enrollment appointments fixed for a day, by time. */
  agenda(date: string): { date: string; appointments: AgendaEntry[] } {
    this.enrollments.applyClock();
    return { date, appointments: this.store.calls.appointmentsOn(date).map(({ madeAt: _madeAt, operatorCf: _operatorCf, ...a }) => a) };
  }

  private checked(input: RecordCallInput, today: string): { date: string | null; time: string | null } {
    const past = (d: string) =>
      new CallInputError('date-in-past', `${input.outcome} date ${d} is before today (${today})`, `La data ${formatItalianDate(d)} è già passata: indicare oggi o un giorno futuro.`);
    switch (input.outcome) {
      case 'appointment':
        if (!input.date) throw new CallInputError('date-required', 'an appointment needs a date', "Indicare la data dell'appuntamento.");
        if (input.date < today) throw past(input.date);
        if (!input.time) throw new CallInputError('time-required', 'an appointment needs a time', "Indicare l'ora dell'appuntamento.");
        return { date: input.date, time: input.time };
      case 'call_back':
        if (!input.date) throw new CallInputError('date-required', 'a call back needs a date', 'Indicare quando richiamare.');
        if (input.date < today) throw past(input.date);
        return { date: input.date, time: null };
      case 'no_answer':
        if (input.date && input.date < today) throw past(input.date);
        return { date: input.date ?? nextWorkingDay(today), time: null };
      case 'refused':
        if (!input.note?.trim()) throw new CallInputError('reason-required', 'a refusal needs its reason', 'Indicare il motivo del rifiuto.');
        return { date: null, time: null };
      case 'wrong_number':
        return { date: null, time: null };
    }
  }
}

function statusOf(c: CallCandidate, today: string): CallStatus {
  return callStatus(c.lastAttempt, today, c.updatedAt);
}

function queueItem({ candidate: c, status }: Placed) {
  return {
    walkIn: c.letterReceivedAt !== null,
    status,
    statusDate: c.lastAttempt?.date ?? null,
    chronicLevel: c.chronicLevel,
    letterType: c.letterType,
    letterReceivedAt: c.letterReceivedAt,
    surnameKey: c.surnameKey,
    givenKey: c.givenKey,
    id: c.patientId,
  };
}

function toEntry({ candidate: c, status }: Placed): CallListEntry {
  return {
    patientId: c.patientId,
    codiceFiscale: c.codiceFiscale,
    surname: c.surname,
    givenName: c.givenName,
    sex: c.sex,
    birthDate: c.birthDate,
    chronicLevel: c.chronicLevel,
    source: c.letterReceivedAt ? 'letter' : 'ats-list',
    letterType: c.letterType,
    letterDate: c.letterDate,
    letterReceivedAt: c.letterReceivedAt,
    phone: c.phone,
    mobile: c.mobile,
    preferredCallTime: c.preferredCallTime,
    status,
    statusDate: status === 'scheduled' || status === 'missed' ? (c.lastAttempt?.date ?? null) : null,
    attempts: c.attempts,
    lastAttempt: c.lastAttempt,
  };
}
