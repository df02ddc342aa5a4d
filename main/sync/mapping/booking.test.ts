import type { Appointment } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { transitionBooking, type BookingEvent } from '../../../shared/domain/booking/machine';
import type { Booking, BookingStatus } from '../../../shared/domain/booking/model';
import { fhirProblems } from '../../../test/support/fhirValidation';
import { aBooking, aPai, anItem, MMG_CF, yearly } from '../../../test/support/paiFixtures';
import { ctx, PATIENT_CF } from '../../../test/support/syncRecords';
import { ids } from '../fhirIds';
import { DEFAULT_SYSTEMS } from '../systems';
import { appointmentToFhir, bookingFromFhir, serviceRequestToFhir } from './booking';
import { FhirMappingError } from './errors';
import type { BookingRecord } from './records';

const UID = 'bk-2025-0042';
const CATALOGUE = DEFAULT_SYSTEMS.catalogue;
const CF_SYSTEM = DEFAULT_SYSTEMS.codiceFiscale;
const SLOT = { time: '09:30', place: 'Poliambulatorio, Viale Repubblica 34', providerCode: 'asst-pavia' };

const move = (b: Booking, event: BookingEvent, now: string) => transitionBooking(b, event, { now, network: new Set(['asst-pavia']) });

/** A cardiology visit of the PAI, class D, through every status as the studio would move it. */
function bookings(): Record<BookingStatus | 'cancelled_before_booking', Booking> {
  const requested = aBooking('89.7A.3', '2025-04-01', {
    priority: 'D',
    prescriptionNumber: '030A01234567890',
    dates: { prescribedOn: '2025-03-10', requestedOn: '2025-03-12', firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: null, performedOn: null, reportDeliveredOn: null },
  });
  const booked = move(requested, { type: 'book', date: '2025-04-08', slot: SLOT, firstRegionalOffer: '2025-04-02', firstDistrictOffer: '2025-04-05' }, '2025-03-14T10:00:00+01:00');
  const confirmed = move(booked, { type: 'confirm' }, '2025-04-05T11:00:00+02:00');
  const performed = move(confirmed, { type: 'perform', on: '2025-04-08' }, '2025-04-08T12:00:00+02:00');
  return {
    requested,
    booked,
    confirmed,
    performed,
    reported: move(performed, { type: 'deliver-report', on: '2025-04-15' }, '2025-04-15T16:00:00+02:00'),
    cancelled: move(booked, { type: 'cancel', reason: 'Il paziente è ricoverato' }, '2025-03-20T10:00:00+01:00'),
    cancelled_before_booking: move(requested, { type: 'cancel', reason: null }, '2025-03-13T10:00:00+01:00'),
    no_show: move(booked, { type: 'no-show' }, '2025-04-09T10:00:00+02:00'),
  };
}

const recordOf = (booking: Booking): BookingRecord => ({ codiceFiscale: PATIENT_CF, uid: UID, booking });
const withoutPatient = ({ patientId: _p, ...rest }: Booking) => rest;

const REQUEST_STATUS = { requested: 'active', booked: 'active', confirmed: 'active', performed: 'completed', reported: 'completed', cancelled: 'revoked', cancelled_before_booking: 'revoked', no_show: 'revoked' };
const APPOINTMENT_STATUS = { booked: 'booked', confirmed: 'booked', performed: 'fulfilled', reported: 'fulfilled', cancelled: 'cancelled', no_show: 'noshow' };

