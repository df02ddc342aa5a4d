import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors';
import type { Booking } from '../../shared/domain/booking/model';
import { shippedCatalogue } from '../../test/support/catalogue';
import { pageCount, pdfText } from '../../test/support/poppler';
import { BOOKING_SHEET_PLACEHOLDERS } from './bookingSheetData';
import { bookingSheetData, loadBookingSheetTemplate, renderBookingSheetPdf, type BookingSheetInput } from './bookingSheetPdf';
import { TemplateError } from './errors';
import { NO_EXPLANATION } from './prestazioniWords';
import { SAMPLE_BOOKING, SAMPLE_BOOKING_SHEET } from './sampleData';

const input = (booking: Partial<Booking> = {}, rest: Partial<BookingSheetInput> = {}): BookingSheetInput => ({
  ...SAMPLE_BOOKING_SHEET,
  catalogue: shippedCatalogue(),
  booking: { ...SAMPLE_BOOKING, ...booking },
  ...rest,
});

const slotOn = (bookedFor: string, time: string, code = SAMPLE_BOOKING.code): Partial<Booking> => ({
  code,
  dates: { ...SAMPLE_BOOKING.dates, bookedFor },
  slot: { ...(SAMPLE_BOOKING.slot as NonNullable<Booking['slot']>), time },
});

let dir: string;
let sampleFile: string;
let sampleBytes: Uint8Array;

async function render(sheet: BookingSheetInput, name: string): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await renderBookingSheetPdf(bookingSheetData(sheet)));
  return file;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-booking-test-'));
  sampleBytes = await renderBookingSheetPdf(bookingSheetData(input()));
  sampleFile = path.join(dir, 'prenotazione.pdf');
  fs.writeFileSync(sampleFile, sampleBytes);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('renderBookingSheetPdf', () => {
  it('says who, what, when, where, by whom, how to prepare, how to cancel and whom to call, on one page', () => {
    expect(pageCount(sampleFile)).toBe(1);
    const text = pdfText(sampleFile);
    expect(text).toContain('Promemoria per il paziente');
    expect(text).toContain("CANTÙ DELL'ACQUA NICOLÒ, nato/a il 10/12/1952, codice fiscale CNTNCL52T10D150X");
    expect(text).toContain('Emoglobina glicata (codice 90.28.1): il valore medio della glicemia negli ultimi 2-3 mesi.');
    expect(text).toContain('Ricetta n. 030A01234567890');
    expect(text).toContain('Giorno e ora: lunedì 17 marzo 2025, ore 08:15');
    expect(text).toContain('Luogo: Ospedale di Lodi, punto prelievi (piano terra, ingresso principale)');
    expect(text).toContain('Struttura: ASST LODI');
    expect(text).toContain('si presenti a digiuno da 8-12 ore');
    expect(text).toContain('Disdica l\'appuntamento almeno 48 ore prima, cioè entro sabato 15 marzo 2025 alle ore 08:15, telefonando allo studio al 0372 123456.');
    expect(text).toContain('Studio del medico Dott.ssa Anna Rossi, Via Giuseppe Garibaldi 12, 26100 Cremona (CR)');
    expect(text).toContain('Posta elettronica: studio.rossi@example.it');
    expect(text).toContain('Foglio stampato il 26/02/2025.');
    expect(text).toContain('Pagina 1 di 1');
    expect(text).not.toContain('{{');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const again = await renderBookingSheetPdf(bookingSheetData({ ...structuredClone(SAMPLE_BOOKING_SHEET), catalogue: shippedCatalogue() }));
    expect(Buffer.from(again).equals(Buffer.from(sampleBytes))).toBe(true);
  });

  it('leaves out the prescription line when there is none yet, and says when nothing is to be prepared', async () => {
    const file = await render(input({ ...slotOn('2025-03-17', '10:00', '88.72.2'), prescriptionNumber: null }), 'eco.pdf');
    const text = pdfText(file);
    expect(text).not.toContain('Ricetta n.');
    expect(text).toContain('Ecocardiogramma (codice 88.72.2): ecografia del cuore');
    expect(text).toContain('Come prepararsi Nessuna preparazione particolare.');
  });

  it('gives the urine sample note for the urine test', async () => {
    expect(pdfText(await render(input(slotOn('2025-03-17', '08:00', '90.44.3')), 'urine.pdf'))).toContain('le prime urine del mattino');
  });
});

