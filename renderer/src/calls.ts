import type { CallInput } from '../../shared/api';
import type { CallAttempt, CallListEntry } from '../../shared/contract/calls';
import { CALL_OUTCOME_LABEL, type CallOutcome } from '../../shared/domain/callOutcome';
import { formatItalianDate } from '../../shared/domain/dates';
import type { Sex } from '../../shared/domain/patient';
import { nextWorkingDay } from '../../shared/domain/workingDays';
import { csvDocument } from './csv';
import { formatTimestamp, parseDateInput } from './dateInput';
import { formatDayLong, levelShort } from './format';

/** Pure pieces of Richiami: what each row says, the outcome form's checks, the CSV (unit-tested). */

/** "presentato" / "presentata": Italian agrees with the patient. */
const agreed = (sex: Sex, masculine: string) => (sex === 'F' ? `${masculine.slice(0, -1)}a` : masculine);

/** "Lettera tipo 2, consegnata il 20/11/2026" or "Lista ATS, mai presentata". */
export function callSourceText(entry: Pick<CallListEntry, 'source' | 'letterType' | 'letterReceivedAt' | 'sex'>): string {
  if (entry.source === 'letter' && entry.letterType !== null) {
    return entry.letterReceivedAt ? `Lettera tipo ${entry.letterType}, consegnata il ${formatItalianDate(entry.letterReceivedAt)}` : `Lettera tipo ${entry.letterType}`;
  }
  return `Lista ATS, mai ${agreed(entry.sex, 'presentato')}`;
}

/** Where the patient stands in the queue, in words. */
export function callStatusText(entry: Pick<CallListEntry, 'status' | 'statusDate'>): string {
  switch (entry.status) {
    case 'due':
      return 'Da chiamare';
    case 'scheduled':
      return `Da richiamare dal ${formatItalianDate(entry.statusDate ?? '')}`;
    case 'missed':
      return entry.statusDate ? `Appuntamento mancato il ${formatItalianDate(entry.statusDate)}` : 'Appuntamento mancato';
    case 'wrong-number':
      return 'Numero errato: correggere i recapiti';
    case 'booked':
      return 'Appuntamento fissato';
  }
}

/** "Nessun tentativo", "1 tentativo", "3 tentativi". */
export function attemptsText(count: number): string {
  if (count <= 0) return 'Nessun tentativo';
  return count === 1 ? '1 tentativo' : `${count} tentativi`;
}

/** "Appuntamento fissato il 14/03/2025 alle 10:30 (chiamato il 12/03/2025 10:05)". */
export function lastAttemptText(attempt: CallAttempt | null): string {
  if (!attempt) return '';
  const label = CALL_OUTCOME_LABEL[attempt.outcome] ?? attempt.outcome;
  const date = attempt.date ? ` il ${formatItalianDate(attempt.date)}` : '';
  const time = attempt.time ? ` alle ${attempt.time}` : '';
  return `${label}${date}${time} (chiamato il ${formatTimestamp(attempt.at)})`;
}

/** Outcomes that take a date, and what the date is called. */
export const OUTCOME_DATE_LABEL: Partial<Record<CallOutcome, string>> = {
  appointment: "Data dell'appuntamento",
  call_back: 'Data in cui richiamare',
  no_answer: 'Richiamare il',
};

/** What a call that found nobody does by default: "Si richiama mercoledì 2 dicembre 2026". */
export function retryText(today: string): string {
  return `Senza una data, si richiama ${formatDayLong(nextWorkingDay(today))}.`;
}

export type CallField = 'outcome' | 'date' | 'time' | 'note';

export interface OutcomeForm {
  outcome: CallOutcome | null;
  dateText: string;
  timeText: string;
  note: string;
}

export type CallCheck = { ok: true; input: Omit<CallInput<'calls.record'>, 'patientId'> } | { ok: false; field: CallField; message: string };

