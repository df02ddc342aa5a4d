import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import { z } from 'zod';
import { ChronicLevel } from '../../../shared/domain/chronicLevel';
import { PATHOLOGY_ROLE_LABEL, SEVERITY_LABEL } from '../../../shared/domain/pai/model';
import { pathologyName } from '../../../shared/domain/pathology';
import { ids } from '../fhirIds';
import { appUrls, type MappingContext, patientReference, studioMeta, type WithId } from './common';
import { HL7 } from './hl7';
import { FhirMappingError } from './errors';
import { CodeableConceptIn, checked, codeIn, IdentifierIn, identifierValue, readResource, required } from './reading';
import type { PathologyRecord, PatientRecord } from './records';
import type { FhirSystems } from '../systems';

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

/**
 * A pathology the MMG took off the patient's list after it reached the server: the same Condition,
 * no longer active and refuted, so that the other workstations take it off too.
 */
export function withdrawnConditionToFhir(codiceFiscale: string, code: number, ctx: MappingContext): WithId<Condition> {
  const { systems } = ctx;
  const name = pathologyName(code);
  return {
    resourceType: 'Condition',
    id: ids.condition(codiceFiscale, code),
    meta: studioMeta(ctx),
    identifier: [{ system: appUrls(systems).patologia, value: `${codiceFiscale}-${code}` }],
    clinicalStatus: { coding: [{ system: HL7.conditionClinical, code: 'inactive' }] },
    verificationStatus: { coding: [{ system: HL7.conditionVerification, code: 'refuted' }] },
    category: [PROBLEM_LIST_ITEM],
    code: {
      coding: [{ system: systems.pathology, code: String(code), ...(name === null ? {} : { display: name }) }],
      ...(name === null ? {} : { text: name }),
    },
    subject: patientReference(codiceFiscale, systems),
  };
}

/** One pulled pathology: whose, which, whether confirmed or withdrawn, and the chronic level it was written with (null: none). */
export interface PulledPathology {
  codiceFiscale: string;
  code: number;
  confirmed: boolean;
  withdrawn: boolean;
  chronicLevel: ChronicLevel | null;
}

const NOT_HIS = new Set(['refuted', 'entered-in-error']);
const OVER = new Set(['inactive', 'resolved', 'remission']);

const ConditionIn = z.object({
  identifier: z.array(IdentifierIn).optional(),
  clinicalStatus: CodeableConceptIn.optional(),
  verificationStatus: CodeableConceptIn.optional(),
  severity: CodeableConceptIn.optional(),
});

/** The pathology a Condition of the app's carries: its identifier names the patient and the regional code. */
export function conditionFromFhir(resource: unknown, systems: FhirSystems): PulledPathology {
  const c = readResource('Condition', ConditionIn, resource);
  const value = required('Condition', identifierValue(c.identifier, appUrls(systems).patologia), 'the pathology identifier');
  const m = /^([A-Z0-9]{16})-(\d{1,3})$/.exec(value);
  if (!m) throw new FhirMappingError('Condition', `identifier ${value} is not <codice fiscale>-<regional code>`);
  const level = codeIn(c.severity, systems.chronicLevel);
  const verification = codeIn(c.verificationStatus, HL7.conditionVerification);
  return {
    codiceFiscale: m[1]!,
    code: Number(m[2]),
    confirmed: verification === 'confirmed',
    withdrawn: NOT_HIS.has(verification ?? '') || OVER.has(codeIn(c.clinicalStatus, HL7.conditionClinical) ?? ''),
    chronicLevel: level === undefined ? null : checked('Condition', ChronicLevel, Number(level)),
  };
}
