import { describe, expect, it } from 'vitest';
import { EnrollmentState } from './enrollment';
import {
  allows,
  clockEvent,
  EnrollmentTransitionError,
  holdsDocuments,
  newCandidate,
  periodEndFrom,
  transition,
  type EnrollmentEvent,
  type EnrollmentSnapshot,
} from './enrollmentMachine';

const TODAY = '2026-11-23';

const EVENTS: Record<EnrollmentEvent['type'], EnrollmentEvent> = {
  register: { type: 'register' },
  sign: { type: 'sign' },
  lapse: { type: 'lapse' },
  'renewal-due': { type: 'renewal-due' },
  renew: { type: 'renew' },
  withdraw: { type: 'withdraw', reason: 'Ha cambiato idea' },
  refuse: { type: 'refuse', reason: 'Non interessato' },
  'lock-elsewhere': { type: 'lock-elsewhere', gestore: 'Cooperativa Altra' },
  transfer: { type: 'transfer', gestore: 'Cooperativa Altra', reason: 'Trasferimento' },
  'claim-refused': { type: 'claim-refused', gestore: 'Cooperativa Altra' },
};

/** Written out by hand from DOMAIN.md and the issue, independently of the implementation's table. */
const EXPECTED_ALLOWED = new Set([
  'candidate register', 'lapsed register',
  'registered sign', 'registered lapse', 'registered withdraw',
  'enrolled renewal-due', 'enrolled withdraw', 'enrolled transfer',
  'renewal_due renew', 'renewal_due withdraw', 'renewal_due transfer',
  'renewed renewal-due', 'renewed withdraw', 'renewed transfer',
  'candidate refuse', 'lapsed refuse',
  'candidate lock-elsewhere', 'lapsed lock-elsewhere',
  'registered claim-refused', 'enrolled claim-refused', 'renewal_due claim-refused', 'renewed claim-refused',
]);

/** A snapshot in `state` where date-dependent events are due, so only the state decides. */
function inState(state: EnrollmentState): EnrollmentSnapshot {
  const base = { ...newCandidate(), state };
  if (state === 'registered') return { ...base, registeredOn: '2026-11-20', deadline: '2026-11-27' };
  if (['enrolled', 'renewal_due', 'renewed'].includes(state)) return { ...base, registeredOn: '2025-12-01', deadline: '2025-12-08', enrolledOn: '2025-12-05', periodEnd: '2026-12-05' };
  return base;
}

/** The day on which the event is meaningful for the date checks. */
const dayFor = (event: EnrollmentEvent['type']) => (event === 'lapse' ? '2026-11-28' : TODAY);

