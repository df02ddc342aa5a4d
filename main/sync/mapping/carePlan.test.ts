import { describe, expect, it } from 'vitest';
import type { Pai, PaiStatus } from '../../../shared/domain/pai/model';
import { fhirProblems } from '../../../test/support/fhirValidation';
import { aPai, anItem, MMG_CF, monthly, yearly } from '../../../test/support/paiFixtures';
import { ctx, PATIENT_CF } from '../../../test/support/syncRecords';
import { ids } from '../fhirIds';
import { DEFAULT_SYSTEMS } from '../systems';
import { carePlanToFhir, paiFromFhir } from './carePlan';
import { FhirMappingError } from './errors';

const PLAN_URL = 'https://pic-studio.it/fhir/StructureDefinition/pai';

function aPlan(overrides: Partial<Pai> = {}): Pai {
  return aPai(
    '2025-03-10',
    [
      anItem('90.28.1', monthly(6), '2025-03-10', { description: 'Emoglobina glicata (HbA1c)' }),
      anItem('95.02', yearly, '2025-04-01', { description: 'Prima visita oculistica', priority: 'D', note: 'Con fondo dell\'occhio' }),
      anItem('89.52', monthly(12, 18), '2025-05-01', { description: 'Elettrocardiogramma', fromTemplates: ['diabete-2'] }),
    ],
    {
      status: 'active',
      activatedOn: '2025-03-12',
      pathologies: [
        { code: 50, role: 1, severity: 2 },
        { code: 56, role: 2, severity: 3 },
      ],
      ...overrides,
    },
  );
}

const STATUSES: Record<PaiStatus, { plan: string; activity: string }> = {
  draft: { plan: 'draft', activity: 'not-started' },
  active: { plan: 'active', activity: 'scheduled' },
  expired: { plan: 'completed', activity: 'completed' },
  superseded: { plan: 'revoked', activity: 'stopped' },
  cancelled: { plan: 'revoked', activity: 'stopped' },
};

describe('CarePlan', () => {
  it('writes each PAI status as valid R4, its prestazioni as activities with catalogue code and Timing', () => {
    for (const [status, expected] of Object.entries(STATUSES) as [PaiStatus, (typeof STATUSES)[PaiStatus]][]) {
      const plan = carePlanToFhir({ codiceFiscale: PATIENT_CF, pai: aPlan({ status }) }, ctx);
      expect(fhirProblems(plan), status).toEqual([]);
      expect(plan.status, status).toBe(expected.plan);
      expect(plan.activity?.map((a) => a.detail?.status), status).toEqual([expected.activity, expected.activity, expected.activity]);
    }
    const plan = carePlanToFhir({ codiceFiscale: PATIENT_CF, pai: aPlan() }, ctx);
    expect(plan).toMatchObject({
      id: ids.carePlan(PATIENT_CF, 2025, 1),
      identifier: [{ system: 'https://pic-studio.it/fhir/pai', value: `${PATIENT_CF}-2025-1` }],
      intent: 'plan',
      title: 'PAI 2025, versione 1',
      period: { start: '2025-03-10', end: '2026-03-09' },
      created: '2025-03-10',
      subject: { reference: `Patient/${ids.patient(PATIENT_CF)}` },
      author: { reference: `Practitioner/${ids.practitioner(MMG_CF)}` },
    });
    expect(plan.activity?.[1]?.detail).toEqual({
      kind: 'ServiceRequest',
      code: { coding: [{ system: 'http://hl7.it/fhir/televisita/CodeSystem/CodesystemCatalogoNazionalePrestazioni', code: '95.02', display: 'Prima visita oculistica' }] },
      status: 'scheduled',
      scheduledTiming: { repeat: { boundsPeriod: { start: '2025-04-01' }, frequency: 1, period: 1, periodUnit: 'a' } },
      description: 'Con fondo dell\'occhio',
    });
    expect(plan.activity?.[2]?.detail?.scheduledTiming?.repeat).toMatchObject({ period: 12, periodMax: 18, periodUnit: 'mo' });
  });

  it('carries the plan without this workstation\'s patient id, and reads it back exactly', () => {
    const cancelled = aPlan({ version: 2, status: 'cancelled', closedOn: '2025-06-01', cancelReason: 'Revoca della presa in carico', vaccinations: [{ vaccine: 'Antinfluenzale', dueOn: '2025-10-15', doneOn: '2025-10-20' }] });
    for (const pai of [aPlan(), cancelled, aPlan({ status: 'draft', activatedOn: null, items: [] })]) {
      const plan = carePlanToFhir({ codiceFiscale: PATIENT_CF, pai }, ctx);
      expect(fhirProblems(plan)).toEqual([]);
      expect(plan.extension?.[0]?.valueString).not.toContain('patientId');
      const { patientId: _p, ...withoutPatient } = pai;
      expect(paiFromFhir(plan, DEFAULT_SYSTEMS)).toEqual({ codiceFiscale: PATIENT_CF, pai: withoutPatient });
    }
  });

  it('refuses a CarePlan that does not carry a readable PAI', () => {
    const good = carePlanToFhir({ codiceFiscale: PATIENT_CF, pai: aPlan() }, ctx);
    const json = JSON.parse(good.extension?.[0]?.valueString ?? '') as Record<string, unknown>;
    const withPlan = (value: unknown) => ({ ...good, extension: [{ url: PLAN_URL, valueString: typeof value === 'string' ? value : JSON.stringify(value) }] });
    const bad: unknown[] = [
      { ...good, resourceType: 'Goal' },
      { ...good, extension: undefined },
      { ...good, extension: [{ url: PLAN_URL, valueCode: 'pai' }] },
      withPlan('{"year": 2025,'),
      withPlan({ ...json, version: 0 }),
      withPlan({ ...json, status: 'archived' }),
      withPlan({ ...json, pathologies: [{ code: 999, role: 1, severity: 1 }] }),
      { ...good, subject: { reference: `Patient/${ids.patient(PATIENT_CF)}` } },
    ];
    for (const resource of bad) expect(() => paiFromFhir(resource, DEFAULT_SYSTEMS), JSON.stringify(resource).slice(0, 120)).toThrow(FhirMappingError);
  });
});
