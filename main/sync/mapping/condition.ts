import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import { PATHOLOGY_ROLE_LABEL, SEVERITY_LABEL } from '../../../shared/domain/pai/model';
import { pathologyName } from '../../../shared/domain/pathology';
import { ids } from '../fhirIds';
import { appUrls, type MappingContext, patientReference, studioMeta, type WithId } from './common';
import { HL7 } from './hl7';
import type { PathologyRecord, PatientRecord } from './records';

const PROBLEM_LIST_ITEM: CodeableConcept = { coding: [{ system: HL7.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }] };

/**
 * The patient's regional pathologies, one Condition each. The category says primary, secondary
 * or further (SGDT-TipologiaProblemaSalute, where Lombardy's guide puts it: RLConditionProblemiSalute)
 * only when the PAI has ranked the pathology: nothing else ranks them, and every code of that
 * system means a rank, so an unranked pathology is only a problem-list item. The severity is the
 * patient's chronic level in GPC-LivelloGravita ("livello di gravità della cronicità": level 1 is
 * code 1, gravità alta), the same for all his pathologies.
 */
export function conditionsToFhir(patient: PatientRecord, ctx: MappingContext): WithId<Condition>[] {
  return patient.pathologies.map((p) => conditionToFhir(patient, p, ctx));
}

function conditionToFhir(patient: PatientRecord, pathology: PathologyRecord, ctx: MappingContext): WithId<Condition> {
  const { systems } = ctx;
  const name = pathologyName(pathology.code);
  const level = patient.chronicLevel;
  return {
    resourceType: 'Condition',
    id: ids.condition(patient.codiceFiscale, pathology.code),
    meta: studioMeta(ctx),
    identifier: [{ system: appUrls(systems).patologia, value: `${patient.codiceFiscale}-${pathology.code}` }],
    clinicalStatus: { coding: [{ system: HL7.conditionClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: HL7.conditionVerification, code: pathology.confirmed ? 'confirmed' : 'provisional' }] },
    category: [
      PROBLEM_LIST_ITEM,
      ...(pathology.role === undefined ? [] : [{ coding: [{ system: systems.problemType, code: String(pathology.role), display: PATHOLOGY_ROLE_LABEL[pathology.role] }] }]),
    ],
    ...(level === null ? {} : { severity: { coding: [{ system: systems.chronicLevel, code: String(level), display: SEVERITY_LABEL[level] }] } }),
    code: {
      coding: [{ system: systems.pathology, code: String(pathology.code), ...(name === null ? {} : { display: name }) }],
      ...(name === null ? {} : { text: name }),
    },
    subject: patientReference(patient.codiceFiscale, systems),
  };
}
