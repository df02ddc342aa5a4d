import { formatItalianDate, isIsoDate } from '../../shared/domain/dates';

/**
 * Dates as people type them: "05/03/2025", "5/3/25", "05.03.2025", "05032025", or ISO. Pure and
 * unit-tested; the core checks again.
 */

export type DateCheck = { ok: true; iso: string } | { ok: false; empty: boolean; message: string };

export interface DateOptions {
  /** Today (YYYY-MM-DD), to place two-digit years. */
  today: string;
  /**
   * How a two-digit year is read: 'past' (births) takes the latest century that does not put the
   * date after today; 'recent' (letters, appointments, call-backs) always means 20yy, so that a
   * mistyped future letter date is refused as future instead of becoming a date of 1926.
   */
  twoDigitYear?: 'past' | 'recent';
}

export const DATE_FORMAT_MESSAGE = 'Data non valida: scrivere giorno/mese/anno, ad esempio 05/03/2025.';

const pad2 = (n: number) => String(n).padStart(2, '0');

export function parseDateInput(text: string, { today, twoDigitYear = 'past' }: DateOptions): DateCheck {
  const raw = text.trim();
  if (raw === '') return { ok: false, empty: true, message: 'Indicare la data (giorno/mese/anno).' };
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    return isIsoDate(raw) ? { ok: true, iso: raw } : { ok: false, empty: false, message: `La data ${formatItalianDate(raw)} non esiste.` };
  }
  const separated = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})$/.exec(raw);
  const compact = /^(\d{2})(\d{2})(\d{2}|\d{4})$/.exec(raw);
  const parts = separated ?? compact;
  if (!parts) return { ok: false, empty: false, message: DATE_FORMAT_MESSAGE };
  const y = parts[3] as string;
  const day = Number(parts[1]);
  const month = Number(parts[2]);
  let year = Number(y);
  if (y.length === 2) {
    year += 2000;
    if (twoDigitYear === 'past') {
      const candidate = `${year}-${pad2(month)}-${pad2(day)}`;
      if (candidate > today) year -= 100;
    }
  }
  const iso = `${year}-${pad2(month)}-${pad2(day)}`;
  if (month < 1 || month > 12 || day < 1 || !isIsoDate(iso)) {
    return { ok: false, empty: false, message: `La data ${pad2(day)}/${pad2(month)}/${year} non esiste.` };
  }
  if (year < 1900 || year > 2199) return { ok: false, empty: false, message: DATE_FORMAT_MESSAGE };
  return { ok: true, iso };
}

/** Whole days from `from` to `to` (both ISO): tomorrow is 1, yesterday -1. */
export function daysBetween(from: string, to: string): number {
  const t = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(to) - t(from)) / 86_400_000);
}

const studioTime = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * A stored timestamp ("2025-03-12T13:05:00.000Z") in the studio's time (Europe/Rome, whatever
 * the PC's zone): "12/03/2025 14:05". Anything that is not a timestamp is shown as it is.
 */
export function formatTimestamp(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) return at;
  const p = Object.fromEntries(studioTime.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
