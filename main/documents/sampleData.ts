import { checkCharacter } from '../../shared/domain/codiceFiscale';
import type { Booking } from '../../shared/domain/booking/model';
import type { Pai } from '../../shared/domain/pai/model';
import { applyTemplates, templatesByIds } from '../../shared/domain/pai/templates';
import { newPaiDraft } from '../../shared/domain/pai/versions';
import type { BookingSheetInput } from './bookingSheetData';
import type { ConsentData } from './consentData';
import type { PaiDocumentInput } from './paiData';

/** A valid codice fiscale from its first 15 characters. */
export function withCheckCharacter(first15: string): string {
  return first15 + checkCharacter(first15);
}

/** A made-up patient with an accented name and an apostrophe, for tests, samples and demos. */
export const SAMPLE_CONSENT_DATA: ConsentData = {
  enrollmentId: 1042,
  date: '2024-03-15',
  patient: {
    surname: "CANTÙ DELL'ACQUA",
    givenName: 'NICOLÒ',
    codiceFiscale: withCheckCharacter('CNTNCL52T10D150'),
    birthDate: '1952-12-10',
  },
  studio: {
    gestore: 'Cooperativa Medici di Medicina Generale Lombardia Sud Soc. Coop.',
    mmg: 'Dott.ssa Anna Rossi',
    address: 'Via Giuseppe Garibaldi 12, 26100 Cremona (CR)',
    phone: '0372 123456',
    email: 'studio.rossi@example.it',
  },
};

/** The sample patient's PAI: diabetes and hypertension from the templates, with drugs, goals and vaccinations. */
export const SAMPLE_PAI: Pai = {
  ...applyTemplates(
    newPaiDraft(
      {
        patientId: 7,
        validFrom: '2025-03-01',
        chronicLevel: 2,
        authorCf: withCheckCharacter('RSSNNA70A41D150'),
        pathologies: [
          { code: 56, role: 2, severity: 3 },
          { code: 50, role: 1, severity: 2 },
        ],
      },
      [],
      '2025-02-20',
    ),
    templatesByIds('diabete-2,ipertensione'),
  ),
  version: 2,
  status: 'active',
  activatedOn: '2025-02-24',
  drugs: [
    { atc: 'A10BA02', name: 'Metformina 500 mg', dosage: '1 compressa a pranzo e 1 a cena' },
    { atc: 'C09AA05', name: 'Ramipril 5 mg', dosage: '1 compressa al mattino.' },
    { atc: 'C10AA05', name: 'Atorvastatina 20 mg', dosage: null },
  ],
  lifestyle: [
    { area: 'attivita_fisica', goal: 'camminare a passo svelto 30 minuti al giorno, almeno 5 giorni la settimana' },
    { area: 'alimentazione', goal: 'meno sale, pane e pasta integrali, frutta al massimo due volte al giorno' },
    { area: 'peso', goal: 'perdere 4 kg entro la fine del piano' },
  ],
  vaccinations: [
    { vaccine: 'Antinfluenzale', dueOn: '2025-11-30', doneOn: null },
    { vaccine: 'Antipneumococcica', dueOn: null, doneOn: '2024-10-15' },
    { vaccine: 'Anti-herpes zoster', dueOn: null, doneOn: null },
  ],
};

export const SAMPLE_PAI_INPUT: PaiDocumentInput = {
  pai: SAMPLE_PAI,
  patient: SAMPLE_CONSENT_DATA.patient,
  studio: SAMPLE_CONSENT_DATA.studio,
  date: '2025-02-24',
};

/** The sample PAI's glycated haemoglobin, booked at a blood-drawing point of the network. */
export const SAMPLE_BOOKING: Booking = {
  patientId: 7,
  code: '90.28.1',
  occurrence: '2025-03-01',
  prescriptionNumber: '030A01234567890',
  priority: null,
  status: 'booked',
  dates: {
    prescribedOn: '2025-02-24',
    requestedOn: '2025-02-24',
    firstRegionalOffer: '2025-03-10',
    firstDistrictOffer: '2025-03-17',
    bookedFor: '2025-03-17',
    performedOn: null,
    reportDeliveredOn: null,
  },
  slot: { time: '08:15', place: 'Ospedale di Lodi, punto prelievi (piano terra, ingresso principale)', providerCode: 'asst-lodi' },
  confirmedAt: null,
  cancellation: null,
};

/** The booking sheet's input but for the catalogue, which only the core (or a test) reads. */
export const SAMPLE_BOOKING_SHEET: Omit<BookingSheetInput, 'catalogue'> = {
  booking: SAMPLE_BOOKING,
  patient: SAMPLE_CONSENT_DATA.patient,
  studio: SAMPLE_CONSENT_DATA.studio,
  date: '2025-02-26',
};
