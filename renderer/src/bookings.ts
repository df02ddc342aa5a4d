import type { BookingView } from '../../shared/contract/bookings';
import type { DueItem } from '../../shared/contract/pai';
import { bookingAllows, type BookingEventType } from '../../shared/domain/booking/machine';
import type { BookingDates, CancellationNotice } from '../../shared/domain/booking/model';
import { formatItalianDate } from '../../shared/domain/dates';
import { ClockTime } from '../../shared/domain/romeTime';
import { parseDateInput } from './dateInput';

/** The Prenotazioni page's pure logic: labels, the forms' checks, the adherence list's order. */

export interface Figures {
  planned: number;
  prescribed: number;
  booked: number;
  performed: number;
  overdue: number;
  percent: number | null;
}

export function percentText(percent: number | null): string {
  return percent === null ? '—' : `${percent}%`;
}

export const DUE_STATE_LABEL: Record<DueItem['state'], string> = { open: 'Da prenotare ora', upcoming: 'In arrivo', overdue: 'Scaduta' };

/** "finestra aperta fino al 12/04/2026 (tra 5 giorni)", "scaduta da 3 giorni". */
export function dueWhenText(item: Pick<DueItem, 'state' | 'windowStart' | 'windowEnd' | 'daysLeft'>): string {
  if (item.state === 'overdue') return `finestra chiusa il ${formatItalianDate(item.windowEnd)}${item.daysLeft < 0 ? ` (da ${-item.daysLeft} ${-item.daysLeft === 1 ? 'giorno' : 'giorni'})` : ''}`;
  if (item.state === 'upcoming') return `da prenotare dal ${formatItalianDate(item.windowStart)}`;
  return `entro il ${formatItalianDate(item.windowEnd)} (${item.daysLeft === 0 ? 'oggi' : item.daysLeft === 1 ? 'domani' : `tra ${item.daysLeft} giorni`})`;
}

/** The CUP's seven dates, in their order, with their Italian names. */
export const BOOKING_DATE_LABEL: readonly [keyof BookingDates, string][] = [
  ['prescribedOn', 'Data della ricetta'],
  ['requestedOn', 'Data di sportello'],
  ['firstRegionalOffer', 'Prima data utile regionale'],
  ['firstDistrictOffer', 'Prima data utile distrettuale'],
  ['bookedFor', 'Data di prenotazione'],
  ['performedOn', 'Data di erogazione'],
  ['reportDeliveredOn', 'Data di consegna del referto'],
];

export const CANCELLATION_NOTICE_TEXT: Record<CancellationNotice, string> = {
  released: "Disdetta in tempo (almeno 48 ore prima): il posto torna all'erogatore.",
  late: 'Disdetta tardiva (meno di 48 ore prima): registrata come tale.',
  before_booking: 'Disdetta prima di fissare l\'appuntamento: nessun posto da liberare.',
};

export type MoveKind = BookingEventType;
export const MOVE_LABEL: Record<MoveKind, string> = {
  book: 'Fissa appuntamento',
  confirm: 'Conferma',
  perform: 'Eseguita',
  'deliver-report': 'Referto consegnato',
  cancel: 'Disdici',
  'no-show': 'Non presentato',
};
/** The moves a booking in its state allows, as the core's table has them. */
export function movesFor(status: BookingView['status']): MoveKind[] {
  return (Object.keys(MOVE_LABEL) as MoveKind[]).filter((m) => bookingAllows(status, m));
}

export type FormCheck<T, F extends string> = { ok: true; value: T } | { ok: false; field: F; message: string };

/** An optional date typed gg/mm/aaaa: empty is null. */
function optionalDate(text: string, today: string): { ok: true; iso: string | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, iso: null };
  const d = parseDateInput(text, { today, twoDigitYear: 'recent' });
  return d.ok ? d : { ok: false, message: d.message };
}

export interface BookFields {
  date: string;
  time: string;
  place: string;
  providerCode: string;
  firstRegionalOffer: string;
  firstDistrictOffer: string;
}

