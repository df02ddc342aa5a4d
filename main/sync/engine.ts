import type { Resource } from '@medplum/fhirtypes';
import type { Clock } from '../clock';
import { createLogger } from '../log';
import type { OutboxRow } from '../store/outbox';
import type { Store } from '../store/store';
import { AppError } from '../../shared/errors';
import { ServerBusyError, ServerUnreachableError } from './errors';
import { FhirClient } from './fhirClient';
import { Puller, type ApplyOutcome } from './puller';
import { PushStopped, Pusher, type ResourceBuilder } from './pusher';
import type { SyncSettings } from './syncSettings';
import { backoffMs, readSyncState, writeSyncState } from './syncState';

const log = createLogger('sync');

/** What the sync needs of the records: built into FHIR, and written back from it. */
export interface SyncBridge {
  /** `Organization/<id>` of the studio's Gestore. */
  ourGestore(): string;
  tag(): { system: string; code: string };
  build: ResourceBuilder;
  apply(resource: Resource): { outcome: ApplyOutcome; patientId: number | null };
  lockedElsewhere(row: OutboxRow, gestoreName: string): void;
}

export interface SyncRunResult {
  pushed: number;
  pulled: number;
  conflicts: number;
  needsAttention: number;
  pending: number;
  lockedElsewhere: number;
  requests: number;
  bytesSent: number;
  /** Patients whose local records the pull changed. */
  patients: number[];
  error: { code: string; message: string } | null;
}

export class SyncNotConfiguredError extends AppError {
  constructor() {
    super('sync-not-configured', 'no Centro Servizi URL set', "Indirizzo del Centro Servizi non impostato: inserirlo in Impostazioni → Centro Servizi (o con 'pic settings set centroServizi.url URL').");
  }
}

export interface EngineDeps {
  store: Store;
  settings: SyncSettings;
  bridge: SyncBridge;
  clock: Clock;
  wait?: (ms: number) => Promise<void>;
  /** The longest Retry-After waited inside a run. */
  maxWaitMs?: number;
  timeoutMs?: number;
  random?: () => number;
  /** The most entries the Centro Servizi takes in one transaction (Medplum's servers: 50). */
  maxEntries?: number;
}

/** One run of the sync: push the outbox, then pull what changed; the state says how it went. */
export class SyncEngine {
  constructor(private readonly d: EngineDeps) {}

  /** Not before the backoff or the server's Retry-After, unless `force` (a person pressed the button). */
  due(): boolean {
    const next = readSyncState(this.d.store.settings).nextRunAt;
    return next === null || next <= this.d.clock.now().toISOString();
  }

  async runOnce(): Promise<SyncRunResult> {
    const config = this.d.settings.get();
    if (!config.url) throw new SyncNotConfiguredError();
    const now = () => this.d.clock.now();
    const { bridge, store } = this.d;
    const startedAt = now().toISOString();
    let pusher: Pusher | null = null;
    let puller: Puller | null = null;
    let error: AppError | null = null;
    const patience = { wait: this.d.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))), maxWaitMs: this.d.maxWaitMs ?? 30_000 };
    try {
      // Inside the run: an address in clear that reached the settings some other way (an older
      // version, a restored backup) is this run's error, recorded for the UI like any other.
      const client = new FhirClient({ baseUrl: config.url, token: this.d.settings.token(), timeoutMs: this.d.timeoutMs, now });
      pusher = new Pusher({
        store,
        client,
        build: bridge.build,
        ourGestore: bridge.ourGestore(),
        lockedElsewhere: (row, gestore) => bridge.lockedElsewhere(row, gestore),
        applyMerged: (r) => void bridge.apply(r),
        now,
        maxEntries: this.d.maxEntries ?? 50,
        ...patience,
      });
      puller = new Puller({
        store,
        client,
        tag: bridge.tag(),
        apply: (r) => bridge.apply(r),
        cursors: { get: () => ({ ...readSyncState(store.settings).cursors }), set: (cursors) => writeSyncState(store.settings, { cursors }) },
        ...patience,
      });
      await pusher.run();
      await puller.run();
    } catch (err) {
      error = err instanceof PushStopped ? err.reason : err instanceof AppError ? err : new AppError('internal', (err as Error).message, 'Errore interno durante la sincronizzazione: il dettaglio è nel registro.');
      if (!(err instanceof PushStopped) && !(err instanceof AppError)) log.error('sync run failed', { err });
    }
    const state = readSyncState(store.settings);
    if (error) {
      const failures = state.failures + 1;
      const asked = error instanceof ServerBusyError ? error.retryAfterMs : null;
      const wait = Math.max(asked ?? 0, backoffMs(failures, this.d.random));
      writeSyncState(store.settings, { online: !(error instanceof ServerUnreachableError), lastAttemptAt: startedAt, lastError: { code: error.code, message: error.userMessage }, failures, nextRunAt: new Date(now().getTime() + wait).toISOString() });
      log.warn('sync run stopped', { code: error.code, message: error.message, retryInMs: wait });
    } else {
      writeSyncState(store.settings, { online: true, lastAttemptAt: startedAt, lastSuccessAt: now().toISOString(), lastError: null, failures: 0, nextRunAt: null });
    }
    const counts = store.outbox.counts();
    const sum = (status: string) => counts.filter((c) => c.status === status).reduce((n, c) => n + c.n, 0);
    return {
      pushed: pusher?.tally.pushed ?? 0,
      pulled: puller?.tally.pulled ?? 0,
      conflicts: sum('conflict'),
      needsAttention: sum('attention'),
      pending: sum('pending'),
      lockedElsewhere: pusher?.tally.lockedElsewhere ?? 0,
      requests: (pusher?.tally.requests ?? 0) + (puller?.tally.requests ?? 0),
      bytesSent: pusher?.tally.bytesSent ?? 0,
      patients: [...new Set([...(pusher?.tally.patients ?? []), ...(puller?.tally.patients ?? [])])],
      error: error ? { code: error.code, message: error.userMessage } : null,
    };
  }
}
