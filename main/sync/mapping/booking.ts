import type { Appointment, Extension, ServiceRequest } from '@medplum/fhirtypes';
import { z } from 'zod';
import { Booking, type BookingStatus, CANCELLATION_NOTICE_HOURS, type Cancellation, PRIORITY_LABEL, PriorityClass } from '../../../shared/domain/booking/model';
import { bookingWindow } from '../../../shared/domain/booking/rules';
import type { Pai } from '../../../shared/domain/pai/model';
import { occurrenceAt } from '../../../shared/domain/pai/schedule';
import { hoursBetween, Instant, instantMs, isRomeSummerTime, romeWallTimeMs } from '../../../shared/domain/romeTime';
import { ids } from '../fhirIds';
import type { FhirSystems } from '../systems';
import { appUrls, type MappingContext, patientReference, practitionerReference, present, providerReference, studioMeta, type WithId } from './common';
import { FhirMappingError } from './errors';
import {
  checked,
  codeIn,
  CodeableConceptIn,
  codiceFiscaleIn,
  ExtensionIn,
  extensionIn,
  identifierValue,
  IdentifierIn,
  jsonIn,
  MetaIn,
  readResource,
  ReferenceIn,
  referencedId,
  resourceTypeOf,
} from './reading';
import type { BookingRecord } from './records';

/**
 * A booking travels as a ServiceRequest from the request on (the Centro Servizi books from it)
 * and, once it has a slot, also as the Appointment. Both carry the whole booking as JSON, so
 * either rebuilds it on another workstation; what FHIR has an element for is also written there.
 */

type BookingWithoutPatient = Omit<Booking, 'patientId'>;

/** The request stands while the prestazione is to be booked or performed; a no-show ends it like a cancellation. */
const REQUEST_STATUS: Record<BookingStatus, ServiceRequest['status']> = {
  requested: 'active',
  booked: 'active',
  confirmed: 'active',
  performed: 'completed',
  reported: 'completed',
  cancelled: 'revoked',
  no_show: 'revoked',
};

const BOOKING_OF_REQUEST: Record<ServiceRequest['status'], BookingStatus> = {
  draft: 'requested',
  active: 'requested',
  'on-hold': 'requested',
  unknown: 'requested',
  completed: 'performed',
  revoked: 'cancelled',
  'entered-in-error': 'cancelled',
};

/** The confirmation call changes nothing FHIR tells apart: the booking's JSON keeps confirmedAt. */
const APPOINTMENT_STATUS: Record<BookingStatus, Appointment['status']> = {
  requested: 'proposed',
  booked: 'booked',
  confirmed: 'booked',
  performed: 'fulfilled',
  reported: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
};

/** A patient arrived or checked in has not been seen yet; an appointment entered in error holds no slot. */
const BOOKING_OF_APPOINTMENT: Record<Appointment['status'], BookingStatus> = {
  proposed: 'requested',
  pending: 'requested',
  waitlist: 'requested',
  booked: 'booked',
  arrived: 'booked',
  'checked-in': 'booked',
  fulfilled: 'performed',
  cancelled: 'cancelled',
  noshow: 'no_show',
  'entered-in-error': 'cancelled',
};

/** FHIR's four priorities against the CUP's classes: B (10 days) is "as soon as possible", D and P are routine. */
const REQUEST_PRIORITY: Record<PriorityClass, NonNullable<ServiceRequest['priority']>> = { U: 'urgent', B: 'asap', D: 'routine', P: 'routine' };

/** The id of the Location the Appointment contains: the place of the slot, run by the provider. */
const PLACE = 'luogo';

function bookingExtension(booking: Booking, systems: FhirSystems): Extension {
  const { patientId: _local, ...rest } = booking;
  return { url: appUrls(systems).bookingExtension, valueString: JSON.stringify(rest) };
}

/**
 * The booking request. The CUP class goes in `orderDetail` as a coding of its own, beside the
 * coarser FHIR priority: it says by when the prestazione must take place, an instruction on the
 * order every reader of ServiceRequest sees, where an extension would be read by us alone. The
 * window is the one the rules give (by class, else by the PAI's cadence); `basedOn` names the
 * PAI's CarePlan only when the caller passes the plan whose occurrence the booking serves, the
 * record knowing neither its year nor its version.
 */