/** The appointment form read into a "book" move, or the first field to fix. */
export function readBookForm(f: BookFields, today: string): FormCheck<{ type: 'book'; date: string; time: string; place: string; providerCode: string; firstRegionalOffer: string | null; firstDistrictOffer: string | null }, keyof BookFields> {
  const date = parseDateInput(f.date, { today, twoDigitYear: 'recent' });
  if (!date.ok) return { ok: false, field: 'date', message: date.message };
  const time = f.time.trim().replace('.', ':').replace(/^(\d):/, '0$1:');
  if (!ClockTime.safeParse(time).success) return { ok: false, field: 'time', message: 'Ora non valida: scrivere ore e minuti, ad esempio 08:30.' };
  if (f.providerCode === '') return { ok: false, field: 'providerCode', message: "Scegliere l'erogatore." };
  if (f.place.trim() === '') return { ok: false, field: 'place', message: "Indicare il luogo dell'appuntamento." };
  const regional = optionalDate(f.firstRegionalOffer, today);
  if (!regional.ok) return { ok: false, field: 'firstRegionalOffer', message: regional.message };
  const district = optionalDate(f.firstDistrictOffer, today);
  if (!district.ok) return { ok: false, field: 'firstDistrictOffer', message: district.message };
  return { ok: true, value: { type: 'book', date: date.iso, time, place: f.place.trim(), providerCode: f.providerCode, firstRegionalOffer: regional.iso, firstDistrictOffer: district.iso } };
}

export interface RequestFields {
  priority: '' | 'U' | 'B' | 'D' | 'P';
  prescriptionNumber: string;
  prescribedOn: string;
}

/** The request form: priority optional, prescription number letters and digits, prescribed date not in the future. */
export function readRequestForm(f: RequestFields, today: string): FormCheck<{ priority: 'U' | 'B' | 'D' | 'P' | null; prescriptionNumber: string | null; prescribedOn: string | null }, keyof RequestFields> {
  const number = f.prescriptionNumber.trim();
  if (number !== '' && !/^[0-9A-Za-z-]{1,40}$/.test(number)) return { ok: false, field: 'prescriptionNumber', message: 'Numero di ricetta non valido: solo lettere e cifre.' };
  const prescribed = optionalDate(f.prescribedOn, today);
  if (!prescribed.ok) return { ok: false, field: 'prescribedOn', message: prescribed.message };
  if (prescribed.iso !== null && prescribed.iso > today) return { ok: false, field: 'prescribedOn', message: 'La data della ricetta non può essere nel futuro.' };
  return { ok: true, value: { priority: f.priority === '' ? null : f.priority, prescriptionNumber: number === '' ? null : number.toUpperCase(), prescribedOn: prescribed.iso } };
}

export type AdherenceSort = 'percent' | 'name' | 'overdue' | 'planned';

/** The studio's list: worst adherence first (none counted last), then the most overdue; or by name, overdue, planned. */
export function sortAdherence<P extends Figures & { surname: string; givenName: string }>(patients: readonly P[], by: AdherenceSort): P[] {
  const name = (a: P, b: P) => a.surname.localeCompare(b.surname, 'it') || a.givenName.localeCompare(b.givenName, 'it');
  const worst = (a: P, b: P) => (a.percent ?? 101) - (b.percent ?? 101) || b.overdue - a.overdue || name(a, b);
  const compare: Record<AdherenceSort, (a: P, b: P) => number> = {
    percent: worst,
    name,
    overdue: (a, b) => b.overdue - a.overdue || worst(a, b),
    planned: (a, b) => b.planned - a.planned || worst(a, b),
  };
  return [...patients].sort(compare[by]);
}

/** "lun 12/04/2026 alle 08:30, Poliambulatorio…" */
export function appointmentText(b: Pick<BookingView, 'dates' | 'slot' | 'providerName'>): string | null {
  if (!b.dates.bookedFor || !b.slot) return null;
  return `${formatItalianDate(b.dates.bookedFor)} alle ${b.slot.time}, ${b.slot.place}${b.providerName ? ` (${b.providerName})` : ''}`;
}

/** What the privacy form said about reminders (null: not signed yet). */
export function reminderConsentText(consent: boolean | null): string {
  if (consent === null) return 'Promemoria SMS ed e-mail: informativa privacy non ancora firmata, nessun promemoria.';
  return consent ? 'Promemoria SMS ed e-mail: consenso dato nell\'informativa privacy.' : 'Promemoria SMS ed e-mail: consenso negato nell\'informativa privacy, nessun promemoria.';
}
