/**
 * The FHIR R4 mapping of the sync: records to resources for the Centro Servizi, and back for
 * what it sends. Pure functions; every system URL comes from the FhirSystems settings.
 */
export { appointmentToFhir, bookingFromFhir, serviceRequestToFhir, type BookingFromFhir, type BookingLookup } from './booking';
export { bundleEntryFor, transactionBundle } from './bundle';
export { carePlanToFhir, paiFromFhir, type PaiFromFhir } from './carePlan';
export type { MappingContext, WithId } from './common';
export { callAttemptFromFhir, callAttemptToFhir, letterFromFhir, letterToFhir } from './communication';
export { conditionFromFhir, conditionsToFhir, type PulledPathology, withdrawnConditionToFhir } from './condition';
export { consentFromFhir, consentToFhir } from './consent';
export { enrollmentFromFhir, episodeOfCareToFhir, type EnrollmentFromFhir } from './episode';
export { FhirMappingError } from './errors';
export { gestoreToFhir, practitionerToFhir, providerToFhir } from './organizations';
export { patientFromFhir, patientToFhir, type PatientDemographics } from './patient';
export type * from './records';