export function serviceRequestToFhir(record: BookingRecord, ctx: MappingContext, plan: Pai | null = null): WithId<ServiceRequest> {
  const { systems } = ctx;
  const b = record.booking;
  const urls = appUrls(systems);
  const window = bookingWindow(b, plan);
  const servesPlan = plan !== null && b.occurrence !== null && occurrenceAt(plan, b.code, b.occurrence) !== null;
  return {
    resourceType: 'ServiceRequest',
    id: ids.bookingRequest(record.uid),
    meta: studioMeta(ctx),
    extension: [bookingExtension(b, systems)],
    identifier: [{ system: urls.prenotazione, value: record.uid }],
    ...(servesPlan ? { basedOn: [{ reference: `CarePlan/${ids.carePlan(record.codiceFiscale, plan.year, plan.version)}` }] } : {}),
    ...(present(b.prescriptionNumber) ? { requisition: { type: { text: 'NRE' }, value: b.prescriptionNumber } } : {}),
    status: REQUEST_STATUS[b.status],
    intent: 'order',
    ...(b.priority === null ? {} : { priority: REQUEST_PRIORITY[b.priority] }),
    code: { coding: [{ system: systems.catalogue, code: b.code }] },
    ...(b.priority === null ? {} : { orderDetail: [{ coding: [{ system: urls.classePriorita, code: b.priority, display: PRIORITY_LABEL[b.priority] }] }] }),
    subject: patientReference(record.codiceFiscale, systems),
    ...(window === null ? {} : { occurrencePeriod: { start: window.start, end: window.end } }),
    ...(b.dates.requestedOn === null ? {} : { authoredOn: b.dates.requestedOn }),
    requester: practitionerReference(ctx.studio.mmg.codiceFiscale, systems),
    ...(b.slot === null ? {} : { performer: [providerReference(b.slot.providerCode, systems)] }),
  };
}

/**
 * The appointment, once the booking has a slot (null before). R4 lets an appointment's
 * participant be no Organization, so the provider runs the slot's place, a contained Location.
 * R4 also wants an end with the start (app-2, app-3) and the booking knows no length: the end is
 * the start, rather than a guessed length the Centro Servizi would take for the provider's.
 */
export function appointmentToFhir(record: BookingRecord, ctx: MappingContext): WithId<Appointment> | null {
  const { systems } = ctx;
  const b = record.booking;
  if (b.slot === null || b.dates.bookedFor === null) return null;
  const start = romeInstant(b.dates.bookedFor, b.slot.time);
  const reason = b.status === 'cancelled' ? b.cancellation?.reason : null;
  return {
    resourceType: 'Appointment',
    id: ids.appointment(record.uid),
    meta: studioMeta(ctx),
    contained: [{ resourceType: 'Location', id: PLACE, name: b.slot.place, managingOrganization: providerReference(b.slot.providerCode, systems) }],
    extension: [bookingExtension(b, systems)],
    identifier: [{ system: appUrls(systems).prenotazione, value: record.uid }],
    status: APPOINTMENT_STATUS[b.status],
    ...(present(reason) ? { cancelationReason: { text: reason } } : {}),
    serviceType: [{ coding: [{ system: systems.catalogue, code: b.code }] }],
    start,
    end: start,
    basedOn: [{ reference: `ServiceRequest/${ids.bookingRequest(record.uid)}` }],
    participant: [
      { actor: patientReference(record.codiceFiscale, systems), status: 'accepted' },
      { actor: { reference: `#${PLACE}`, display: b.slot.place }, status: 'accepted' },
    ],
  };
}

/** What the caller knows that a resource written by the Centro Servizi may only point to. */
export interface BookingLookup {
  /** The uid of the booking whose ServiceRequest has this id (ids.bookingRequest of each uid). */
  uidOfRequest?(serviceRequestId: string): string | null;
  /** The provider code of a reference ("Organization/…", "Location/…") that carries no identifier. */
  providerCodeOf?(reference: string): string | null;
}

export interface BookingFromFhir {
  /** Absent when the resource names its patient by a reference only. */
  codiceFiscale?: string;
  uid: string;
  booking: BookingWithoutPatient;
}

const ContainedIn = z.object({ resourceType: z.string(), id: z.string().optional(), name: z.string().optional(), managingOrganization: ReferenceIn.optional() });

const AppointmentIn = z.object({
  meta: MetaIn.optional(),
  contained: z.array(ContainedIn).optional(),
  extension: z.array(ExtensionIn).optional(),
  identifier: z.array(IdentifierIn).optional(),
  status: z.enum(Object.keys(BOOKING_OF_APPOINTMENT) as [Appointment['status'], ...Appointment['status'][]]),
  cancelationReason: CodeableConceptIn.optional(),
  serviceType: z.array(CodeableConceptIn).optional(),
  start: z.string().optional(),
  basedOn: z.array(ReferenceIn).optional(),
  participant: z.array(z.object({ actor: ReferenceIn.optional() })).optional(),
});