/** "9.30", "930", "09:30" -> "09:30"; null when it is not a time of day. */
export function parseClockTime(text: string): string | null {
  const m = /^(\d{1,2})[:.,h ]?(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/**
 * The outcome form before it is sent: an outcome chosen; for an appointment its date (today or
 * later) and time; for a call-back its date; for no answer an optional retry date (the core
 * takes the next working day); the reason for a refusal.
 */
export function checkCallOutcome(form: OutcomeForm, today: string): CallCheck {
  const { outcome } = form;
  if (!outcome) return { ok: false, field: 'outcome', message: "Scegliere l'esito della telefonata." };
  const note = form.note.trim();
  let date: string | undefined;
  if (OUTCOME_DATE_LABEL[outcome] && (outcome !== 'no_answer' || form.dateText.trim() !== '')) {
    const parsed = parseDateInput(form.dateText, { today, twoDigitYear: 'recent' });
    if (!parsed.ok) {
      const what = outcome === 'appointment' ? "la data dell'appuntamento" : 'la data in cui richiamare';
      return { ok: false, field: 'date', message: parsed.empty ? `Indicare ${what} (giorno/mese/anno).` : parsed.message };
    }
    if (parsed.iso < today) return { ok: false, field: 'date', message: 'La data non può essere già passata.' };
    date = parsed.iso;
  }
  let time: string | undefined;
  if (outcome === 'appointment') {
    if (form.timeText.trim() === '') return { ok: false, field: 'time', message: "Indicare l'ora dell'appuntamento (ad esempio 09:30)." };
    const parsed = parseClockTime(form.timeText);
    if (!parsed) return { ok: false, field: 'time', message: "Ora non valida: scrivere ore e minuti, ad esempio 09:30." };
    time = parsed;
  }
  if (outcome === 'refused' && note === '') return { ok: false, field: 'note', message: 'Indicare il motivo del rifiuto.' };
  if (note.length > 500) return { ok: false, field: 'note', message: 'La nota può essere lunga al massimo 500 caratteri.' };
  return { ok: true, input: { outcome, ...(date ? { date } : {}), ...(time ? { time } : {}), ...(note ? { note } : {}) } };
}

/** "Non risponde: si richiama dal 02/12/2026" — what the secretary reads after a save. */
export function savedCallText(entry: Pick<CallListEntry, 'surname' | 'givenName'>, outcome: CallOutcome, after: CallListEntry | null, date?: string, time?: string): string {
  const who = `${entry.surname} ${entry.givenName}`;
  if (outcome === 'appointment') return `${who}: appuntamento fissato il ${formatItalianDate(date ?? '')}${time ? ` alle ${time}` : ''}, in agenda.`;
  if (outcome === 'refused') return `${who}: rifiuto registrato, tolto dall’elenco.`;
  if (after?.status === 'scheduled') {
    const when = `da richiamare dal ${formatItalianDate(after.statusDate ?? '')}`;
    return outcome === 'call_back' ? `${who}: ${when}.` : `${who}: ${CALL_OUTCOME_LABEL[outcome]}, ${when}.`;
  }
  return `${who}: ${CALL_OUTCOME_LABEL[outcome]}.`;
}

/** "tel:+390212345" for a number as typed ("02 123 45"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

/** The queue as a CSV for Excel, in its order. */
export function callQueueCsv(entries: readonly CallListEntry[]): string {
  return csvDocument(
    ['Cognome', 'Nome', 'Codice fiscale', 'Data di nascita', 'Livello', 'Provenienza', 'Telefono', 'Cellulare', 'Orario preferito', 'Stato', 'Tentativi', 'Ultima telefonata'],
    entries.map((e) => [
      e.surname,
      e.givenName,
      e.codiceFiscale,
      formatItalianDate(e.birthDate),
      levelShort(e.chronicLevel),
      callSourceText(e),
      e.phone ?? '',
      e.mobile ?? '',
      e.preferredCallTime ?? '',
      callStatusText(e),
      String(e.attempts),
      lastAttemptText(e.lastAttempt),
    ]),
  );
}