describe('ServiceRequest', () => {
  it('writes every booking status as valid R4 and reads each back to the same booking', () => {
    for (const [status, booking] of Object.entries(bookings())) {
      const request = serviceRequestToFhir(recordOf(booking), ctx);
      expect(fhirProblems(request), status).toEqual([]);
      expect(request.status, status).toBe(REQUEST_STATUS[status as keyof typeof REQUEST_STATUS]);
      expect(bookingFromFhir(request, DEFAULT_SYSTEMS), status).toEqual({ codiceFiscale: PATIENT_CF, uid: UID, booking: withoutPatient(booking) });
    }
  });

  it('says the CUP class twice: coarsely as FHIR priority, exactly as an order detail; and the window it gives', () => {
    const request = serviceRequestToFhir(recordOf(bookings().booked), ctx);
    expect(request).toMatchObject({
      id: ids.bookingRequest(UID),
      identifier: [{ system: 'https://pic-studio.it/fhir/prenotazione', value: UID }],
      intent: 'order',
      priority: 'routine',
      orderDetail: [{ coding: [{ system: 'https://pic-studio.it/fhir/CodeSystem/classe-priorita', code: 'D' }] }],
      code: { coding: [{ system: CATALOGUE, code: '89.7A.3' }] },
      subject: { reference: `Patient/${ids.patient(PATIENT_CF)}` },
      requester: { reference: `Practitioner/${ids.practitioner(MMG_CF)}` },
      performer: [{ reference: `Organization/${ids.provider('asst-pavia')}` }],
      requisition: { value: '030A01234567890' },
      authoredOn: '2025-03-12',
      // A visit of class D: 30 days from the request at the desk.
      occurrencePeriod: { start: '2025-03-12', end: '2025-04-11' },
    });
    const priorities = (['U', 'B', 'P'] as const).map((p) => serviceRequestToFhir(recordOf({ ...bookings().requested, priority: p }), ctx).priority);
    expect(priorities).toEqual(['urgent', 'asap', 'routine']);
    const followUp = serviceRequestToFhir(recordOf({ ...bookings().requested, priority: null, prescriptionNumber: null }), ctx);
    expect(fhirProblems(followUp)).toEqual([]);
    expect(followUp).not.toHaveProperty('priority');
    expect(followUp).not.toHaveProperty('orderDetail');
    expect(followUp).not.toHaveProperty('occurrencePeriod');
    expect(followUp).not.toHaveProperty('performer');
  });

  it('is based on the PAI\'s CarePlan only when given the plan whose occurrence it serves', () => {
    const plan = aPai('2025-04-01', [anItem('89.7A.3', yearly, '2025-04-01')], { status: 'active', version: 2 });
    const followUp = { ...bookings().requested, priority: null };
    const served = serviceRequestToFhir(recordOf(followUp), ctx, plan);
    expect(fhirProblems(served)).toEqual([]);
    expect(served.basedOn).toEqual([{ reference: `CarePlan/${ids.carePlan(PATIENT_CF, 2025, 2)}` }]);
    expect(served.occurrencePeriod?.start).toBeDefined();
    expect(serviceRequestToFhir(recordOf(followUp), ctx).basedOn).toBeUndefined();
    expect(serviceRequestToFhir(recordOf({ ...followUp, occurrence: '2025-05-01' }), ctx, plan).basedOn).toHaveLength(1);
    expect(serviceRequestToFhir(recordOf({ ...followUp, code: '95.02' }), ctx, plan).basedOn).toBeUndefined();
    expect(serviceRequestToFhir(recordOf({ ...followUp, occurrence: '2024-12-01' }), ctx, plan).basedOn).toBeUndefined();
    expect(serviceRequestToFhir(recordOf({ ...followUp, occurrence: null }), ctx, plan).basedOn).toBeUndefined();
  });

  it('lets what the Centro Servizi changed win over the booking it carries', () => {
    const request = { ...serviceRequestToFhir(recordOf(bookings().booked), ctx), status: 'completed', orderDetail: [{ coding: [{ system: 'https://pic-studio.it/fhir/CodeSystem/classe-priorita', code: 'B' }] }] };
    expect(bookingFromFhir(request, DEFAULT_SYSTEMS).booking).toEqual({ ...withoutPatient(bookings().booked), status: 'performed', priority: 'B' });
  });
});

