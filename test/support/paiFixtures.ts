import type { Booking } from '../../shared/domain/booking/model';
import type { Cadence } from '../../shared/domain/pai/cadence';
import { paiValidTo, type Pai, type PaiItem } from '../../shared/domain/pai/model';

/** A valid codice fiscale for the MMG who writes the PAIs of the tests. */
export const MMG_CF = 'RSSMRA85T10A562S';

export const monthly = (period: number, periodMax: number | null = null): Cadence => ({ frequency: 1, period, periodMax, periodUnit: 'mo' });
export const yearly: Cadence = { frequency: 1, period: 1, periodMax: null, periodUnit: 'a' };

export function anItem(code: string, cadence: Cadence, start: string, overrides: Partial<PaiItem> = {}): PaiItem {
  return { code, description: `Prestazione ${code}`, timing: { ...cadence, bounds: { start, end: null } }, priority: null, fromTemplates: [], note: null, ...overrides };
}

/** An active-ready PAI from `validFrom`: one primary pathology, a lifestyle goal, the given items. */
export function aPai(validFrom: string, items: PaiItem[], overrides: Partial<Pai> = {}): Pai {
  return {
    patientId: 1,
    year: Number(validFrom.slice(0, 4)),
    version: 1,
    status: 'draft',
    chronicLevel: 3,
    authorCf: MMG_CF,
    validFrom,
    validTo: paiValidTo(validFrom),
    createdOn: validFrom,
    activatedOn: null,
    closedOn: null,
    cancelReason: null,
    pathologies: [{ code: 50, role: 1, severity: 2 }],
    items,
    drugs: [{ atc: 'A10BA02', name: 'Metformina', dosage: '1000 mg x 2' }],
    lifestyle: [{ area: 'attivita_fisica', goal: 'Camminare 30 minuti al giorno' }],
    vaccinations: [{ vaccine: 'Antinfluenzale', dueOn: null, doneOn: null }],
    ...overrides,
  };
}

export function aBooking(code: string, occurrence: string | null, overrides: Partial<Booking> = {}): Booking {
  return {
    patientId: 1,
    code,
    occurrence,
    prescriptionNumber: null,
    priority: null,
    status: 'requested',
    dates: { prescribedOn: null, requestedOn: null, firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: null, performedOn: null, reportDeliveredOn: null },
    slot: null,
    confirmedAt: null,
    cancellation: null,
    ...overrides,
  };
}
