import type { CallOutcome } from './callOutcome';
import type { ChronicLevel } from './chronicLevel';
import type { LetterType } from './letter';

/**
 * Where a patient stands in the call-back queue, from his last call. One function, so that the
 * queue, its filters and what each row says agree:
 *   no call yet                          due
 *   no answer / call back, date passed   due          (date in the future: scheduled)
 *   appointment, date today or later     booked       (out of the queue, in the agenda)
 *   appointment, date passed             missed       (back in the queue)
 *   wrong number                         wrong-number (due again once the contacts change)
 */
export type CallStatus = 'due' | 'scheduled' | 'booked' | 'missed' | 'wrong-number';

export interface LastCall {
  at: string;
  outcome: CallOutcome;
  /** Appointment, call-back or retry date. */
  date: string | null;
}

export function callStatus(last: LastCall | null, today: string, contactsChangedAt: string): CallStatus {
  if (!last) return 'due';
  switch (last.outcome) {
    case 'appointment':
      return last.date !== null && last.date >= today ? 'booked' : 'missed';
    case 'no_answer':
    case 'call_back':
      return last.date !== null && last.date > today ? 'scheduled' : 'due';
    case 'wrong_number':
      return contactsChangedAt > last.at ? 'due' : 'wrong-number';
    case 'refused':
      return 'due';
  }
}

/** To be called today: nothing scheduled later, nothing booked. */
export function callableToday(status: CallStatus): boolean {
  return status === 'due' || status === 'missed' || status === 'wrong-number';
}

export interface QueueItem {
  /** Brought the ATS letter to the studio (a walk-in), rather than only on the ATS list. */
  walkIn: boolean;
  status: CallStatus;
  statusDate: string | null;
  chronicLevel: ChronicLevel | null;
  letterType: LetterType | null;
  letterReceivedAt: string | null;
  surnameKey: string;
  givenKey: string;
  id: number;
}

/** The level from the ATS list, else what the letter implies (type 3: levels 1-2; type 2: level 3). */
function levelRank(i: QueueItem): number {
  if (i.chronicLevel !== null) return i.chronicLevel;
  return i.letterType === 3 ? 2 : i.letterType === 2 ? 3 : 9;
}

const STATUS_RANK: Record<CallStatus, number> = { missed: 0, due: 0, 'wrong-number': 1, scheduled: 2, booked: 3 };

/**
 * The queue's order: the walk-ins first (they came to the studio and expect the call), then the
 * ATS list; within each, who is to be called now before who is scheduled later (by date); then
 * by level, letter type, the day the letter was brought, name.
 */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  return (
    Number(b.walkIn) - Number(a.walkIn) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (a.status === 'scheduled' ? (a.statusDate ?? '').localeCompare(b.statusDate ?? '') : 0) ||
    levelRank(a) - levelRank(b) ||
    (a.letterType ?? 9) - (b.letterType ?? 9) ||
    (a.letterReceivedAt ?? '').localeCompare(b.letterReceivedAt ?? '') ||
    a.surnameKey.localeCompare(b.surnameKey) ||
    a.givenKey.localeCompare(b.givenKey) ||
    a.id - b.id
  );
}
