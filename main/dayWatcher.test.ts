import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DayWatcher } from './dayWatcher';

describe('the day watcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("announces Rome's new day once, just after midnight, and the next one a day later", () => {
    // 22:59:50 UTC on 31 December is 23:59:50 in Rome.
    vi.setSystemTime(new Date('2027-12-31T22:59:50Z'));
    const days: string[] = [];
    const watcher = new DayWatcher({ now: () => new Date() }, (d) => days.push(d));
    watcher.start();
    vi.advanceTimersByTime(9_000);
    expect(days).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(days).toEqual(['2028-01-01']);
    vi.advanceTimersByTime(23 * 3600_000);
    expect(days).toEqual(['2028-01-01']);
    vi.advanceTimersByTime(3600_000 + 1_000);
    expect(days).toEqual(['2028-01-01', '2028-01-02']);
    watcher.stop();
    vi.advanceTimersByTime(48 * 3600_000);
    expect(days).toHaveLength(2);
  });

  it('follows a demo clock set in another day, across the night summer time starts', () => {
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const offset = Date.parse('2027-03-27T22:59:00Z') - Date.now();
    const days: string[] = [];
    const watcher = new DayWatcher({ now: () => new Date(Date.now() + offset) }, (d) => days.push(d));
    watcher.start();
    vi.advanceTimersByTime(61_000);
    expect(days).toEqual(['2027-03-28']);
    // That day lasts 23 hours in Rome.
    vi.advanceTimersByTime(23 * 3600_000);
    expect(days).toEqual(['2027-03-28', '2027-03-29']);
    watcher.stop();
  });

  it('stays quiet on a frozen clock', () => {
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const days: string[] = [];
    const watcher = new DayWatcher({ now: () => new Date('2027-12-31T22:59:59Z') }, (d) => days.push(d));
    watcher.start();
    vi.advanceTimersByTime(5 * 24 * 3600_000);
    expect(days).toEqual([]);
    watcher.stop();
  });
});
