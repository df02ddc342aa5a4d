import { z } from 'zod';
import { IsoDate } from './domain/dates';
import { Letter } from './domain/letter';
import { NewPatient, PatientSummary } from './domain/patient';
import { ConsentKind, EnrollmentState } from './domain/enrollment';
import { AuditEntry, CallListEntry, Deadlines, EnrollmentView, GeneratedDocument, RecordCallInput, StudioSettings, WalkInInput } from './enrollmentContract';
import { CardsState, DemoCardsState, Pin, SessionOperator } from './cardsContract';
import { AdapterInfo, AdapterOptions, ImportProgress, ImportReport, ImportRunView, PreviewItem } from './importContract';

/**
 * The one contract between the UI and the core. `main/` implements every call once (a handler
 * table); Electron's preload and browser mode's HTTP server both expose exactly these names.
 */

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 64;
export const SEARCH_LIMIT = 50;

const PatientDetail = PatientSummary.extend({
  birthPlaceCode: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  pathologies: z.array(z.object({ code: z.number().int(), name: z.string(), source: z.string(), confirmed: z.boolean() })),
  letters: z.array(Letter),
  enrollment: z.object({ state: EnrollmentState, deadline: IsoDate.nullable() }).nullable(),
  preferredCallTime: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientDetail = z.infer<typeof PatientDetail>;

/** clinic: the studio's real archive; demo: fake patients and virtual cards, never a clinic's data. */
export const DataDirMode = z.enum(['clinic', 'demo']);
export type DataDirMode = z.infer<typeof DataDirMode>;

const AppInfo = z.object({
  name: z.string(),
  mode: DataDirMode,
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  patientCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Status of a capability owned by a later piece of work: shown as such, never faked. */
const Unavailable = z.object({ available: z.literal(false), reason: z.string() });

const StatusSnapshot = z.object({
  sync: Unavailable,
});
export type StatusSnapshot = z.infer<typeof StatusSnapshot>;

/**
 * Every call: its input and output schemas; `demoOnly` calls are refused (code `demo-only`) unless
 * the data folder was created as a demo's.
 */
export const apiCalls = {
  'app.info': { input: z.object({}), output: AppInfo },
  /** The studio's day (Europe/Rome) by the core's clock: the UI never reads the time itself. */
  'clock.get': { input: z.object({}), output: z.object({ today: IsoDate }) },
  'status.get': { input: z.object({}), output: StatusSnapshot },
  'patients.search': {
    input: z.object({ text: z.string().max(1000) }),
    output: z.object({ patients: z.array(PatientSummary), truncated: z.boolean() }),
  },
  'patients.get': { input: z.object({ id: z.number().int().positive() }), output: PatientDetail },
  'cards.state': { input: z.object({}), output: CardsState },
  'session.login': { input: z.object({ pin: Pin }), output: SessionOperator },
  'session.logout': { input: z.object({}), output: z.object({}) },
  /** Creates the patient from the Tessera Sanitaria in the reader (or returns the one stored). */
  'patients.createFromCard': { input: z.object({}), output: PatientDetail },
  'demo.cards.state': { input: z.object({}), output: DemoCardsState, demoOnly: true },
  'demo.cards.insert': { input: z.object({ slot: z.number().int().min(0).max(1), image: z.string().max(80) }), output: DemoCardsState, demoOnly: true },
  'demo.cards.remove': { input: z.object({ slot: z.number().int().min(0).max(1) }), output: DemoCardsState, demoOnly: true },
  'patients.create': { input: NewPatient, output: PatientDetail },
  'patients.updateContacts': {
    input: z.object({ id: z.number().int().positive(), phone: z.string().max(40).nullable(), mobile: z.string().max(40).nullable(), email: z.string().max(120).nullable(), preferredCallTime: z.string().max(80).nullable() }),
    output: PatientDetail,
  },
  /** A patient came with the ATS letter: keep it and the contacts, make him a candidate. */
  'walkin.record': { input: WalkInInput, output: z.object({ patient: PatientDetail, message: z.string() }) },
  'calls.list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({ entries: z.array(CallListEntry), total: z.number().int() }),
  },
  'calls.record': { input: RecordCallInput, output: z.object({ entry: CallListEntry.nullable() }) },
  'enrollment.get': { input: z.object({ patientId: z.number().int().positive() }), output: EnrollmentView.nullable() },
  'enrollment.list': { input: z.object({ state: EnrollmentState.optional() }), output: z.object({ enrollments: z.array(EnrollmentView) }) },
  /** Needs the two-card authorization at this moment (operator logged in, the patient's valid TS in). */
  'enrollment.register': { input: z.object({ patientId: z.number().int().positive() }), output: EnrollmentView },
  'enrollment.document': { input: z.object({ enrollmentId: z.number().int().positive(), kind: ConsentKind }), output: GeneratedDocument },
  'enrollment.sign': {
    input: z.object({ enrollmentId: z.number().int().positive(), patto: z.boolean(), privacy: z.boolean() }),
    output: EnrollmentView,
  },
  'enrollment.withdraw': { input: z.object({ enrollmentId: z.number().int().positive(), reason: z.string().trim().min(1).max(500) }), output: EnrollmentView },
  'enrollment.renew': { input: z.object({ enrollmentId: z.number().int().positive() }), output: EnrollmentView },
  'deadlines.get': { input: z.object({}), output: Deadlines },
  'audit.forPatient': { input: z.object({ patientId: z.number().int().positive() }), output: z.object({ entries: z.array(AuditEntry) }) },
  'settings.studio.get': { input: z.object({}), output: StudioSettings.nullable() },
  'settings.studio.set': { input: StudioSettings, output: StudioSettings },
  'import.adapters': {
    input: z.object({}),
    output: z.object({ adapters: z.array(AdapterInfo), failures: z.array(z.object({ file: z.string(), reason: z.string() })) }),
  },
  'import.preview': {
    input: z.object({ adapter: z.string().max(80), options: AdapterOptions, limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ match: z.boolean(), matchReason: z.string().nullable(), items: z.array(PreviewItem), warnings: z.array(z.string()) }),
  },
  /** Long: progress arrives as import.progress events; import.cancel stops it. */
  'import.run': { input: z.object({ adapter: z.string().max(80), options: AdapterOptions, dryRun: z.boolean().default(false) }), output: ImportReport },
  'import.cancel': { input: z.object({ runId: z.number().int().positive() }), output: z.object({ cancelled: z.boolean() }) },
  'import.runs': { input: z.object({}), output: z.object({ runs: z.array(ImportRunView) }) },
  'import.rejects': { input: z.object({ runId: z.number().int().positive() }), output: z.object({ rejects: z.array(z.object({ row: z.string(), reason: z.string() })) }) },
  'import.undo': {
    input: z.object({ runId: z.number().int().positive() }),
    output: z.object({ runId: z.number().int(), removed: z.number().int(), restored: z.number().int(), kept: z.array(z.number().int()) }),
  },
  /** Headers and first rows of a CSV/XLSX, to map its columns. */
  'import.fileHeaders': { input: z.object({ path: z.string().min(1).max(1000) }), output: z.object({ headers: z.array(z.string()), sample: z.array(z.array(z.string())) }) },
  'import.mappings': { input: z.object({}), output: z.object({ mappings: z.array(z.object({ name: z.string(), mapping: z.record(z.string(), z.string()) })) }) },
  'import.saveMapping': {
    input: z.object({ name: z.string().trim().min(1).max(60), mapping: z.record(z.string(), z.string()) }),
    output: z.object({ name: z.string() }),
  },
  'demo.seed': {
    input: z.object({ patients: z.number().int().min(1).max(200_000), seed: z.number().int().optional() }),
    output: z.object({ created: z.number().int(), skipped: z.number().int() }),
    demoOnly: true,
  },
} as const;

export function isDemoOnly(name: CallName): boolean {
  const spec = apiCalls[name];
  return 'demoOnly' in spec && spec.demoOnly;
}

export type ApiCalls = typeof apiCalls;
export type CallName = keyof ApiCalls;
export type CallInput<N extends CallName> = z.input<ApiCalls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<ApiCalls[N]['output']>;
export const CALL_NAMES = Object.keys(apiCalls) as CallName[];

export const apiEvents = {
  /** Progress of long work (seeding, later imports); `total` may grow while it runs. */
  'task.progress': z.object({
    task: z.string(),
    label: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    finished: z.boolean(),
  }),
  /** Readers, cards, the operator session or the authorization changed. */
  'cards.changed': CardsState,
  'import.progress': ImportProgress,
  /** A patient's enrollment, letters or calls changed; deadlines and lists should be redone. */
  'enrollments.changed': z.object({ patientId: z.number().int().nullable() }),
  /** The patient list changed (seed, import, new patient): searches should be redone. */
  'patients.changed': z.object({ count: z.number().int() }),
  /** Midnight in Rome by the core's clock: the studio's new day. */
  'clock.dayChanged': z.object({ today: IsoDate }),
} as const;

export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<N extends EventName> = z.infer<ApiEvents[N]>;
export const EVENT_NAMES = Object.keys(apiEvents) as EventName[];

/** What travels back for every call, on both transports. */
export const ApiErrorBody = z.object({ code: z.string(), message: z.string() });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiCalls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, name);
}

/** The surface both transports give the renderer (window.pic in Electron, HTTP in the browser). */
export interface PicBridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<ApiResult<CallOutput<N>>>;
  /** Returns the function that stops listening. */
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

/**
 * Browser mode's wire format: POST {API_PATH}<call name> with the input as JSON body and
 * `Authorization: Bearer <token>`, answered with an ApiResult; events arrive on the WebSocket at
 * {EVENTS_PATH}?token=<token> as {event, payload}. The token reaches the page in the URL fragment
 * (#token=...), which browsers never send to servers or put in Referer headers.
 */
export const API_PATH = '/api/';
export const EVENTS_PATH = '/events';
export interface EventMessage {
  event: EventName;
  payload: unknown;
}