describe('enrollment transitions', () => {
  for (const state of EnrollmentState.options) {
    for (const [type, event] of Object.entries(EVENTS)) {
      const allowed = EXPECTED_ALLOWED.has(`${state} ${type}`);
      it(`${allowed ? 'allows' : 'forbids'} ${type} from ${state}`, () => {
        const run = () => transition(inState(state), event, dayFor(type as EnrollmentEvent['type']));
        if (allowed) expect(run()).toBeTruthy();
        else expect(run).toThrow(EnrollmentTransitionError);
      });
    }
  }

  it('registration locks the patient with a deadline one week later', () => {
    const r = transition(newCandidate(), { type: 'register' }, '2026-11-23');
    expect(r).toMatchObject({ state: 'registered', registeredOn: '2026-11-23', deadline: '2026-11-30' });
  });

  it('signing is possible up to the deadline day, never after', () => {
    const registered = transition(newCandidate(), { type: 'register' }, '2026-11-23');
    // The year runs from the registration, the date on the Patto di Cura.
    expect(transition(registered, { type: 'sign' }, '2026-11-30')).toMatchObject({ state: 'enrolled', enrolledOn: '2026-11-30', periodEnd: '2027-11-22' });
    const late = (() => { try { transition(registered, { type: 'sign' }, '2026-12-01'); } catch (e) { return e; } })();
    expect(late).toBeInstanceOf(EnrollmentTransitionError);
    expect((late as EnrollmentTransitionError).code).toBe('deadline-passed');
  });

  it('lapses only after the deadline, and a lapsed patient can be registered again', () => {
    const registered = transition(newCandidate(), { type: 'register' }, '2026-11-23');
    expect(() => transition(registered, { type: 'lapse' }, '2026-11-30')).toThrow(/has not passed/);
    const lapsed = transition(registered, { type: 'lapse' }, '2026-12-01');
    expect(lapsed.state).toBe('lapsed');
    expect(transition(lapsed, { type: 'register' }, '2026-12-02')).toMatchObject({ state: 'registered', deadline: '2026-12-09' });
  });

  it('the renewal comes due 30 days before the yearly anniversary and extends the period a year', () => {
    const enrolled = transition(transition(newCandidate(), { type: 'register' }, '2026-01-10'), { type: 'sign' }, '2026-01-12');
    expect(enrolled.periodEnd).toBe('2027-01-09');
    expect(() => transition(enrolled, { type: 'renewal-due' }, '2026-12-09')).toThrow(EnrollmentTransitionError);
    const due = transition(enrolled, { type: 'renewal-due' }, '2026-12-10');
    const renewed = transition(due, { type: 'renew' }, '2026-12-20');
    expect(renewed).toMatchObject({ state: 'renewed', periodEnd: '2028-01-09' });
  });

  it('end states keep their reason, and a reason is required', () => {
    expect(transition(newCandidate(), EVENTS.refuse, TODAY)).toMatchObject({ state: 'refused', reason: 'Non interessato' });
    expect(transition(newCandidate(), EVENTS['lock-elsewhere'], TODAY)).toMatchObject({ state: 'locked_elsewhere', otherGestore: 'Cooperativa Altra' });
    expect(() => transition(newCandidate(), { type: 'refuse', reason: '  ' }, TODAY)).toThrow(/needs a reason/);
  });

  it('knows which moves the calendar makes by itself', () => {
    const registered = transition(newCandidate(), { type: 'register' }, '2026-11-23');
    expect(clockEvent(registered, '2026-11-30')).toBeNull();
    expect(clockEvent(registered, '2026-12-01')).toEqual({ type: 'lapse' });
    const enrolled = transition(registered, { type: 'sign' }, '2026-11-25');
    expect(clockEvent(enrolled, '2027-10-22')).toBeNull();
    expect(clockEvent(enrolled, '2027-10-23')).toEqual({ type: 'renewal-due' });
    expect(clockEvent(newCandidate(), '2030-01-01')).toBeNull();
  });

  it('ends a year on the day before its anniversary, a year from 29 February on 28 February', () => {
    expect(periodEndFrom('2028-02-29')).toBe('2029-02-28');
    expect(periodEndFrom('2026-11-23')).toBe('2027-11-22');
    expect(periodEndFrom('2027-01-01')).toBe('2027-12-31');
  });
});

describe('what the UI may offer', () => {
  it('registers candidates, lapsed registrations and patients without enrollment', () => {
    expect(allows(null, 'register')).toBe(true);
    expect(allows('candidate', 'register')).toBe(true);
    expect(allows('lapsed', 'register')).toBe(true);
    for (const s of ['registered', 'enrolled', 'refused', 'locked_elsewhere', 'withdrawn'] as const) expect(allows(s, 'register')).toBe(false);
  });
  it('signs only registered ones, renews only when due, withdraws and keeps documents while held here', () => {
    expect(allows('registered', 'sign')).toBe(true);
    expect(allows('enrolled', 'sign')).toBe(false);
    expect(allows('renewal_due', 'renew')).toBe(true);
    expect(allows('enrolled', 'renew')).toBe(false);
    for (const s of ['registered', 'enrolled', 'renewal_due', 'renewed'] as const) {
      expect(allows(s, 'withdraw')).toBe(true);
      expect(holdsDocuments(s)).toBe(true);
    }
    for (const s of [null, 'candidate', 'lapsed', 'withdrawn'] as const) {
      expect(allows(s, 'withdraw')).toBe(false);
      expect(holdsDocuments(s)).toBe(false);
    }
  });
});
