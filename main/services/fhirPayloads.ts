import type { EnrollmentSnapshot } from '../../shared/domain/enrollmentMachine';
import type { ConsentKind } from '../../shared/domain/enrollment';
import type { Booking } from '../../shared/domain/booking/model';
import { CATALOGUE_SYSTEM } from '../../shared/domain/catalogue';
import { toFhirTiming } from '../../shared/domain/pai/cadence';
import type { Pai } from '../../shared/domain/pai/model';
import type { OutboxItem } from '../store/outbox';

/**
 * FHIR R4 resources the Centro Servizi receives. The business identifier makes every create
 * conditional (If-None-Exist) when the sync sends them, so a retry never duplicates.
 */
export const CF_SYSTEM = 'http://hl7.it/sid/codiceFiscale';
export const ENROLLMENT_SYSTEM = 'urn:pic-studio:presa-in-carico';

const EPISODE_STATUS: Record<EnrollmentSnapshot['state'], string> = {
  candidate: 'planned',
  registered: 'planned',
  enrolled: 'active',
  renewal_due: 'active',
  renewed: 'active',
  lapsed: 'cancelled',
  withdrawn: 'finished',
  refused: 'cancelled',
  locked_elsewhere: 'cancelled',
  transferred: 'finished',
};

export function enrollmentBusinessId(codiceFiscale: string, programmeYear: number): string {
  return `${codiceFiscale}-${programmeYear}`;
}

/** The presa in carico as an EpisodeOfCare: the regional lock follows its status. */
export function episodeOfCare(codiceFiscale: string, programmeYear: number, gestore: string, s: EnrollmentSnapshot): OutboxItem {
  const businessId = enrollmentBusinessId(codiceFiscale, programmeYear);
  return {
    resourceType: 'EpisodeOfCare',
    businessId,
    payload: {
      resourceType: 'EpisodeOfCare',
      identifier: [{ system: ENROLLMENT_SYSTEM, value: businessId }],
      status: EPISODE_STATUS[s.state],
      type: [{ text: 'Presa in carico del paziente cronico (DGR X/6164/2017)' }],
      patient: { identifier: { system: CF_SYSTEM, value: codiceFiscale } },
      managingOrganization: { display: gestore },
      period: { start: s.registeredOn ?? undefined, end: s.state === 'enrolled' || s.state === 'renewed' ? (s.periodEnd ?? undefined) : undefined },
      extension: [{ url: `${ENROLLMENT_SYSTEM}/state`, valueCode: s.state }],
    },
  };
}

const CONSENT_TEXT: Record<ConsentKind, string> = {
  patto_di_cura: 'Patto di Cura',
  privacy: 'Consenso al trattamento dei dati personali',
};

export function consent(codiceFiscale: string, programmeYear: number, kind: ConsentKind, signedAt: string, documentHash: string | null): OutboxItem {
  const businessId = `${enrollmentBusinessId(codiceFiscale, programmeYear)}-${kind}`;
  return {
    resourceType: 'Consent',
    businessId,
    payload: {
      resourceType: 'Consent',
      identifier: [{ system: `${ENROLLMENT_SYSTEM}/consent`, value: businessId }],
      status: 'active',
      scope: { text: CONSENT_TEXT[kind] },
      category: [{ text: CONSENT_TEXT[kind] }],
      patient: { identifier: { system: CF_SYSTEM, value: codiceFiscale } },
      dateTime: signedAt,
      // Attachment.hash is SHA-1 in FHIR: the document's SHA-256 travels as an extension instead.
      extension: documentHash ? [{ url: `${ENROLLMENT_SYSTEM}/document-sha256`, valueString: documentHash }] : undefined,
    },
  };
}

const CAREPLAN_STATUS: Record<Pai['status'], string> = {
  draft: 'draft',
  active: 'active',
  expired: 'completed',
  superseded: 'revoked',
  cancelled: 'revoked',
};

export function paiBusinessId(codiceFiscale: string, pai: Pick<Pai, 'year' | 'version'>): string {
  return `${codiceFiscale}-pai-${pai.year}-v${pai.version}`;
}

/** The PAI as a CarePlan: each prestazione an activity with its catalogue code and FHIR Timing. */
export function carePlan(codiceFiscale: string, pai: Pai): OutboxItem {
  const businessId = paiBusinessId(codiceFiscale, pai);
  return {
    resourceType: 'CarePlan',
    businessId,
    payload: {
      resourceType: 'CarePlan',
      identifier: [{ system: `${ENROLLMENT_SYSTEM}/pai`, value: businessId }],
      status: CAREPLAN_STATUS[pai.status],
      intent: 'plan',
      title: `PAI ${pai.year}, versione ${pai.version}`,
      subject: { identifier: { system: CF_SYSTEM, value: codiceFiscale } },
      period: { start: pai.validFrom, end: pai.validTo },
      author: { identifier: { system: CF_SYSTEM, value: pai.authorCf } },
      activity: pai.items.map((i) => ({
        detail: {
          kind: 'ServiceRequest',
          code: { coding: [{ system: CATALOGUE_SYSTEM, code: i.code, display: i.description }] },
          status: 'scheduled',
          scheduledTiming: toFhirTiming(i.timing),
        },
      })),
    },
  };
}

/** A booking as the Centro Servizi sees it: a ServiceRequest while it waits for a slot, an Appointment once booked. */
export function bookingResource(codiceFiscale: string, uid: string, b: Booking): OutboxItem {
  const code = { coding: [{ system: CATALOGUE_SYSTEM, code: b.code }] };
  const patient = { identifier: { system: CF_SYSTEM, value: codiceFiscale } };
  const identifier = [{ system: `${ENROLLMENT_SYSTEM}/booking`, value: uid }];
  if (b.status === 'requested' || (b.status === 'cancelled' && b.slot === null)) {
    return {
      resourceType: 'ServiceRequest',
      businessId: uid,
      payload: { resourceType: 'ServiceRequest', identifier, status: b.status === 'cancelled' ? 'revoked' : 'active', intent: 'order', code, subject: patient, priority: b.priority === 'U' ? 'urgent' : 'routine', authoredOn: b.dates.requestedOn ?? undefined },
    };
  }
  const status: Record<Booking['status'], string> = { requested: 'proposed', booked: 'booked', confirmed: 'booked', performed: 'fulfilled', reported: 'fulfilled', cancelled: 'cancelled', no_show: 'noshow' };
  return {
    resourceType: 'Appointment',
    businessId: uid,
    payload: {
      resourceType: 'Appointment',
      identifier,
      status: status[b.status],
      serviceType: [code],
      start: b.dates.bookedFor && b.slot ? `${b.dates.bookedFor}T${b.slot.time}:00` : undefined,
      participant: [{ actor: patient, status: 'accepted' }, ...(b.slot ? [{ actor: { identifier: { system: `${ENROLLMENT_SYSTEM}/provider`, value: b.slot.providerCode } }, status: 'accepted' }] : [])],
    },
  };
}
