import { afterEach, describe, expect, it } from 'vitest';
import { studioAdherence } from '../../shared/domain/adherence';
import type { Booking, BookingStatus } from '../../shared/domain/booking/model';
import { addDays } from '../../shared/domain/dates';
import { paiSchedule } from '../../shared/domain/pai/schedule';
import { itemsFromTemplates, mergeTemplates, templatesByIds } from '../../shared/domain/pai/templates';
import { aPai } from '../../test/support/paiFixtures';
import { tempDir } from '../../test/support/tempDir';
import { Store } from '../store/store';
import { AdherenceService } from './adherenceService';

const TODAY = '2026-09-10';
const clock = { now: () => new Date(`${TODAY}T10:00:00Z`) };
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** A small deterministic generator: the same studio every run. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const STATUSES: BookingStatus[] = ['requested', 'booked', 'confirmed', 'performed', 'reported', 'cancelled', 'no_show'];

describe('AdherenceService', () => {
  it('counts in SQL exactly what the domain counts from the PAIs, for a varied studio', () => {
    const store = Store.open(tempDir('pic-adherence-'), clock);
    stores.push(store);
    const next = random(42);
    const items = itemsFromTemplates(mergeTemplates(templatesByIds('bpco,scompenso,diabete-2')), '2000-01-01');
    const insertPatient = store.database.sqlite.prepare("INSERT INTO patients (codice_fiscale, surname, given_name, surname_key, given_key, birth_date, sex) VALUES (?, 'X', 'Y', 'X', 'Y', '1950-01-01', 'F')");
    const pais = [];
    const bookings: Booking[] = [];
    for (let i = 0; i < 60; i++) {
      const patientId = Number(insertPatient.run(`ADHR${String(i).padStart(12, '0')}`).lastInsertRowid);
      const validFrom = addDays(TODAY, -Math.floor(next() * 400));
      const own = items.filter(() => next() < 0.5).map((item) => ({ ...item, timing: { ...item.timing, bounds: { start: addDays(validFrom, Math.floor(next() * 40)), end: null } } }));
      const status = next() < 0.15 ? 'superseded' : validFrom < addDays(TODAY, -365) ? 'expired' : 'active';
      const pai = aPai(validFrom, own, { patientId, status });
      pais.push(pai);
      const id = store.pais.insert(pai, null);
      if (status !== 'superseded') store.pais.replaceOccurrences(id, null, patientId, paiSchedule(pai));
      for (const o of paiSchedule(pai)) {
        if (next() < 0.3) continue;
        const b: Booking = {
          patientId, code: o.code, occurrence: addDays(o.windowStart, Math.floor(next() * 20)), prescriptionNumber: next() < 0.3 ? `NRE${i}${o.date}` : null,
          priority: null, status: STATUSES[Math.floor(next() * STATUSES.length)]!, slot: null, confirmedAt: null, cancellation: null,
          dates: { prescribedOn: next() < 0.2 ? o.date : null, requestedOn: null, firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: null, performedOn: null, reportDeliveredOn: null },
        };
        bookings.push(b);
        store.bookings.insert(b, `b-${bookings.length}`, o.description);
      }
    }
    const period = { from: addDays(TODAY, -300), to: addDays(TODAY, 30) };
    const fromSql = new AdherenceService(store, clock).studio(period);
    const fromDomain = studioAdherence(pais, bookings, period, TODAY);
    expect(fromDomain.patients.length).toBeGreaterThan(30);
    expect(fromDomain.totals.overdue).toBeGreaterThan(0);
    expect(fromDomain.totals.performed).toBeGreaterThan(0);
    const sorted = <T extends { code: string }>(xs: T[]) => [...xs].sort((a, b) => a.code.localeCompare(b.code));
    expect(fromSql.patients.map(({ codiceFiscale: _, surname: __, givenName: ___, ...a }) => ({ ...a, items: sorted(a.items) }))).toEqual(fromDomain.patients.map((a) => ({ ...a, items: sorted(a.items) })));
    expect(fromSql.totals).toEqual(fromDomain.totals);
  });
});