describe('bookingSheetData', () => {
  it('falls back to the catalogue for a code without plain words, and to the code for one outside the catalogue', () => {
    const other = bookingSheetData(input({ code: '88.72.3' })).values;
    expect(other.prestazione_nome).toBe('ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo e dopo prova fisica o farmacologica');
    expect(other.prestazione_spiegazione).toBe(NO_EXPLANATION);
    expect(other.preparazione).toBe('Nessuna preparazione particolare.');
    expect(bookingSheetData(input({ code: '0090042' })).values.prestazione_nome).toBe('Prestazione 0090042');
  });

  it('counts the 48 hours in real hours across a change of the clocks', () => {
    // Clocks go forward on Sunday 30 March 2025 and back on Sunday 26 October 2025.
    expect(bookingSheetData(input(slotOn('2025-03-31', '08:30'))).values.disdetta_entro).toBe('sabato 29 marzo 2025 alle ore 07:30');
    expect(bookingSheetData(input(slotOn('2025-10-27', '08:30'))).values.disdetta_entro).toBe('sabato 25 ottobre 2025 alle ore 09:30');
    expect(bookingSheetData(input(slotOn('2025-06-10', '14:00'))).values.disdetta_entro).toBe('domenica 8 giugno 2025 alle ore 14:00');
  });

  it('names the provider from the list given, the network\'s by default', () => {
    const own = [{ code: 'asst-lodi', name: 'ASST di Lodi – Ospedale Maggiore', kind: 'asst' as const, address: null, sites: [], networks: [{ ats: 'milano' as const, section: 'set_di_riferimento' as const }], note: null }];
    expect(bookingSheetData(input({}, { providers: own })).values.erogatore).toBe('ASST di Lodi – Ospedale Maggiore');
    expect(bookingSheetData(input()).values.erogatore).toBe('ASST LODI');
  });
});

describe('bad input', () => {
  it('refuses a booking without day, time and place with a TemplateError naming them in Italian, not a crash', async () => {
    const notBooked = bookingSheetData(input({ status: 'requested', slot: null, dates: { ...SAMPLE_BOOKING.dates, bookedFor: null } }));
    const error = await renderBookingSheetPdf(notBooked).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ code: 'template-missing-value', template: 'prenotazione.md' });
    expect((error as TemplateError).userMessage).toContain("manca il dato richiesto «giorno dell'appuntamento» ({{appuntamento_giorno}})");
  });

  it('refuses a provider it cannot name, and a studio without a phone', async () => {
    const unknownProvider = bookingSheetData(input({ slot: { ...(SAMPLE_BOOKING.slot as NonNullable<Booking['slot']>), providerCode: 'chiuso-nel-2019' } }));
    await expect(renderBookingSheetPdf(unknownProvider)).rejects.toMatchObject({ userMessage: expect.stringContaining('«struttura che esegue la prestazione»') });
    const noPhone = bookingSheetData(input({}, { studio: { ...SAMPLE_BOOKING_SHEET.studio, phone: '' } }));
    await expect(renderBookingSheetPdf(noPhone)).rejects.toMatchObject({ code: 'template-missing-value', userMessage: expect.stringContaining('«telefono dello studio»') });
  });

  it('refuses a booking that holds no appointment any more, and a malformed one', () => {
    for (const status of ['cancelled', 'performed', 'reported', 'no_show'] as const) {
      expect(() => bookingSheetData(input({ status }))).toThrow(InvalidInputError);
    }
    expect(() => bookingSheetData(input({ status: 'cancelled' }))).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('la prenotazione è «Disdetta»') }));
    expect(() => bookingSheetData(input(slotOn('2025-03-17', '8:15')))).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('slot.time') }));
    expect(() => bookingSheetData(input({}, { date: '' }))).toThrow(InvalidInputError);
  });
});

describe('the shipped prenotazione.md', () => {
  it('uses every placeholder the sheet offers and has no signatures', () => {
    const t = loadBookingSheetTemplate();
    expect([...t.placeholders].sort()).toEqual(Object.keys(BOOKING_SHEET_PLACEHOLDERS).sort());
    expect(t.blocks.some((b) => b.kind === 'signatures')).toBe(false);
  });
});
