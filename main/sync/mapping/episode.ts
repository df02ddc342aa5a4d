import type { EpisodeOfCare, Extension } from '@medplum/fhirtypes';
import { z } from 'zod';
import { IsoDate } from '../../../shared/domain/dates';
import { EnrollmentState } from '../../../shared/domain/enrollment';
import type { EnrollmentSnapshot } from '../../../shared/domain/enrollmentMachine';
import { CodiceFiscale } from '../../../shared/domain/patient';
import { ids } from '../fhirIds';
import type { FhirSystems } from '../systems';
import { appUrls, gestoreReference, type MappingContext, patientReference, practitionerReference, studioMeta, type WithId } from './common';
import { FhirMappingError } from './errors';
import { checked, codiceFiscaleIn, ExtensionIn, extensionIn, identifierValue, IdentifierIn, PeriodIn, readResource, ReferenceIn, required } from './reading';
import type { EnrollmentRecord, GestoreRecord } from './records';

type EpisodeStatus = EpisodeOfCare['status'];

/**
 * The presa in carico's state as FHIR's episode status. A registration holds the lock while it
 * waits a week for the signatures: a waitlist, not yet active. A patient locked elsewhere is
 * written with the other Gestore as managing organization, whose episode holds him: active. The
 * state itself travels in the extension, so the ambiguous statuses lose nothing.
 */
const EPISODE_STATUS: Record<EnrollmentState, EpisodeStatus> = {
  candidate: 'planned',
  registered: 'waitlist',
  enrolled: 'active',
  renewal_due: 'active',
  renewed: 'active',
  locked_elsewhere: 'active',
  lapsed: 'cancelled',
  refused: 'cancelled',
  withdrawn: 'finished',
  transferred: 'finished',
};

/** An episode the Centro Servizi wrote (or changed) without our state: the plainest state of its status. */
const STATE_OF_STATUS: Record<EpisodeStatus, EnrollmentState | null> = {
  planned: 'candidate',
  waitlist: 'registered',
  active: 'enrolled',
  onhold: 'enrolled',
  finished: 'withdrawn',
  cancelled: 'lapsed',
  'entered-in-error': null,
};

const PROGRAMME = 'PIC';

function businessId(codiceFiscale: string, year: number): string {
  return `${PROGRAMME}-${year}-${codiceFiscale}`;
}

/** Snapshot fields FHIR has no element for (the period carries registeredOn and periodEnd). */
const EXTENSION_FIELDS = ['deadline', 'enrolledOn', 'reason', 'otherGestore'] as const;
const DATE_FIELDS: ReadonlySet<string> = new Set(['deadline', 'enrolledOn']);

export function episodeOfCareToFhir(record: EnrollmentRecord, ctx: MappingContext): WithId<EpisodeOfCare> {
  const { systems } = ctx;
  const s = record.snapshot;
  const urls = appUrls(systems);
  const state: Extension[] = [
    { url: 'state', valueCode: s.state },
    ...EXTENSION_FIELDS.flatMap((field): Extension[] => {
      const value = s[field];
      if (value === null) return [];
      return [DATE_FIELDS.has(field) ? { url: field, valueDate: value } : { url: field, valueString: value }];
    }),
  ];
  const period = { ...(s.registeredOn === null ? {} : { start: s.registeredOn }), ...(s.periodEnd === null ? {} : { end: s.periodEnd }) };
  return {
    resourceType: 'EpisodeOfCare',
    id: ids.episode(record.codiceFiscale, record.programmeYear),
    meta: studioMeta(ctx),
    extension: [{ url: urls.enrollmentExtension, extension: state }],
    identifier: [{ system: urls.presaInCarico, value: businessId(record.codiceFiscale, record.programmeYear) }],
    status: EPISODE_STATUS[s.state],
    type: [{ text: 'Presa in carico del paziente cronico (DGR X/6164/2017)' }],
    patient: patientReference(record.codiceFiscale, systems),
    managingOrganization: gestoreReference(record.gestore, systems),
    ...(Object.keys(period).length > 0 ? { period } : {}),
    careManager: practitionerReference(ctx.studio.mmg.codiceFiscale, systems),
  };
}

