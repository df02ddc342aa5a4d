import type { ContactPoint, Patient } from '@medplum/fhirtypes';
import { z } from 'zod';
import { NewPatient, type Sex } from '../../../shared/domain/patient';
import { ids } from '../fhirIds';
import type { FhirSystems } from '../systems';
import { type MappingContext, present, studioMeta, type WithId } from './common';
import { FhirMappingError } from './errors';
import { checked, codeIn, codiceFiscaleIn, ExtensionIn, extensionIn, IdentifierIn, readResource, required } from './reading';
import type { PatientRecord } from './records';

/** What a Patient resource says of a patient: his level and pathologies travel as Conditions. */
export type PatientDemographics = Omit<PatientRecord, 'chronicLevel' | 'pathologies'>;

const GENDER: Record<Sex, 'male' | 'female'> = { M: 'male', F: 'female' };

export function patientToFhir(record: PatientRecord, ctx: MappingContext): WithId<Patient> {
  const { systems } = ctx;
  const telecom: ContactPoint[] = [
    ...(present(record.phone) ? [{ system: 'phone' as const, value: record.phone, use: 'home' as const }] : []),
    ...(present(record.mobile) ? [{ system: 'phone' as const, value: record.mobile, use: 'mobile' as const }] : []),
    ...(present(record.email) ? [{ system: 'email' as const, value: record.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: ids.patient(record.codiceFiscale),
    meta: studioMeta(ctx),
    identifier: [{ system: systems.codiceFiscale, value: record.codiceFiscale }],
    name: [{ use: 'official', family: record.surname, given: [record.givenName] }],
    gender: GENDER[record.sex],
    birthDate: record.birthDate,
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(present(record.birthPlaceCode)
      ? { extension: [{ url: systems.birthPlaceExtension, valueCodeableConcept: { coding: [{ system: systems.municipality, code: record.birthPlaceCode }] } }] }
      : {}),
  };
}

const PatientIn = z.object({
  identifier: z.array(IdentifierIn).optional(),
  name: z.array(z.object({ use: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional() })).optional(),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
  telecom: z.array(z.object({ system: z.string().optional(), value: z.string().optional(), use: z.string().optional() })).optional(),
  extension: z.array(ExtensionIn).optional(),
});

const Demographics = NewPatient.omit({ chronicLevel: true });

/** A patient as the Centro Servizi knows him, the codice fiscale under either of its systems. */
export function patientFromFhir(resource: unknown, systems: FhirSystems): PatientDemographics {
  const p = readResource('Patient', PatientIn, resource);
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const phones = p.telecom?.filter((t) => t.system === 'phone' && present(t.value)) ?? [];
  const birthPlace = extensionIn(p.extension, systems.birthPlaceExtension)?.valueCodeableConcept;
  return checked('Patient', Demographics, {
    codiceFiscale: required('Patient', codiceFiscaleIn('Patient', p.identifier, systems), 'codice fiscale'),
    surname: required('Patient', name?.family, 'family name'),
    givenName: name?.given?.join(' ') ?? required('Patient', undefined, 'given name'),
    birthDate: required('Patient', p.birthDate, 'birthDate'),
    sex: sexOf(p.gender),
    birthPlaceCode: codeIn(birthPlace, systems.municipality) ?? null,
    phone: phones.find((t) => t.use !== 'mobile')?.value ?? null,
    mobile: phones.find((t) => t.use === 'mobile')?.value ?? null,
    email: p.telecom?.find((t) => t.system === 'email' && present(t.value))?.value ?? null,
  });
}

function sexOf(gender: string | undefined): Sex {
  if (gender === 'male') return 'M';
  if (gender === 'female') return 'F';
  throw new FhirMappingError('Patient', `gender ${gender ?? '(none)'} is neither male nor female, as the codice fiscale requires`);
}
