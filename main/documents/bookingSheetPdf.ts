/**
 * The booking sheet: one page the patient takes home for one booked prestazione, from
 * assets/templates/prenotazione.md. One copy, unsigned; deterministic like the other documents.
 */
import { documentAssetsDir } from './assets';
import { BOOKING_SHEET_PLACEHOLDERS, type BookingSheetData, type BookingSheetPlaceholder } from './bookingSheetData';
import { frameValue } from './documentParties';
import { loadTemplate, renderDocumentPdf } from './documentPdf';
import { fillTemplate, type Template } from './templates';

export { bookingSheetData, type BookingSheetData, type BookingSheetInput } from './bookingSheetData';

const BOOKING_SHEET_TEMPLATE = 'prenotazione.md';

/** Reads and parses prenotazione.md from the assets folder (re-read every time: it is editable). */
export function loadBookingSheetTemplate(assetsDir: string = documentAssetsDir()): Template {
  return loadTemplate(BOOKING_SHEET_TEMPLATE, assetsDir, { known: new Set(Object.keys(BOOKING_SHEET_PLACEHOLDERS)), signed: false });
}

/**
 * Renders the sheet. Throws TemplateError for a bad template or a required value that is missing
 * (in Italian: "manca il dato richiesto «ora dell'appuntamento»"), UnprintableCharacterError,
 * DocumentAssetsError.
 */
export async function renderBookingSheetPdf(data: BookingSheetData): Promise<Uint8Array> {
  const assetsDir = documentAssetsDir();
  const filled = fillTemplate(loadBookingSheetTemplate(assetsDir), data.values, { labels: BOOKING_SHEET_PLACEHOLDERS });
  const value = (name: BookingSheetPlaceholder): string => frameValue(BOOKING_SHEET_TEMPLATE, data.values, BOOKING_SHEET_PLACEHOLDERS, name);
  const patient = `${value('paziente_cognome')} ${value('paziente_nome')}`;
  const cf = value('paziente_codice_fiscale');
  const appointment = `${value('prestazione_codice')}, ${value('appuntamento_giorno')} ore ${value('appuntamento_ora')}`;
  return renderDocumentPdf(
    filled,
    [
      {
        label: 'Promemoria per il paziente',
        headerRight: `${value('mmg')} · telefono ${value('studio_telefono')}`,
        footerLeft: `Promemoria dell'appuntamento · ${patient} · C.F. ${cf}`,
      },
    ],
    { title: `${filled.title} – ${patient}`, author: value('gestore'), subject: `Appuntamento ${appointment}`, keywords: [cf, value('prestazione_codice')], date: data.date },
    assetsDir,
  );
}

