import type { Consent } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { ConsentKind } from '../../../shared/domain/enrollment';
import { ids } from '../fhirIds';
import { appUrls, gestoreReference, type MappingContext, patientReference, studioMeta, type WithId } from './common';
import { HL7 } from './hl7';
import { FhirMappingError } from './errors';
import { ExtensionIn, extensionIn, IdentifierIn, identifierValue, readResource, required } from './reading';
import type { ConsentRecord } from './records';
import type { FhirSystems } from '../systems';

/** The Patto di Cura consents to a treatment programme, the privacy form to the data's use. */
const KIND: Record<ConsentKind, { scope: string; scopeDisplay: string; text: string }> = {
  patto_di_cura: { scope: 'treatment', scopeDisplay: 'Treatment', text: 'Patto di Cura' },
  privacy: { scope: 'patient-privacy', scopeDisplay: 'Privacy Consent', text: 'Consenso al trattamento dei dati personali' },
};

/**
 * A signed Patto di Cura or privacy consent, with our Gestore as the organization that keeps it
 * and the form the patient signed as its policy. The PDF stays at the studio: the consent carries
 * its SHA-256 on `sourceAttachment`, as an extension, because R4 defines Attachment.hash as the
 * SHA-1 of the data (base64) and a receiver checking it would reject a SHA-256 written there; on
 * the attachment rather than the Consent, the hash stays with the document it identifies.
 */
export function consentToFhir(record: ConsentRecord, ctx: MappingContext): WithId<Consent> {
  const { systems } = ctx;
  const urls = appUrls(systems);
  const kind = KIND[record.kind];
  const patient = patientReference(record.codiceFiscale, systems);
  return {
    resourceType: 'Consent',
    id: ids.consent(record.codiceFiscale, record.programmeYear, record.kind),
    meta: studioMeta(ctx),
    identifier: [{ system: urls.consenso, value: `PIC-${record.programmeYear}-${record.codiceFiscale}-${record.kind}` }],
    status: 'active',
    scope: { coding: [{ system: HL7.consentScope, code: kind.scope, display: kind.scopeDisplay }], text: kind.text },
    category: [{ coding: [{ system: HL7.loinc, code: '59284-0', display: 'Patient Consent' }], text: kind.text }],
    patient,
    dateTime: record.signedAt,
    performer: [patient],
    organization: [gestoreReference(ctx.studio.gestore, systems)],
    policy: [{ uri: `${urls.policy}/${record.kind}` }],
    ...(record.documentHash === null
      ? {}
      : { sourceAttachment: { contentType: 'application/pdf', title: `${kind.text} firmato dal paziente`, extension: [{ url: urls.sha256Extension, valueString: record.documentHash }] } }),
  };
}

const ConsentIn = z.object({
  identifier: z.array(IdentifierIn).optional(),
  dateTime: z.string(),
  sourceAttachment: z.object({ extension: z.array(ExtensionIn).optional() }).optional(),
});

/** Another workstation's signature, read back by the business identifier it was written with. */
export function consentFromFhir(resource: unknown, systems: FhirSystems): ConsentRecord {
  const c = readResource('Consent', ConsentIn, resource);
  const value = required('Consent', identifierValue(c.identifier, appUrls(systems).consenso), 'the consent identifier');
  const m = /^PIC-(\d{4})-([A-Z0-9]{16})-(patto_di_cura|privacy)$/.exec(value);
  if (!m) throw new FhirMappingError('Consent', `identifier ${value} is not PIC-<year>-<codice fiscale>-<kind>`);
  const hash = extensionIn(c.sourceAttachment?.extension, appUrls(systems).sha256Extension)?.valueString;
  return { codiceFiscale: m[2]!, programmeYear: Number(m[1]), kind: m[3] as ConsentKind, signedAt: c.dateTime, documentHash: hash ?? null };
}
