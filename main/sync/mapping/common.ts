import type { Meta, Organization, Patient, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import { ids } from '../fhirIds';
import type { FhirSystems } from '../systems';
import type { GestoreRecord, StudioRecord } from './records';

/** What every resource written for a studio needs besides its record. */
export interface MappingContext {
  systems: FhirSystems;
  studio: StudioRecord;
}

/** The resources this module writes always carry their client-derived id. */
export type WithId<R extends Resource> = R & { id: string };

/**
 * The app's own identifier systems, code systems and extensions, all under `systems.app`: the
 * business identifiers are named in the programme's Italian words, the extensions in English.
 */
export function appUrls(systems: FhirSystems) {
  const app = systems.app;
  return {
    studio: `${app}/studio`,
    gestore: `${app}/gestore`,
    erogatore: `${app}/erogatore`,
    presaInCarico: `${app}/presa-in-carico`,
    consenso: `${app}/consenso`,
    patologia: `${app}/patologia`,
    pai: `${app}/pai`,
    prenotazione: `${app}/prenotazione`,
    letteraAts: `${app}/lettera-ats`,
    chiamata: `${app}/chiamata`,
    policy: `${app}/policy`,
    classePriorita: `${app}/CodeSystem/classe-priorita`,
    tipoLetteraAts: `${app}/CodeSystem/tipo-lettera-ats`,
    enrollmentExtension: `${app}/StructureDefinition/enrollment`,
    paiExtension: `${app}/StructureDefinition/pai`,
    bookingExtension: `${app}/StructureDefinition/booking`,
    sha256Extension: `${app}/StructureDefinition/document-sha256`,
    callAttemptExtension: `${app}/StructureDefinition/call-attempt`,
  };
}

/** The studio tag the pull-back searches by: the MMG's codice fiscale. */
export function studioMeta(ctx: MappingContext): Meta {
  return { tag: [{ system: appUrls(ctx.systems).studio, code: ctx.studio.mmg.codiceFiscale }] };
}

/**
 * Literal references (the ids are derivable), with the business identifier beside them so that a
 * reader knows the patient, doctor or organization without resolving the reference.
 */
export function patientReference(codiceFiscale: string, systems: FhirSystems): Reference<Patient> {
  return { reference: `Patient/${ids.patient(codiceFiscale)}`, identifier: { system: systems.codiceFiscale, value: codiceFiscale } };
}

export function practitionerReference(codiceFiscale: string, systems: FhirSystems): Reference<Practitioner> {
  return { reference: `Practitioner/${ids.practitioner(codiceFiscale)}`, identifier: { system: systems.codiceFiscale, value: codiceFiscale } };
}

export function gestoreReference(gestore: GestoreRecord, systems: FhirSystems): Reference<Organization> {
  return { reference: `Organization/${ids.gestore(gestore.code)}`, identifier: { system: appUrls(systems).gestore, value: gestore.code }, display: gestore.name };
}

export function providerReference(providerCode: string, systems: FhirSystems): Reference<Organization> {
  return { reference: `Organization/${ids.provider(providerCode)}`, identifier: { system: appUrls(systems).erogatore, value: providerCode } };
}

/** FHIR strings may not be empty: an empty or blank text is absent. */
export function present(text: string | null | undefined): text is string {
  return text !== null && text !== undefined && text.trim() !== '';
}
