import type { EnrollmentSnapshot } from '../../shared/domain/enrollmentMachine';
import type { ConsentKind } from '../../shared/domain/enrollment';
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
