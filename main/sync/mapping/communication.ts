import type { Communication, Extension } from '@medplum/fhirtypes';
import { z } from 'zod';
import { CALL_OUTCOME_LABEL, CallOutcome } from '../../../shared/domain/callOutcome';
import { IsoDate } from '../../../shared/domain/dates';
import { Letter, LETTER_TYPE_LABEL, LetterType } from '../../../shared/domain/letter';
import { ClockTime, Instant } from '../../../shared/domain/romeTime';
import { ids } from '../fhirIds';
import type { FhirSystems } from '../systems';
import { appUrls, type MappingContext, patientReference, present, studioMeta, type WithId } from './common';
import { FhirMappingError } from './errors';
import { HL7 } from './hl7';
import { AnnotationIn, checked, CodeableConceptIn, codeIn, codiceFiscaleIn, ExtensionIn, extensionIn, IdentifierIn, identifierValue, readResource, ReferenceIn, required } from './reading';
import type { CallAttemptRecord, LetterRecord } from './records';

const LETTER = 'Lettera ATS';
const CALL = 'Chiamata';

/**
 * The ATS letter the patient brought: sent on the date it bears (its tranche), received when he
 * brought it to the studio, the only receipt the studio can date. Its type is the topic.
 */
export function letterToFhir(record: LetterRecord, ctx: MappingContext): WithId<Communication> {
  const { systems } = ctx;
  const urls = appUrls(systems);
  const label = LETTER_TYPE_LABEL[record.type as LetterType] ?? `Tipo ${record.type}`;
  return {
    resourceType: 'Communication',
    id: ids.letter(record.codiceFiscale, record.type, record.trancheDate),
    meta: studioMeta(ctx),
    identifier: [{ system: urls.letteraAts, value: [record.codiceFiscale, record.type, ...(record.trancheDate === null ? [] : [record.trancheDate])].join('-') }],
    status: 'completed',
    category: [{ text: LETTER }],
    subject: patientReference(record.codiceFiscale, systems),
    topic: { coding: [{ system: urls.tipoLetteraAts, code: String(record.type), display: label }] },
    ...(record.trancheDate === null ? {} : { sent: record.trancheDate }),
    ...(record.receivedAt === null ? {} : { received: record.receivedAt }),
    recipient: [patientReference(record.codiceFiscale, systems)],
    payload: [{ contentString: label }],
    ...(present(record.note) ? { note: [{ text: record.note }] } : {}),
  };
}

/**
 * A call to the patient, answered or not: it took place, so it is completed, and what came of it
 * (the outcome, the day and time agreed, the operator) is in an extension, FHIR having no element
 * for it.
 */
export function callAttemptToFhir(record: CallAttemptRecord, ctx: MappingContext): WithId<Communication> {
  const { systems } = ctx;
  const urls = appUrls(systems);
  const outcome: Extension[] = [
    { url: 'outcome', valueCode: record.outcome },
    ...(record.callbackAt === null ? [] : [{ url: 'callbackAt', valueDate: record.callbackAt }]),
    ...(record.appointmentTime === null ? [] : [{ url: 'appointmentTime', valueTime: `${record.appointmentTime}:00` }]),
    ...(record.operatorCf === null ? [] : [{ url: 'operator', valueIdentifier: { system: systems.codiceFiscale, value: record.operatorCf } }]),
  ];
  return {
    resourceType: 'Communication',
    id: ids.callAttempt(record.codiceFiscale, record.at),
    meta: studioMeta(ctx),
    extension: [{ url: urls.callAttemptExtension, extension: outcome }],
    identifier: [{ system: urls.chiamata, value: `${record.codiceFiscale}-${record.at}` }],
    status: 'completed',
    category: [{ text: CALL }],
    medium: [{ coding: [{ system: HL7.participationMode, code: 'PHONE', display: 'telephone' }] }],
    subject: patientReference(record.codiceFiscale, systems),
    sent: record.at,
    recipient: [patientReference(record.codiceFiscale, systems)],
    payload: [{ contentString: CALL_OUTCOME_LABEL[record.outcome as CallOutcome] ?? record.outcome }],
    ...(present(record.note) ? { note: [{ text: record.note }] } : {}),
  };
}

const CommunicationIn = z.object({
  identifier: z.array(IdentifierIn).optional(),
  subject: ReferenceIn.optional(),
  topic: CodeableConceptIn.optional(),
  sent: z.string().optional(),
  received: z.string().optional(),
  note: z.array(AnnotationIn).optional(),
  extension: z.array(ExtensionIn).optional(),
});

function patientOf(c: z.output<typeof CommunicationIn>, systems: FhirSystems): string {
  return required('Communication', codiceFiscaleIn('Communication', [c.subject?.identifier], systems), 'codice fiscale on the subject');
}

export function letterFromFhir(resource: unknown, systems: FhirSystems): LetterRecord {
  const c = readResource('Communication', CommunicationIn, resource);
  const urls = appUrls(systems);
  if (identifierValue(c.identifier, urls.letteraAts) === undefined) throw new FhirMappingError('Communication', 'not an ATS letter (no letter identifier)');
  const type = codeIn(c.topic, urls.tipoLetteraAts);
  const letter = checked('Communication', Letter, {
    type: type === undefined ? undefined : Number(type),
    trancheDate: c.sent ?? null,
    receivedAt: c.received ?? null,
    note: c.note?.[0]?.text ?? null,
  });
  return { codiceFiscale: patientOf(c, systems), ...letter };
}

const CallIn = z.object({
  outcome: CallOutcome,
  at: Instant,
  callbackAt: IsoDate.nullable(),
  appointmentTime: ClockTime.nullable(),
  operatorCf: z.string().nullable(),
  note: z.string().nullable(),
});

export function callAttemptFromFhir(resource: unknown, systems: FhirSystems): CallAttemptRecord {
  const c = readResource('Communication', CommunicationIn, resource);
  const urls = appUrls(systems);
  const details = extensionIn(c.extension, urls.callAttemptExtension)?.extension;
  if (identifierValue(c.identifier, urls.chiamata) === undefined || details === undefined) throw new FhirMappingError('Communication', 'not a call attempt (no call identifier or outcome)');
  const field = (url: string) => details.find((x) => x.url === url);
  const operator = field('operator')?.valueIdentifier;
  const call = checked('Communication', CallIn, {
    outcome: field('outcome')?.valueCode,
    at: c.sent,
    callbackAt: field('callbackAt')?.valueDate ?? null,
    appointmentTime: field('appointmentTime')?.valueTime?.slice(0, 5) ?? null,
    operatorCf: operator !== undefined && (operator.system === systems.codiceFiscale || operator.system === systems.codiceFiscaleOid) ? (operator.value ?? null) : null,
    note: c.note?.[0]?.text ?? null,
  });
  return { codiceFiscale: patientOf(c, systems), ...call };
}
