import { describe, expect, it } from 'vitest';
import { clockFor, clockRequestFromEnv, clockStartingAt, frozenClock, InvalidClockError, nextRomeMidnight, parseMoment, todayIn } from './clock';

const at = (iso: string) => frozenClock(new Date(iso));

describe('the studio clock', () => {
  it("gives Rome's calendar day, not UTC's", () => {
    expect(todayIn(at('2027-12-31T23:30:00Z'))).toBe('2028-01-01');
    expect(todayIn(at('2027-12-31T22:59:59Z'))).toBe('2027-12-31');
    expect(todayIn(at('2028-02-29T10:00:00Z'))).toBe('2028-02-29');
    // Summer time starts at 01:00 UTC on the last Sunday of March: 01:30 UTC is 03:30 in Rome.
    expect(todayIn(at('2027-03-28T01:30:00Z'))).toBe('2027-03-28');
    expect(todayIn(at('2027-06-30T22:00:00Z'))).toBe('2027-07-01');
  });

  it('finds the next midnight in Rome across the summer-time changes', () => {
    expect(nextRomeMidnight(new Date('2027-12-31T12:00:00Z')).toISOString()).toBe('2027-12-31T23:00:00.000Z');
    expect(nextRomeMidnight(new Date('2027-12-31T23:30:00Z')).toISOString()).toBe('2028-01-01T23:00:00.000Z');
    expect(nextRomeMidnight(new Date('2027-03-27T12:00:00Z')).toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(nextRomeMidnight(new Date('2027-03-28T01:30:00Z')).toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(nextRomeMidnight(new Date('2027-10-31T01:30:00Z')).toISOString()).toBe('2027-10-31T23:00:00.000Z');
    expect(nextRomeMidnight(new Date('2028-02-28T23:00:00Z')).toISOString()).toBe('2028-02-29T23:00:00.000Z');
  });

  it('reads a demo moment as Rome time unless it carries its offset', () => {
    expect(parseMoment('2027-03-01').toISOString()).toBe('2027-03-01T08:00:00.000Z');
    expect(parseMoment('2027-07-01').toISOString()).toBe('2027-07-01T07:00:00.000Z');
    expect(parseMoment('2027-03-01T18:30').toISOString()).toBe('2027-03-01T17:30:00.000Z');
    expect(parseMoment('2027-03-01T09:00:00+01:00').toISOString()).toBe('2027-03-01T08:00:00.000Z');
    expect(parseMoment('2027-12-31T23:30:00Z').toISOString()).toBe('2027-12-31T23:30:00.000Z');
    // 02:30 does not exist in Rome on 28 March 2027: the clock goes from 02:00 to 03:00.
    expect(parseMoment('2027-03-28T02:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('refuses what is not a moment, naming the value', () => {
    for (const bad of ['', 'tomorrow', '2027-02-29', '2027-13-01', '01/03/2027', '2027-03-01T24:00', '2027-03-01T09:61', '2027-03-01T09:00:00+1']) {
      expect(() => parseMoment(bad), bad).toThrow(InvalidClockError);
    }
    const refusal = (() => {
      try {
        parseMoment('domani');
        return null;
      } catch (err) {
        return err as InvalidClockError;
      }
    })();
    expect(refusal?.code).toBe('invalid-clock');
    expect(refusal?.userMessage).toMatch(/"domani" non è una data e ora valida/);
  });

  it('starts a demo clock at a moment and lets it run, or stops it there', () => {
    let real = Date.parse('2026-12-01T10:00:00Z');
    const base = { now: () => new Date(real) };
    const running = clockStartingAt(new Date('2027-03-01T08:00:00Z'), base);
    real += 90_000;
    expect(running.now().toISOString()).toBe('2027-03-01T08:01:30.000Z');
    const frozen = clockFor({ now: '2027-03-01T09:00:00+01:00', frozen: true });
    expect(frozen.now().toISOString()).toBe('2027-03-01T08:00:00.000Z');
    expect(frozen.now().toISOString()).toBe('2027-03-01T08:00:00.000Z');
  });

  it('takes PIC_NOW and PIC_CLOCK from the environment', () => {
    expect(clockRequestFromEnv({})).toBeNull();
    expect(clockRequestFromEnv({ PIC_NOW: '  ' })).toBeNull();
    expect(clockRequestFromEnv({ PIC_NOW: '2027-03-01' })).toEqual({ now: '2027-03-01', frozen: false });
    expect(clockRequestFromEnv({ PIC_NOW: '2027-03-01', PIC_CLOCK: 'frozen' })).toEqual({ now: '2027-03-01', frozen: true });
  });
});
