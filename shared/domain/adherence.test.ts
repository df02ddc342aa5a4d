import { describe, expect, it } from 'vitest';
import { aBooking, anItem, aPai, monthly, yearly } from '../../test/support/paiFixtures';
import { patientAdherence, studioAdherence } from './adherence';
import type { Booking } from './booking/model';
import type { Pai } from './pai/model';

const active = (patientId: number, validFrom: string, items: Pai['items'], over: Partial<Pai> = {}): Pai => ({ ...aPai(validFrom, items), patientId, status: 'active', activatedOn: validFrom, ...over });
const withRx = (b: Booking): Booking => ({ ...b, prescriptionNumber: '030A01234567890', dates: { ...b.dates, prescribedOn: '2026-09-01' } });

const hba1c = anItem('90.28.1', monthly(4, 6), '2026-09-15');
const ecg = anItem('89.52', yearly, '2026-09-15');
const pai1 = active(1, '2026-09-15', [hba1c, ecg]);
const bookings1: Booking[] = [
  withRx(aBooking('90.28.1', '2026-09-15', { status: 'performed' })),
  withRx(aBooking('90.28.1', '2027-01-15', { status: 'cancelled' })),
  aBooking('90.28.1', '2027-05-15', { status: 'booked' }),
  aBooking('89.52', '2026-09-15', { status: 'requested' }),
  // Another patient's booking of the same occurrence counts for him only.
  aBooking('89.52', '2026-09-15', { status: 'performed', patientId: 9 }),
];
const WHOLE_YEAR = { from: '2026-09-15', to: '2027-09-14' };

describe('adherence', () => {
  it('counts each planned occurrence as prescribed, booked, performed or overdue', () => {
    const a = patientAdherence(1, [pai1], bookings1, WHOLE_YEAR, '2027-06-01');
    expect(a.items).toEqual([
      { code: '90.28.1', description: 'Prestazione 90.28.1', planned: 3, prescribed: 3, booked: 2, performed: 1, overdue: 1, percent: 50 },
      { code: '89.52', description: 'Prestazione 89.52', planned: 1, prescribed: 0, booked: 0, performed: 0, overdue: 0, percent: null },
    ]);
    expect(a).toMatchObject({ patientId: 1, planned: 4, prescribed: 3, booked: 2, performed: 1, overdue: 1, percent: 50 });
  });

  it('judges an occurrence only once its window has closed', () => {
    expect(patientAdherence(1, [pai1], bookings1, WHOLE_YEAR, '2026-10-01')).toMatchObject({ performed: 1, overdue: 0, percent: 100 });
    expect(patientAdherence(1, [pai1], bookings1, WHOLE_YEAR, '2027-09-15')).toMatchObject({ performed: 1, overdue: 3, percent: 25 });
  });

  it('takes the occurrences of the period only, across the PAIs of two years', () => {
    expect(patientAdherence(1, [pai1], bookings1, { from: '2027-01-01', to: '2027-03-31' }, '2027-06-01')).toMatchObject({ planned: 1, performed: 0, overdue: 1, percent: 0 });
    const pai2 = active(1, '2027-09-15', [anItem('90.28.1', monthly(4, 6), '2027-09-15')]);
    const calendar2027 = patientAdherence(1, [pai1, pai2], [...bookings1, aBooking('90.28.1', '2027-09-15', { status: 'reported' })], { from: '2027-01-01', to: '2027-12-31' }, '2028-02-01');
    expect(calendar2027.items.map((i) => `${i.code} ${i.planned} ${i.performed} ${i.overdue}`)).toEqual(['90.28.1 3 1 2']);
  });

  it('counts the last version of a year, not the superseded one, nor drafts', () => {
    const superseded = { ...pai1, status: 'superseded' as const };
    const v2 = { ...pai1, version: 2, items: [hba1c] };
    expect(patientAdherence(1, [superseded, v2, { ...pai1, version: 3, status: 'draft' }], bookings1, WHOLE_YEAR, '2027-06-01')).toMatchObject({ planned: 3, performed: 1 });
  });

  it('lists the studio worst first, those with nothing to judge last, with the totals', () => {
    const pai = (id: number) => active(id, '2026-09-15', [anItem('90.16.3', monthly(6), '2026-09-15')]);
    const done = (id: number, occurrence: string) => aBooking('90.16.3', occurrence, { patientId: id, status: 'performed' });
    const pais = [pai1, pai(2), pai(3), active(4, '2027-05-01', [anItem('90.16.3', monthly(6), '2027-05-01')])];
    const bookings = [...bookings1, done(2, '2026-09-15'), done(2, '2027-03-15')];
    const { patients, totals } = studioAdherence(pais, bookings, WHOLE_YEAR, '2027-09-15');
    expect(patients.map((p) => `${p.patientId} ${p.percent}`)).toEqual(['3 0', '1 25', '2 100', '4 null']);
    expect(totals).toEqual({ planned: 9, prescribed: 5, booked: 4, performed: 3, overdue: 5, percent: 38 });
  });
});
