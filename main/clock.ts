import { AppError } from '../shared/errors';

/** Time as the services see it: the one source of "now" and "today" in the app. Tests inject their own. */
export interface Clock {
  now(): Date;
}

/** The studio's time zone: "today" is always the calendar day in Lombardy. */
export const STUDIO_TIME_ZONE = 'Europe/Rome';

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `at` (tests, and demos that must show one moment). */
export function frozenClock(at: Date): Clock {
  const ms = at.getTime();
  return { now: () => new Date(ms) };
}

/** A clock that starts at `at` and runs at the pace of `base` (demos set in another day). */
export function clockStartingAt(at: Date, base: Clock = systemClock): Clock {
  const offset = at.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: STUDIO_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in the studio's time zone (Europe/Rome), as YYYY-MM-DD. */
export function todayIn(clock: Clock): string {
  return dayFormat.format(clock.now());
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: STUDIO_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Rome is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function romeOffsetMinutes(instant: number): number {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a Rome wall-clock time names. In the hour skipped in spring it gives the instant an
 * hour later; in the hour repeated in autumn, the second of the two (midnight is never either).
 */
export function romeWallTimeToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = wall - romeOffsetMinutes(wall) * 60_000;
  guess = wall - romeOffsetMinutes(guess) * 60_000;
  return new Date(guess);
}

/** The first instant of the next calendar day in Rome after `instant`. */
export function nextRomeMidnight(instant: Date): Date {
  const [y, m, d] = dayFormat.format(instant).split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return romeWallTimeToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0);
}

export class InvalidClockError extends AppError {
  constructor(readonly value: string) {
    super(
      'invalid-clock',
      `"${value}" is not a moment: use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (Rome time) or an ISO instant with its offset, e.g. 2027-03-01T09:00:00+01:00`,
      `"${value}" non è una data e ora valida: usare AAAA-MM-GG, AAAA-MM-GGTHH:MM[:SS] (ora italiana) oppure un istante ISO con il fuso, per esempio 2027-03-01T09:00:00+01:00.`,
    );
  }
}

const MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** A date alone means this hour of that day in the studio: office hours, a plausible demo morning. */
const DATE_ONLY_HOUR = 9;

/**
 * Reads a demo's "now": `2027-03-01` (09:00 in Rome), `2027-03-01T18:30` (Rome time) or an
 * instant with its offset (`2027-03-01T09:00:00+01:00`, `...Z`). Anything else is refused.
 */
export function parseMoment(value: string): Date {
  const m = MOMENT.exec(value.trim());
  if (!m) throw new InvalidClockError(value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = m[4] === undefined ? [DATE_ONLY_HOUR, 0, 0] : [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const exists = probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && probe.getUTCHours() === h && probe.getUTCMinutes() === mi;
  if (!exists || y < 1900 || y > 9999 || s > 59) throw new InvalidClockError(value);
  if (m[7] === undefined) return romeWallTimeToInstant(y, mo, d, h, mi, s);
  const instant = new Date(value.trim().replace(' ', 'T'));
  if (Number.isNaN(instant.getTime())) throw new InvalidClockError(value);
  return instant;
}

/** What a command line or the environment asked of the clock: nothing (the real one), or a demo's. */
export interface ClockRequest {
  /** The moment the clock starts at (PIC_NOW or --now). */
  now: string;
  /** Stopped there instead of running on (PIC_CLOCK=frozen or --frozen-clock). */
  frozen: boolean;
}

/** The clock a request names; throws InvalidClockError before anything is opened or written. */
export function clockFor(request: ClockRequest | null): Clock {
  if (request === null) return systemClock;
  const at = parseMoment(request.now);
  return request.frozen ? frozenClock(at) : clockStartingAt(at);
}

/** PIC_NOW / PIC_CLOCK from the environment, or null for the real clock. */
export function clockRequestFromEnv(env: NodeJS.ProcessEnv): ClockRequest | null {
  const now = env.PIC_NOW?.trim();
  if (!now) return null;
  return { now, frozen: env.PIC_CLOCK?.trim().toLowerCase() === 'frozen' };
}