export interface EnrollmentFromFhir {
  /** Absent when the episode names its patient by a reference only. */
  codiceFiscale?: string;
  programmeYear: number;
  gestore: GestoreRecord;
  /** `Organization/<id>` as the server wrote it: how a Gestore named without our identifier is recognised. */
  gestoreReference?: string;
  snapshot: EnrollmentSnapshot;
}

const EpisodeIn = z.object({
  identifier: z.array(IdentifierIn).optional(),
  status: z.enum(Object.keys(STATE_OF_STATUS) as [EpisodeStatus, ...EpisodeStatus[]]),
  patient: ReferenceIn.optional(),
  managingOrganization: ReferenceIn.optional(),
  period: PeriodIn.optional(),
  extension: z.array(ExtensionIn).optional(),
});

const Snapshot = z.object({
  state: EnrollmentState,
  registeredOn: IsoDate.nullable(),
  deadline: IsoDate.nullable(),
  enrolledOn: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
  reason: z.string().nullable(),
  otherGestore: z.string().nullable(),
});

/**
 * The presa in carico as the server holds it. The state in our extension stands while the
 * episode's status still says it; a status the Centro Servizi changed wins, read as its plainest
 * state, and so does the period it carries.
 */
export function enrollmentFromFhir(resource: unknown, systems: FhirSystems): EnrollmentFromFhir {
  const e = readResource('EpisodeOfCare', EpisodeIn, resource);
  const urls = appUrls(systems);
  const ours = identifierValue(e.identifier, urls.presaInCarico)?.match(/^PIC-(\d{4})-(.+)$/);
  const yearText = ours?.[1] ?? e.period?.start?.slice(0, 4);
  const year = yearText !== undefined && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const cf = ours?.[2] === undefined ? codiceFiscaleIn('EpisodeOfCare', [e.patient?.identifier], systems) : checked('EpisodeOfCare', CodiceFiscale, ours[2]);
  const gestoreId = e.managingOrganization?.identifier;
  // A Centro Servizi that moves the patient may name the new Gestore by reference and name only.
  const gestoreReference = e.managingOrganization?.reference;
  const gestoreCode = required('EpisodeOfCare', gestoreId?.system === urls.gestore ? gestoreId.value : gestoreReference, 'Gestore identifier or reference on managingOrganization');
  const stored = extensionIn(e.extension, urls.enrollmentExtension)?.extension ?? [];
  const field = (url: string) => stored.find((x) => x.url === url);
  const storedState = EnrollmentState.safeParse(field('state')?.valueCode);
  const state = storedState.success && EPISODE_STATUS[storedState.data] === e.status ? storedState.data : STATE_OF_STATUS[e.status];
  if (state === null) throw new FhirMappingError('EpisodeOfCare', 'the episode was entered in error');
  const snapshot = checked('EpisodeOfCare', Snapshot, {
    state,
    registeredOn: e.period?.start ?? null,
    deadline: field('deadline')?.valueDate ?? null,
    enrolledOn: field('enrolledOn')?.valueDate ?? null,
    periodEnd: e.period?.end ?? null,
    reason: field('reason')?.valueString ?? null,
    otherGestore: field('otherGestore')?.valueString ?? null,
  });
  return {
    ...(cf === undefined ? {} : { codiceFiscale: cf }),
    programmeYear: required('EpisodeOfCare', year, 'programme year (identifier or period start)'),
    gestore: { code: gestoreCode, name: e.managingOrganization?.display ?? gestoreCode },
    ...(gestoreReference === undefined ? {} : { gestoreReference }),
    snapshot,
  };
}
