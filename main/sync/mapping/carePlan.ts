import type { CarePlan, CarePlanActivityDetail } from '@medplum/fhirtypes';
import { z } from 'zod';
import { toFhirTiming } from '../../../shared/domain/pai/cadence';
import { Pai, type PaiStatus } from '../../../shared/domain/pai/model';
import { ids } from '../fhirIds';
import type { FhirSystems } from '../systems';
import { appUrls, type MappingContext, patientReference, practitionerReference, present, studioMeta, type WithId } from './common';
import { FhirMappingError } from './errors';
import { checked, codiceFiscaleIn, ExtensionIn, extensionIn, jsonIn, readResource, ReferenceIn, required } from './reading';
import type { PaiRecord } from './records';

/** An expired plan ran its course; a superseded or cancelled one was withdrawn before its end. */
const CAREPLAN_STATUS: Record<PaiStatus, CarePlan['status']> = {
  draft: 'draft',
  active: 'active',
  expired: 'completed',
  superseded: 'revoked',
  cancelled: 'revoked',
};

/**
 * The activities follow their plan. An expired plan's activities are completed as far as the plan
 * goes: whether each occurrence was performed is for its bookings to say.
 */
const ACTIVITY_STATUS: Record<PaiStatus, CarePlanActivityDetail['status']> = {
  draft: 'not-started',
  active: 'scheduled',
  expired: 'completed',
  superseded: 'stopped',
  cancelled: 'stopped',
};

/**
 * A PAI version as a CarePlan: the prestazioni as activities with their catalogue code and FHIR
 * Timing, for the Centro Servizi to read; the whole plan (drugs, lifestyle, vaccinations, the
 * pathologies' roles...) as JSON in an extension, for another workstation to rebuild it exactly.
 * The previous version and the Conditions are not referenced: a version never activated may never
 * have been sent, and a dangling reference makes a server refuse the whole transaction.
 */
export function carePlanToFhir(record: PaiRecord, ctx: MappingContext): WithId<CarePlan> {
  const { systems } = ctx;
  const { patientId: _local, ...pai } = record.pai;
  const urls = appUrls(systems);
  return {
    resourceType: 'CarePlan',
    id: ids.carePlan(record.codiceFiscale, pai.year, pai.version),
    meta: studioMeta(ctx),
    extension: [{ url: urls.paiExtension, valueString: JSON.stringify(pai) }],
    identifier: [{ system: urls.pai, value: `${record.codiceFiscale}-${pai.year}-${pai.version}` }],
    status: CAREPLAN_STATUS[pai.status],
    intent: 'plan',
    title: `PAI ${pai.year}, versione ${pai.version}`,
    subject: patientReference(record.codiceFiscale, systems),
    period: { start: pai.validFrom, end: pai.validTo },
    created: pai.createdOn,
    author: practitionerReference(pai.authorCf, systems),
    ...(pai.items.length === 0
      ? {}
      : {
          activity: pai.items.map((item) => ({
            detail: {
              kind: 'ServiceRequest' as const,
              code: { coding: [{ system: systems.catalogue, code: item.code, display: item.description }] },
              status: ACTIVITY_STATUS[pai.status],
              scheduledTiming: toFhirTiming(item.timing),
              ...(present(item.note) ? { description: item.note } : {}),
            },
          })),
        }),
  };
}

const CarePlanIn = z.object({ subject: ReferenceIn.optional(), extension: z.array(ExtensionIn).optional() });
const PlanWithoutPatient = Pai.omit({ patientId: true });

export interface PaiFromFhir {
  codiceFiscale: string;
  pai: Omit<Pai, 'patientId'>;
}

/** The plan exactly as the workstation that wrote it had it, checked with the PAI's own schema. */
export function paiFromFhir(resource: unknown, systems: FhirSystems): PaiFromFhir {
  const plan = readResource('CarePlan', CarePlanIn, resource);
  const extension = extensionIn(plan.extension, appUrls(systems).paiExtension);
  if (extension === undefined) throw new FhirMappingError('CarePlan', 'not a PAI written by PiC Studio (no plan extension)');
  return {
    codiceFiscale: required('CarePlan', codiceFiscaleIn('CarePlan', [plan.subject?.identifier], systems), 'codice fiscale on the subject'),
    pai: checked('CarePlan', PlanWithoutPatient, jsonIn('CarePlan', extension)),
  };
}
