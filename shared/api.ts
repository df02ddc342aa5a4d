import { z } from 'zod';
import type { Access } from './domain/access';
import { appCalls, appEvents } from './contract/app';
import { backupCalls, backupEvents } from './contract/backup';
import { bookingCalls, bookingEvents } from './contract/bookings';
import { callListCalls } from './contract/calls';
import { cardCalls, cardEvents } from './contract/cards';
import { demoCalls } from './contract/demo';
import { enrollmentCalls, enrollmentEvents } from './contract/enrollment';
import { importCalls, importEvents, type ChosenFile } from './contract/import';
import { keyCalls, type SavedRecoveryKey } from './contract/keys';
import { operatorCalls } from './contract/operators';
import { paiCalls, paiEvents } from './contract/pai';
import { patientCalls, patientEvents } from './contract/patients';
import { pluginCalls, pluginEvents } from './contract/plugins';
import { settingsCalls } from './contract/settings';
import { syncCalls, syncEvents } from './contract/sync';
import { walkinCalls } from './contract/walkin';

/**
 * The one contract between the UI and the core, assembled from its features (shared/contract/).
 * `main/` implements every call once (main/api/handlers/); Electron's preload and browser mode's
 * HTTP server both expose exactly these names, and dispatch() checks inputs and outputs.
 *
 * A call is { access, input, output }: who may make it (see domain/access.ts; dispatch refuses
 * anyone else), and zod schemas; `demoOnly` calls are refused (code `demo-only`) unless the data
 * folder was created as a demo's.
 */
export const apiCalls = {
  ...appCalls,
  ...patientCalls,
  ...cardCalls,
  ...demoCalls,
  ...walkinCalls,
  ...callListCalls,
  ...enrollmentCalls,
  ...settingsCalls,
  ...importCalls,
  ...paiCalls,
  ...bookingCalls,
  ...operatorCalls,
  ...backupCalls,
  ...keyCalls,
  ...pluginCalls,
  ...syncCalls,
} as const satisfies Record<string, CallSpec>;

interface CallSpec {
  access: Access;
  input: z.ZodType;
  output: z.ZodType;
  demoOnly?: boolean;
}

export type ApiCalls = typeof apiCalls;
export type CallName = keyof ApiCalls;
export type CallInput<N extends CallName> = z.input<ApiCalls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<ApiCalls[N]['output']>;
export const CALL_NAMES = Object.keys(apiCalls) as CallName[];

export function accessOf(name: CallName): Access {
  return (apiCalls[name] as CallSpec).access;
}

export function isDemoOnly(name: CallName): boolean {
  const spec = apiCalls[name];
  return 'demoOnly' in spec && spec.demoOnly;
}

/** What the core pushes: every event of every feature. */
export const apiEvents = {
  ...appEvents,
  ...backupEvents,
  ...cardEvents,
  ...importEvents,
  ...paiEvents,
  ...bookingEvents,
  ...enrollmentEvents,
  ...patientEvents,
  ...pluginEvents,
  ...syncEvents,
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
 * Electron's window.pic: the contract, the native open dialog for a file to import (`adapter`
 * chooses its filters), and the native save dialog for the recovery key. The open dialog answers
 * with the chosen file's handle, never its path; the save dialog with where the main process
 * wrote the key file (the key itself never crosses); either, null when the user closed the
 * dialog without choosing.
 */
export interface DesktopBridge extends PicBridge {
  chooseFile(request: { adapter: string }): Promise<ApiResult<ChosenFile | null>>;
  saveRecoveryKey(): Promise<ApiResult<SavedRecoveryKey | null>>;
}

/**
 * Browser mode's wire format: POST {API_PATH}<call name> with the input as JSON body and
 * `Authorization: Bearer <token>`, answered with an ApiResult; events arrive on the WebSocket at
 * {EVENTS_PATH}?token=<token> as {event, payload}. The token reaches the page in the URL fragment
 * (#token=...), which browsers never send to servers or put in Referer headers.
 */
export const API_PATH = '/api/';
export const EVENTS_PATH = '/events';

/**
 * Browser mode's upload of a file to import: POST {UPLOAD_PATH} with the file's bytes as the body,
 * its name percent-encoded in the {UPLOAD_NAME_HEADER} header and the same token, answered with
 * an ApiResult<ChosenFile> (the handle the import options then name). A file over
 * MAX_UPLOAD_BYTES is refused with 413.
 */
export const UPLOAD_PATH = '/upload';
export const UPLOAD_NAME_HEADER = 'X-File-Name';
/** The ATS lists reach 200 MB; an export of a whole record system with its history, more. */
export const MAX_UPLOAD_BYTES = 500_000_000;
export interface EventMessage {
  event: EventName;
  payload: unknown;
}