const ServiceRequestIn = z.object({
  meta: MetaIn.optional(),
  extension: z.array(ExtensionIn).optional(),
  identifier: z.array(IdentifierIn).optional(),
  status: z.enum(Object.keys(BOOKING_OF_REQUEST) as [ServiceRequest['status'], ...ServiceRequest['status'][]]),
  code: CodeableConceptIn.optional(),
  orderDetail: z.array(CodeableConceptIn).optional(),
  subject: ReferenceIn.optional(),
  authoredOn: z.string().optional(),
});

const BookingIn = Booking.omit({ patientId: true });

/**
 * A booking from its Appointment or its ServiceRequest. The booking's JSON, when there, is the
 * base; what FHIR itself says wins wherever the two disagree, for that is what the Centro
 * Servizi changed: the status (read as its plainest booking status), the day and time, the
 * provider, the prestazione, the class. An Appointment the Centro Servizi made itself has no
 * JSON and maybe not our identifier: its booking is then the one whose ServiceRequest it is
 * `basedOn`, as `lookup.uidOfRequest` says.
 */
export function bookingFromFhir(resource: unknown, systems: FhirSystems, lookup: BookingLookup = {}): BookingFromFhir {
  const type = resourceTypeOf(resource);
  if (type === 'Appointment') return fromAppointment(readResource('Appointment', AppointmentIn, resource), systems, lookup);
  if (type === 'ServiceRequest') return fromServiceRequest(readResource('ServiceRequest', ServiceRequestIn, resource), systems);
  throw new FhirMappingError(type, 'a booking is an Appointment or a ServiceRequest');
}

function fromAppointment(a: z.output<typeof AppointmentIn>, systems: FhirSystems, lookup: BookingLookup): BookingFromFhir {
  const urls = appUrls(systems);
  const stored = storedBooking('Appointment', a.extension, systems);
  const requestId = a.basedOn?.map((r) => referencedId(r, 'ServiceRequest')).find((id) => id !== undefined);
  const uid = identifierValue(a.identifier, urls.prenotazione) ?? (requestId === undefined ? undefined : (lookup.uidOfRequest?.(requestId) ?? undefined));
  if (uid === undefined) throw new FhirMappingError('Appointment', 'neither our identifier nor a known ServiceRequest in basedOn names its booking');
  const code = a.serviceType?.map((t) => codeIn(t, systems.catalogue)).find((c) => c !== undefined) ?? stored?.code;
  if (code === undefined) throw new FhirMappingError('Appointment', 'no prestazione of the catalogue in serviceType');
  const startMs = a.start === undefined ? null : instantOf('Appointment', a.start);
  const wall = startMs === null ? null : romeWallClock(startMs);
  const provider = providerOf(a, urls.erogatore, lookup);
  const base = stored ?? blankBooking(code);
  if (wall !== null && provider === undefined && base.slot === null) throw new FhirMappingError('Appointment', 'a start without a provider among the participants');
  const status = APPOINTMENT_STATUS[base.status] === a.status ? base.status : BOOKING_OF_APPOINTMENT[a.status];
  const slot =
    wall !== null && provider !== undefined
      ? { time: wall.time, place: provider.place ?? base.slot?.place ?? provider.code, providerCode: provider.code }
      : base.slot;
  const reason = a.cancelationReason?.text;
  const cancellation = base.cancellation === null ? null : { ...base.cancellation, reason: reason ?? base.cancellation.reason };
  const booking = {
    ...base,
    code,
    status,
    dates: { ...base.dates, bookedFor: wall?.date ?? base.dates.bookedFor },
    slot,
    cancellation: cancellation ?? (status === 'cancelled' ? serverCancellation(a.meta?.lastUpdated, reason ?? null, slot === null ? null : startMs) : null),
  };
  const cf = a.participant?.map((p) => codiceFiscaleIn('Appointment', [p.actor?.identifier], systems)).find((c) => c !== undefined);
  return { ...(cf === undefined ? {} : { codiceFiscale: cf }), uid, booking: checked('Appointment', BookingIn, booking) };
}

