import { afterEach, describe, expect, it } from 'vitest';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';

/** Tuesday 1 December 2026, 10:00 in Rome; the test moves it. */
class TestClock {
  at = new Date('2026-12-01T09:00:00Z');
  now = () => new Date(this.at);
  days(n: number) {
    this.at = new Date(this.at.getTime() + n * 86_400_000);
  }
}

const NAMES = ['ABBATE', 'BASSI', 'CARUSO', 'DONATI', 'ESPOSITO', 'FABBRI', 'GALLO', 'LOMBARDI', 'MARINO', 'NERI'];

let core: Core;
afterEach(() => core?.close());

function setUp() {
  const clock = new TestClock();
  core = new Core({ dataDir: tempDir(), clock });
  let n = 0;
  const patient = (surname: string, level: ChronicLevel | null, phone: string | null) => {
    const birthDate = `19${40 + (n % 40)}-0${1 + (n % 9)}-1${n % 9}`;
    const givenName = `MARIO${'ABCDEFGHIJ'[n % 10]}${'ABCDEFGHIJ'[Math.floor(n / 10) % 10]}`;
    n++;
    const codiceFiscale = computeCodiceFiscale({ surname, givenName, sex: 'M', birthDate, birthPlaceCode: 'G388' });
    core.store.patients.insertNew([{ codiceFiscale, surname, givenName, birthDate, sex: 'M', birthPlaceCode: null, phone, mobile: null, email: null, chronicLevel: level, letters: [], pathologies: [] }]);
    return core.store.patients.idByCodiceFiscale(codiceFiscale)!;
  };
  // The ATS list: 300 patients of every level, a third without a number.
  for (let i = 0; i < 300; i++) patient(NAMES[i % 10]!, ((i % 3) + 1) as ChronicLevel, i % 3 === 0 ? null : `0382 ${100000 + i}`);
  const walkIn = (surname: string, level: ChronicLevel | null, letterType: 2 | 3, phone: string) => {
    const id = patient(surname, level, null);
    core.services.walkIn.record({ patientId: id, letterType, letterDate: '2026-11-02', mobile: phone }, null);
    return id;
  };
  const walkInLevel3 = walkIn('ZANETTI', 3, 2, '333 1111111');
  const walkInLevel1 = walkIn('ZUCCHI', 1, 3, '333 2222222');
  const walkInNew = walkIn('ZAMBON', null, 3, '333 3333333');
  return { clock, walkInLevel1, walkInLevel3, walkInNew };
}

const list = (filter: Record<string, unknown> = {}, limit = 500) => core.services.calls.list({ dueToday: true, withPhone: false, ...filter }, limit, 0);

describe('the call-back queue', () => {
  it('puts the walk-ins with a letter before the ATS list, by level', () => {
    const { walkInLevel1, walkInLevel3, walkInNew } = setUp();
    const { entries, total } = list();
    expect(total).toBe(303);
    expect(entries.slice(0, 3).map((e) => e.patientId)).toEqual([walkInLevel1, walkInNew, walkInLevel3]);
    expect(entries.slice(0, 3).every((e) => e.source === 'letter' && e.status === 'due')).toBe(true);
    expect(entries[3]).toMatchObject({ source: 'ats-list', chronicLevel: 1 });
  });

  it('moves a call that found nobody to the next working day, out of today’s queue', () => {
    const { clock, walkInLevel1 } = setUp();
    const r = core.services.calls.record({ patientId: walkInLevel1, outcome: 'no_answer' }, null);
    expect(r.entry).toMatchObject({ status: 'scheduled', statusDate: '2026-12-02' });
    expect(list().entries.map((e) => e.patientId)).not.toContain(walkInLevel1);
    // Still in the whole queue, after who is due now.
    const all = list({ dueToday: false }).entries;
    expect(all.findIndex((e) => e.patientId === walkInLevel1)).toBe(2);
    clock.days(1);
    expect(list().entries[0]).toMatchObject({ patientId: walkInLevel1, status: 'due', attempts: 1 });
    // A Friday's retry is the Monday; a chosen day is kept.
    clock.days(2);
    expect(core.services.calls.record({ patientId: walkInLevel1, outcome: 'no_answer' }, null).entry).toMatchObject({ statusDate: '2026-12-07' });
    expect(core.services.calls.record({ patientId: walkInLevel1, outcome: 'no_answer', date: '2026-12-09' }, null).entry).toMatchObject({ statusDate: '2026-12-09' });
  });

  it('sends an appointment to the agenda of its day, and back to the queue when missed', () => {
    const { clock, walkInLevel1 } = setUp();
    const day = addDays('2026-12-01', 2);
    expect(() => core.services.calls.record({ patientId: walkInLevel1, outcome: 'appointment', date: day }, null)).toThrow(expect.objectContaining({ code: 'time-required' }));
    expect(core.services.calls.record({ patientId: walkInLevel1, outcome: 'appointment', date: day, time: '10:30' }, null)).toEqual({ entry: null });
    expect(list({ dueToday: false }).entries.map((e) => e.patientId)).not.toContain(walkInLevel1);
    expect(core.services.calls.agenda(day).appointments).toEqual([expect.objectContaining({ patientId: walkInLevel1, time: '10:30', enrollmentState: 'candidate', mobile: '333 2222222' })]);
    expect(core.services.calls.agenda('2026-12-01').appointments).toEqual([]);
    clock.days(3);
    expect(list().entries[0]).toMatchObject({ patientId: walkInLevel1, status: 'missed', statusDate: day });
  });

  it('keeps a wrong number flagged until the contacts are corrected', () => {
    const { clock, walkInLevel3 } = setUp();
    expect(core.services.calls.record({ patientId: walkInLevel3, outcome: 'wrong_number' }, null).entry).toMatchObject({ status: 'wrong-number' });
    clock.at = new Date(clock.at.getTime() + 60_000);
    core.services.patients.updateContacts(walkInLevel3, { phone: null, mobile: '347 7654321', email: null, preferredCallTime: null }, null);
    expect(list().entries.find((e) => e.patientId === walkInLevel3)).toMatchObject({ status: 'due', mobile: '347 7654321' });
  });

  it('filters by phone, source, level, letter type and name', () => {
    const { walkInNew } = setUp();
    expect(list({ withPhone: true }).entries.every((e) => e.phone || e.mobile)).toBe(true);
    expect(list({ withPhone: true }).total).toBe(203);
    expect(list({ source: 'letter' }).total).toBe(3);
    expect(list({ source: 'ats-list', level: 1 }).total).toBe(100);
    expect(list({ level: 'none' }).entries.map((e) => e.patientId)).toEqual([walkInNew]);
    expect(list({ letterType: 2 }).total).toBe(1);
    expect(list({ text: 'zamb' }).entries.map((e) => e.patientId)).toEqual([walkInNew]);
    expect(list({ text: 'caruso' }).total).toBe(30);
    expect(() => list({ text: 'z' })).toThrow(expect.objectContaining({ code: 'search-too-short' }));
  });
});