describe('Appointment', () => {
  it('exists once the booking has a slot, valid R4 in every status it can have', () => {
    const all = bookings();
    expect(appointmentToFhir(recordOf(all.requested), ctx)).toBeNull();
    expect(appointmentToFhir(recordOf(all.cancelled_before_booking), ctx)).toBeNull();
    for (const [status, expected] of Object.entries(APPOINTMENT_STATUS)) {
      const appointment = appointmentToFhir(recordOf(all[status as keyof typeof APPOINTMENT_STATUS]), ctx);
      expect(appointment, status).not.toBeNull();
      expect(fhirProblems(appointment!), status).toEqual([]);
      expect(appointment!.status, status).toBe(expected);
    }
  });

  it('starts at the Rome instant of the slot, with the provider running the place and the patient as participants', () => {
    const appointment = appointmentToFhir(recordOf(bookings().booked), ctx)!;
    expect(appointment).toMatchObject({
      id: ids.appointment(UID),
      identifier: [{ system: 'https://pic-studio.it/fhir/prenotazione', value: UID }],
      start: '2025-04-08T09:30:00+02:00',
      end: '2025-04-08T09:30:00+02:00',
      serviceType: [{ coding: [{ system: CATALOGUE, code: '89.7A.3' }] }],
      basedOn: [{ reference: `ServiceRequest/${ids.bookingRequest(UID)}` }],
      contained: [{ resourceType: 'Location', id: 'luogo', name: SLOT.place, managingOrganization: { reference: `Organization/${ids.provider('asst-pavia')}` } }],
      participant: [
        { actor: { reference: `Patient/${ids.patient(PATIENT_CF)}` }, status: 'accepted' },
        { actor: { reference: '#luogo' }, status: 'accepted' },
      ],
    });
    const winter = appointmentToFhir(recordOf({ ...bookings().booked, dates: { ...bookings().booked.dates, bookedFor: '2025-11-20' }, slot: { ...SLOT, time: '08:05' } }), ctx)!;
    expect(winter.start).toBe('2025-11-20T08:05:00+01:00');
    expect(appointmentToFhir(recordOf(bookings().cancelled), ctx)!.cancelationReason).toEqual({ text: 'Il paziente è ricoverato' });
    expect(appointmentToFhir(recordOf(bookings().booked), ctx)!.cancelationReason).toBeUndefined();
  });

  it('reads each back to the same booking, the confirmation and the seven dates included', () => {
    for (const status of Object.keys(APPOINTMENT_STATUS) as (keyof typeof APPOINTMENT_STATUS)[]) {
      const booking = bookings()[status];
      expect(bookingFromFhir(appointmentToFhir(recordOf(booking), ctx), DEFAULT_SYSTEMS), status).toEqual({ codiceFiscale: PATIENT_CF, uid: UID, booking: withoutPatient(booking) });
    }
  });

  it('lets a status, day or time the Centro Servizi changed win over the booking it carries', () => {
    const ours = appointmentToFhir(recordOf(bookings().confirmed), ctx)!;
    const moved: Appointment = { ...ours, start: '2025-04-10T07:15:00Z', end: '2025-04-10T07:45:00Z' };
    expect(bookingFromFhir(moved, DEFAULT_SYSTEMS).booking).toEqual({
      ...withoutPatient(bookings().confirmed),
      dates: { ...bookings().confirmed.dates, bookedFor: '2025-04-10' },
      slot: { ...SLOT, time: '09:15' },
    });
    expect(bookingFromFhir({ ...ours, status: 'noshow' }, DEFAULT_SYSTEMS).booking.status).toBe('no_show');
    const cancelled = bookingFromFhir({ ...ours, status: 'cancelled', cancelationReason: { text: 'Erogatore chiuso' }, meta: { ...ours.meta, lastUpdated: '2025-04-07T15:00:00Z' } }, DEFAULT_SYSTEMS).booking;
    expect(cancelled.status).toBe('cancelled');
    // 16.5 hours before a 09:30 (summer time) appointment: a late cancellation.
    expect(cancelled.cancellation).toEqual({ at: '2025-04-07T15:00:00Z', reason: 'Erogatore chiuso', notice: 'late' });
  });

  describe('made by the Centro Servizi, without our extension', () => {
    const theirs = {
      resourceType: 'Appointment',
      status: 'booked',
      start: '2025-10-27T08:30:00+01:00',
      end: '2025-10-27T09:00:00+01:00',
      serviceType: [{ coding: [{ system: CATALOGUE, code: '95.02', display: 'Prima visita oculistica' }] }],
      basedOn: [{ reference: `ServiceRequest/${ids.bookingRequest(UID)}` }],
      participant: [
        { actor: { reference: 'Patient/p-77', identifier: { system: CF_SYSTEM, value: PATIENT_CF } }, status: 'accepted' },
        { actor: { reference: 'Location/amb-oculistica', display: 'Ambulatorio oculistico, piano 2' }, status: 'accepted' },
      ],
    };
    const lookup = {
      uidOfRequest: (id: string) => (id === ids.bookingRequest(UID) ? UID : null),
      providerCodeOf: (reference: string) => (reference === 'Location/amb-oculistica' ? 'asst-pavia' : null),
    };
    const blank = aBooking('95.02', null);

    it('is the booking of the ServiceRequest it is based on, its day, time, place and provider from its own elements', () => {
      expect(bookingFromFhir(theirs, DEFAULT_SYSTEMS, lookup)).toEqual({
        codiceFiscale: PATIENT_CF,
        uid: UID,
        booking: withoutPatient({ ...blank, status: 'booked', dates: { ...blank.dates, bookedFor: '2025-10-27' }, slot: { time: '08:30', place: 'Ambulatorio oculistico, piano 2', providerCode: 'asst-pavia' } }),
      });
    });

    it('takes the provider from an identifier of ours and the Rome time from any offset', () => {
      const variant = {
        ...theirs,
        start: '2025-07-01T07:30:00Z',
        participant: [
          { actor: { reference: 'Patient/p-77' }, status: 'accepted' },
          { actor: { identifier: { system: 'https://pic-studio.it/fhir/erogatore', value: 'maugeri-pavia-montescano' }, display: 'ICS Maugeri, Pavia' }, status: 'accepted' },
        ],
      };
      const read = bookingFromFhir(variant, DEFAULT_SYSTEMS, { uidOfRequest: lookup.uidOfRequest });
      expect(read.codiceFiscale).toBeUndefined();
      expect(read.booking.dates.bookedFor).toBe('2025-07-01');
      expect(read.booking.slot).toEqual({ time: '09:30', place: 'ICS Maugeri, Pavia', providerCode: 'maugeri-pavia-montescano' });
    });

    it('dates its cancellation by the last update, against the 48 hours', () => {
      const cancelled = { ...theirs, status: 'cancelled', meta: { lastUpdated: '2025-10-20T09:00:00+02:00' } };
      expect(bookingFromFhir(cancelled, DEFAULT_SYSTEMS, lookup).booking.cancellation).toEqual({ at: '2025-10-20T09:00:00+02:00', reason: null, notice: 'released' });
      expect(bookingFromFhir({ ...cancelled, meta: undefined }, DEFAULT_SYSTEMS, lookup).booking.cancellation).toBeNull();
    });

    it('is refused when nothing names its booking, prestazione or provider', () => {
      expect(() => bookingFromFhir(theirs, DEFAULT_SYSTEMS)).toThrow(FhirMappingError);
      expect(() => bookingFromFhir(theirs, DEFAULT_SYSTEMS, { uidOfRequest: () => null, providerCodeOf: lookup.providerCodeOf })).toThrow(FhirMappingError);
      expect(() => bookingFromFhir(theirs, DEFAULT_SYSTEMS, { uidOfRequest: lookup.uidOfRequest })).toThrow(FhirMappingError);
      expect(() => bookingFromFhir({ ...theirs, serviceType: [{ text: 'Visita oculistica' }] }, DEFAULT_SYSTEMS, lookup)).toThrow(FhirMappingError);
    });
  });

  it('refuses what does not read as a booking', () => {
    const appointment = appointmentToFhir(recordOf(bookings().booked), ctx)!;
    const request = serviceRequestToFhir(recordOf(bookings().booked), ctx);
    const BOOKING_URL = 'https://pic-studio.it/fhir/StructureDefinition/booking';
    const bad: unknown[] = [
      undefined,
      { resourceType: 'Encounter', status: 'planned' },
      { ...appointment, status: 'scheduled' },
      { ...appointment, start: '2025-04-08T09:30:00' },
      { ...appointment, extension: [{ url: BOOKING_URL, valueString: '{' }] },
      { ...appointment, extension: [{ url: BOOKING_URL, valueString: JSON.stringify({ ...withoutPatient(bookings().booked), status: 'lost' }) }] },
      { ...request, identifier: [{ system: 'http://example.org/orders', value: '1' }] },
      { ...request, orderDetail: [{ coding: [{ system: 'https://pic-studio.it/fhir/CodeSystem/classe-priorita', code: 'Z' }] }] },
      { ...request, extension: undefined, code: { text: 'Visita' } },
      { ...request, authoredOn: 'ieri' },
      { ...request, subject: { reference: 'Patient/1', identifier: { system: CF_SYSTEM, value: 'VRDGPP50A01F205X' } } },
      { ...appointment, participant: [{ actor: { reference: 'Patient/1', identifier: { system: CF_SYSTEM, value: 'ROSSI' } }, status: 'accepted' }, ...appointment.participant.slice(1)] },
    ];
    for (const resource of bad) expect(() => bookingFromFhir(resource, DEFAULT_SYSTEMS), JSON.stringify(resource)?.slice(0, 120)).toThrow(FhirMappingError);
  });
});
