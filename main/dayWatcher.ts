import { nextRomeMidnight, todayIn, type Clock } from './clock';

/** Timers fire late, never early by much; a margin keeps the new day from being read too soon. */
const AFTER_MIDNIGHT_MS = 250;
/** Midnight came and the day did not change (a frozen clock, a timer early): look again this late. */
const RECHECK_MS = 60_000;

/**
 * Tells when the studio's day changes (midnight in Rome, by the injected clock), so that a UI open
 * overnight moves to the new day with the core.
 */
export class DayWatcher {
  private timer: NodeJS.Timeout | null = null;
  private today: string;

  constructor(
    private readonly clock: Clock,
    private readonly onNewDay: (today: string) => void,
  ) {
    this.today = todayIn(clock);
  }

  start(): void {
    if (this.timer === null) this.schedule();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(minimumWait = AFTER_MIDNIGHT_MS): void {
    const now = this.clock.now();
    const wait = nextRomeMidnight(now).getTime() - now.getTime() + AFTER_MIDNIGHT_MS;
    this.timer = setTimeout(() => this.check(), Math.max(wait, minimumWait));
    this.timer.unref();
  }

  private check(): void {
    const today = todayIn(this.clock);
    if (today === this.today) return this.schedule(RECHECK_MS);
    this.today = today;
    this.onNewDay(today);
    this.schedule();
  }
}
