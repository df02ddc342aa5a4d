import { describe, expect, it } from 'vitest';
import { EnrollmentState } from './enrollment';
import {
  clockEvent,
  EnrollmentTransitionError,
  newCandidate,
  oneYearAfter,
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
    expect(transition(registered, { type: 'sign' }, '2026-11-30')).toMatchObject({ state: 'enrolled', enrolledOn: '2026-11-30', periodEnd: '2027-11-30' });
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
    expect(enrolled.periodEnd).toBe('2027-01-12');
    expect(() => transition(enrolled, { type: 'renewal-due' }, '2026-12-12')).toThrow(EnrollmentTransitionError);
    const due = transition(enrolled, { type: 'renewal-due' }, '2026-12-13');
    const renewed = transition(due, { type: 'renew' }, '2026-12-20');
    expect(renewed).toMatchObject({ state: 'renewed', periodEnd: '2028-01-12' });
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
    expect(clockEvent(enrolled, '2027-10-25')).toBeNull();
    expect(clockEvent(enrolled, '2027-10-26')).toEqual({ type: 'renewal-due' });
    expect(clockEvent(newCandidate(), '2030-01-01')).toBeNull();
  });

  it('counts a year from 29 February as ending on 28 February', () => {
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
    expect(oneYearAfter('2026-11-23')).toBe('2027-11-23');
  });
});
