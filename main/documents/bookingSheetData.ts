/**
 * What the patient takes home for one booked prestazione: what it is (code and plain words),
 * when and where, who performs it, the prescription, how to prepare, how to cancel and whom to
 * call.
 */
import { InvalidInputError } from '../../shared/errors';
import { ACTIVE_BOOKING_STATUSES, Booking, BOOKING_STATUS_LABEL, CANCELLATION_NOTICE_HOURS } from '../../shared/domain/booking/model';
import type { Catalogue } from '../../shared/domain/catalogue';
import { formatItalianDate } from '../../shared/domain/dates';
import { PROVIDERS, type Provider } from '../../shared/domain/providers';
import { isRomeSummerTime, romeWallTimeMs } from '../../shared/domain/romeTime';
import { documentAssetsDir } from './assets';
import { checkDocumentDate, PARTY_PLACEHOLDERS, partyValues, type DocumentPatient, type DocumentStudio } from './documentParties';
import { longItalianDate } from './italianWords';
import { loadPlainWords, loadPreparations } from './prestazioniWords';

export interface BookingSheetInput {
  booking: Booking;
  patient: DocumentPatient;
  studio: DocumentStudio;
  /** The catalogue's description names a prestazione the plain-words file does not know. */
  catalogue: Pick<Catalogue, 'lookup'>;
  /** Where the slot's providerCode is looked up: the network's shipped list unless given. */
  providers?: readonly Provider[];
  /** The day it is printed, ISO YYYY-MM-DD. */
  date: string;
}

/** The placeholders of prenotazione.md, with the Italian description shown when one has no value. */
export const BOOKING_SHEET_PLACEHOLDERS = {
  ...PARTY_PLACEHOLDERS,
  data: 'data del documento',
  prestazione_codice: 'codice della prestazione',
  prestazione_nome: 'nome della prestazione',
  prestazione_spiegazione: 'spiegazione della prestazione',
  appuntamento_giorno: "giorno dell'appuntamento",
  appuntamento_ora: "ora dell'appuntamento",
  luogo: "luogo dell'appuntamento",
  erogatore: 'struttura che esegue la prestazione',
  ricetta: 'numero della ricetta',
  preparazione: 'preparazione alla prestazione',
  disdetta_entro: 'termine per disdire',
} as const satisfies Record<string, string>;

export type BookingSheetPlaceholder = keyof typeof BOOKING_SHEET_PLACEHOLDERS;

export interface BookingSheetData {
  /** The day it is printed, ISO. */
  date: string;
  values: Record<BookingSheetPlaceholder, string | undefined>;
}

const HOUR_MS = 3_600_000;

/** The Rome wall-clock moment 48 real hours before the appointment (47 or 49 on the clock across a change of time). */
function cancellationDeadline(date: string, time: string): string {
  const ms = romeWallTimeMs(date, time) - CANCELLATION_NOTICE_HOURS * HOUR_MS;
  const wall = new Date(ms + (isRomeSummerTime(ms) ? 2 : 1) * HOUR_MS).toISOString();
  return `${longItalianDate(wall.slice(0, 10))} alle ore ${wall.slice(11, 16)}`;
}

/**
 * The booking sheet's data. A booking not booked yet lacks day, time and place: they stay
 * missing and the template refuses them by name. Throws InvalidInputError for a malformed
 * booking or one that holds no appointment any more (cancelled, performed, missed),
 * InvalidCodiceFiscaleError, DocumentDataError for a damaged words or preparations file.
 */
export function bookingSheetData(input: BookingSheetInput): BookingSheetData {
  const assetsDir = documentAssetsDir();
  const date = checkDocumentDate(input.date);
  const parsed = Booking.safeParse(input.booking);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`prenotazione non valida (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
  }
  const booking = parsed.data;
  if (!ACTIVE_BOOKING_STATUSES.includes(booking.status)) {
    throw new InvalidInputError(`la prenotazione è «${BOOKING_STATUS_LABEL[booking.status]}»: il promemoria si stampa solo per un appuntamento ancora da fare`);
  }
  const description = input.catalogue.lookup(booking.code).description ?? `Prestazione ${booking.code}`;
  const words = loadPlainWords(assetsDir).describe(booking.code, description);
  const { slot } = booking;
  const day = booking.dates.bookedFor;
  const provider = slot === null ? undefined : (input.providers ?? PROVIDERS).find((p) => p.code === slot.providerCode);
  return {
    date,
    values: {
      ...partyValues(input.patient, input.studio),
      data: formatItalianDate(date),
      prestazione_codice: words.code,
      prestazione_nome: words.name,
      prestazione_spiegazione: words.explanation,
      appuntamento_giorno: day === null ? undefined : longItalianDate(day),
      appuntamento_ora: slot?.time,
      luogo: slot?.place,
      erogatore: provider?.name,
      ricetta: booking.prescriptionNumber ?? undefined,
      preparazione: loadPreparations(assetsDir).noteFor(booking.code),
      disdetta_entro: day === null || slot === null ? undefined : cancellationDeadline(day, slot.time),
    },
  };
}