function fromServiceRequest(sr: z.output<typeof ServiceRequestIn>, systems: FhirSystems): BookingFromFhir {
  const urls = appUrls(systems);
  const uid = identifierValue(sr.identifier, urls.prenotazione);
  if (uid === undefined) throw new FhirMappingError('ServiceRequest', 'not a booking request of PiC Studio (no booking identifier)');
  const stored = storedBooking('ServiceRequest', sr.extension, systems);
  const code = codeIn(sr.code, systems.catalogue) ?? stored?.code;
  if (code === undefined) throw new FhirMappingError('ServiceRequest', 'no prestazione of the catalogue in code');
  const base = stored ?? blankBooking(code);
  const status = REQUEST_STATUS[base.status] === sr.status ? base.status : BOOKING_OF_REQUEST[sr.status];
  const priorityClass = sr.orderDetail?.map((d) => codeIn(d, urls.classePriorita)).find((c) => c !== undefined);
  const authoredOn = sr.authoredOn === undefined ? undefined : sr.authoredOn.length === 10 ? sr.authoredOn : romeWallClock(instantOf('ServiceRequest', sr.authoredOn)).date;
  const booking = {
    ...base,
    code,
    status,
    priority: priorityClass ?? base.priority,
    dates: { ...base.dates, requestedOn: authoredOn ?? base.dates.requestedOn },
    cancellation: base.cancellation ?? (status === 'cancelled' ? serverCancellation(sr.meta?.lastUpdated, null, appointmentMsOf(base)) : null),
  };
  const cf = codiceFiscaleIn('ServiceRequest', [sr.subject?.identifier], systems);
  return { ...(cf === undefined ? {} : { codiceFiscale: cf }), uid, booking: checked('ServiceRequest', BookingIn, booking) };
}

function storedBooking(resourceType: string, extensions: ExtensionIn[] | undefined, systems: FhirSystems): BookingWithoutPatient | null {
  const extension = extensionIn(extensions, appUrls(systems).bookingExtension);
  return extension === undefined ? null : checked(resourceType, BookingIn, jsonIn(resourceType, extension));
}

function appointmentMsOf(b: BookingWithoutPatient): number | null {
  return b.slot === null || b.dates.bookedFor === null ? null : romeWallTimeMs(b.dates.bookedFor, b.slot.time);
}

function blankBooking(code: string): BookingWithoutPatient {
  return {
    code,
    occurrence: null,
    prescriptionNumber: null,
    priority: null,
    status: 'requested',
    dates: { prescribedOn: null, requestedOn: null, firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: null, performedOn: null, reportDeliveredOn: null },
    slot: null,
    confirmedAt: null,
    cancellation: null,
  };
}

/**
 * A cancellation the Centro Servizi made: R4 records no cancellation time, so it is the
 * resource's last update, measured against the 48 hours as the machine does; none without it.
 */
function serverCancellation(lastUpdated: string | undefined, reason: string | null, appointmentMs: number | null): Cancellation | null {
  if (lastUpdated === undefined || !Instant.safeParse(lastUpdated).success) return null;
  const notice = appointmentMs === null ? 'before_booking' : hoursBetween(instantMs(lastUpdated), appointmentMs) >= CANCELLATION_NOTICE_HOURS ? 'released' : 'late';
  return { at: lastUpdated, reason, notice };
}

/** The provider among the participants: by our identifier, through a contained Location, or by the caller's lookup. */
function providerOf(a: z.output<typeof AppointmentIn>, erogatore: string, lookup: BookingLookup): { code: string; place: string | undefined } | undefined {
  const codeOf = (ref: ReferenceIn | undefined): string | undefined => {
    if (ref === undefined) return undefined;
    if (ref.identifier?.system === erogatore && ref.identifier.value !== undefined) return ref.identifier.value;
    return ref.reference === undefined ? undefined : (lookup.providerCodeOf?.(ref.reference) ?? undefined);
  };
  for (const { actor } of a.participant ?? []) {
    if (actor === undefined || referencedId(actor, 'Patient') !== undefined) continue;
    if (actor.reference?.startsWith('#')) {
      const place = a.contained?.find((c) => c.resourceType === 'Location' && `#${c.id}` === actor.reference);
      const code = codeOf(place?.managingOrganization);
      if (code !== undefined) return { code, place: place?.name ?? actor.display };
      continue;
    }
    const code = codeOf(actor);
    if (code !== undefined) return { code, place: actor.display };
  }
  return undefined;
}

const HOUR = 3_600_000;

function romeOffsetHours(ms: number): 1 | 2 {
  return isRomeSummerTime(ms) ? 2 : 1;
}

/** The FHIR instant of a Rome wall-clock time, with Rome's offset of that day ("2025-07-01T09:30:00+02:00"). */
function romeInstant(date: string, time: string): string {
  const ms = romeWallTimeMs(date, time);
  const offset = romeOffsetHours(ms);
  return `${new Date(ms + offset * HOUR).toISOString().slice(0, 19)}+0${offset}:00`;
}

/** Rome's day and HH:MM at an instant, whatever offset the sender wrote. */
function romeWallClock(ms: number): { date: string; time: string } {
  const local = new Date(ms + romeOffsetHours(ms) * HOUR).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

function instantOf(resourceType: string, text: string): number {
  if (!Instant.safeParse(text).success) throw new FhirMappingError(resourceType, `${text} is not an instant with its offset`);
  return instantMs(text);
}
