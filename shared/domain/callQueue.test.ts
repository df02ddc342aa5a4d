import { describe, expect, it } from 'vitest';
import { callableToday, callStatus, compareQueueItems, type QueueItem } from './callQueue';

const TODAY = '2026-12-01';
const at = '2026-11-30T10:00:00.000Z';

describe("a patient's place in the call-back queue", () => {
  it('follows his last call', () => {
    expect(callStatus(null, TODAY, at)).toBe('due');
    expect(callStatus({ at, outcome: 'no_answer', date: '2026-12-02' }, TODAY, at)).toBe('scheduled');
    expect(callStatus({ at, outcome: 'no_answer', date: TODAY }, TODAY, at)).toBe('due');
    expect(callStatus({ at, outcome: 'call_back', date: '2026-11-30' }, TODAY, at)).toBe('due');
    expect(callStatus({ at, outcome: 'appointment', date: TODAY }, TODAY, at)).toBe('booked');
    expect(callStatus({ at, outcome: 'appointment', date: '2026-12-10' }, TODAY, at)).toBe('booked');
    expect(callStatus({ at, outcome: 'appointment', date: '2026-11-30' }, TODAY, at)).toBe('missed');
    expect(callStatus({ at, outcome: 'wrong_number', date: null }, TODAY, at)).toBe('wrong-number');
    expect(callStatus({ at, outcome: 'wrong_number', date: null }, TODAY, '2026-11-30T11:00:00.000Z')).toBe('due');
  });

  it('is to be called today unless scheduled later or booked', () => {
    expect(['due', 'missed', 'wrong-number', 'scheduled', 'booked'].filter((s) => callableToday(s as never))).toEqual(['due', 'missed', 'wrong-number']);
  });

  it('puts walk-ins first, then who is due now, then by level and letter', () => {
    const item = (over: Partial<QueueItem>): QueueItem => ({
      walkIn: false, status: 'due', statusDate: null, chronicLevel: 3, letterType: 2, letterReceivedAt: null, surnameKey: 'ROSSI', givenKey: 'MARIO', id: 1, ...over,
    });
    const atsLevel1 = item({ id: 1, chronicLevel: 1, surnameKey: 'AAA' });
    const walkInLevel3 = item({ id: 2, walkIn: true, letterReceivedAt: '2026-11-20' });
    const walkInLevel1 = item({ id: 3, walkIn: true, chronicLevel: 1, letterReceivedAt: '2026-11-25' });
    const walkInScheduled = item({ id: 4, walkIn: true, chronicLevel: 1, status: 'scheduled', statusDate: '2026-12-03' });
    const walkInNoLevel = item({ id: 5, walkIn: true, chronicLevel: null, letterType: 3, letterReceivedAt: '2026-11-29' });
    const atsScheduled = item({ id: 6, status: 'scheduled', statusDate: '2026-12-02' });
    const order = [atsScheduled, atsLevel1, walkInScheduled, walkInLevel3, walkInNoLevel, walkInLevel1].sort(compareQueueItems).map((i) => i.id);
    expect(order).toEqual([3, 5, 2, 4, 1, 6]);
  });
});
