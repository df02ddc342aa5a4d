import type { EpisodeOfCare, Resource } from '@medplum/fhirtypes';
import type { Clock } from '../clock';
import { todayIn } from '../clock';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { Store } from '../store/store';
import type { CentroServiziSettings, LockCheck, SyncConflictView, SyncKind, SyncRunResult, SyncStatus } from '../../shared/contract/sync';
import { AppError, NotFoundError } from '../../shared/errors';
import { ServerRefusedError } from './errors';
import { FhirClient } from './fhirClient';
import type { SyncBridge } from './engine';
import { ids } from './fhirIds';
import { canonical } from './merge';
import type { SyncSettings } from './syncSettings';
import { readSyncState } from './syncState';

const log = createLogger('sync.service');

/** Runs the engine: in this process (CLI, tests) or in the worker thread (the app). */
export interface SyncRunner {
  run(): Promise<SyncRunResult & { patients: number[] }>;
  readonly running: boolean;
  /** Something was queued: the next run should not wait for its timer. */
  poke(): void;
  close(): Promise<void>;
  /** The main process holds the token (safeStorage); a worker gets it when it changes. */
  tokenChanged(token: string | null): void;
  /** Whether it hands every run's result to afterRun itself (the worker's timer runs too). */
  readonly reportsItself: boolean;
}

const HOLDING = new Set(['planned', 'waitlist', 'active', 'onhold']);

/** The studio's side of the sync for the UI and the CLI: state, settings, a person's retry and choice, the lock check. */
export class SyncService {
  constructor(
    private readonly store: Store,
    private readonly settings: SyncSettings,
    private runner: SyncRunner,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly bridge: Pick<SyncBridge, 'apply' | 'ourGestore'>,
  ) {}

  /** The app runs the engine in its worker thread once started; the in-process runner it replaces is closed. */
  attach(runner: SyncRunner): void {
    const old = this.runner;
    this.runner = runner;
    void old.close();
  }

  /** Something was queued or changed: the worker goes soon, and the UI's counts follow. */
  poke(): void {
    this.runner.poke();
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      this.changed();
    }, 300);
    this.changeTimer.unref();
  }

  private changeTimer: NodeJS.Timeout | null = null;

  close(): Promise<void> {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    return this.runner.close();
  }

  /** What a run in the worker found: the UI hears of the records it changed. */
  afterRun(result: { patients: number[] }): void {
    this.changed();
    if (result.patients.length) {
      this.events.emit('patients.changed', { count: result.patients.length });
      this.events.emit('enrollments.changed', { patientId: null });
      for (const patientId of result.patients) this.events.emit('bookings.changed', { patientId });
    }
  }

  status(): SyncStatus {
    const config = this.settings.get();
    const state = readSyncState(this.store.settings);
    const counts = this.store.outbox.counts();
    const pending = counts.filter((c) => c.status === 'pending').map((c) => ({ kind: c.kind as SyncKind, count: c.n }));
    const who = (patientId: number) => {
      const p = this.store.patients.get(patientId);
      return { patientId, patientName: `${p.surname} ${p.givenName}`, codiceFiscale: p.codiceFiscale };
    };
    return {
      configured: config.url !== null,
      url: config.url,
      online: state.online,
      running: this.runner.running,
      lastSuccessAt: state.lastSuccessAt,
      lastAttemptAt: state.lastAttemptAt,
      nextRunAt: state.nextRunAt,
      lastError: state.lastError,
      pending,
      pendingTotal: pending.reduce((n, p) => n + p.count, 0),
      attention: this.store.outbox
        .held()
        .filter((r) => r.status === 'attention')
        .map((r) => ({ ...who(r.patientId), uid: r.uid, kind: r.kind, createdAt: r.createdAt, attempts: r.attempts, reason: r.lastError ?? '' })),
      conflicts: this.store.sync.openConflicts().map((c): SyncConflictView => {
        const local = JSON.parse(c.local) as Record<string, unknown>;
        const server = JSON.parse(c.server) as Record<string, unknown>;
        const fields = [...new Set([...Object.keys(local), ...Object.keys(server)])]
          .filter((k) => k !== 'meta' && canonical(local[k]) !== canonical(server[k]))
          .sort()
          .map((name) => ({ name, local: JSON.stringify(local[name] ?? null, null, 1), server: JSON.stringify(server[name] ?? null, null, 1) }));
        return { ...who(c.patientId), id: c.id, kind: this.store.outbox.get(c.outboxUid)?.kind ?? null, resourceType: c.resourceType, createdAt: c.createdAt, fields };
      }),
    };
  }

  async run(): Promise<SyncRunResult> {
    const result = await this.runner.run();
    if (!this.runner.reportsItself) this.afterRun(result);
    return { pushed: result.pushed, pulled: result.pulled, conflicts: result.conflicts, needsAttention: result.needsAttention, pending: result.pending, error: result.error };
  }

  /** A person looked at what the server refused and sends it again. */
  retry(uid: string, operatorCf: string | null): SyncStatus {
    const row = this.store.outbox.get(uid);
    if (!row) throw new NotFoundError('outbox item', 'Elemento in attesa', uid);
    this.store.transaction(() => {
      this.store.outbox.retry(uid);
      this.store.sync.resolveOfItem(uid);
      this.store.audit.append({ operatorCf, action: 'sync.retry', entity: 'patient', entityId: row.patientId, detail: { uid, kind: row.kind, reason: row.lastError } });
    });
    this.runner.poke();
    return this.changed();
  }

  /**
   * A person chose between the two versions of a record changed on both sides. The studio's: it
   * goes again, over the server's version (If-Match on the version shown). The server's: it is
   * written into the local record now and the studio's change is given up.
   */
  resolve(id: number, keep: 'local' | 'server', operatorCf: string | null): SyncStatus {
    const c = this.store.sync.conflict(id);
    if (!c || c.resolvedAt) throw new NotFoundError('sync conflict', 'Conflitto', id);
    this.store.transaction(() => {
      if (keep === 'server') {
        const server = { ...(JSON.parse(c.server) as Resource), id: c.resourceId, meta: { versionId: c.serverVersion } } as Resource;
        this.store.outbox.remove(c.outboxUid);
        this.bridge.apply(server);
      } else {
        this.store.outbox.retry(c.outboxUid);
      }
      const known = this.store.sync.known(c.resourceType, c.resourceId);
      this.store.sync.remember({ resourceType: c.resourceType, resourceId: c.resourceId, patientId: c.patientId, versionId: c.serverVersion, content: c.server, lastUpdated: known?.lastUpdated ?? null });
      this.store.sync.resolve(id, keep);
      this.store.audit.append({ operatorCf, action: 'sync.resolve', entity: 'patient', entityId: c.patientId, detail: { conflict: id, keep, resource: `${c.resourceType}/${c.resourceId}` } });
    });
    this.runner.poke();
    return this.changed();
  }

  /** Before the cards are used: the Centro Servizi's copy of this year's presa in carico, if it answers within a few seconds. */
  async checkPatient(patientId: number): Promise<LockCheck> {
    const config = this.settings.get();
    if (!config.url) return { state: 'not-configured', gestore: null, message: 'Centro Servizi non configurato: la verifica della presa in carico non è possibile.' };
    const p = this.store.patients.get(patientId);
    const year = Number(todayIn(this.clock).slice(0, 4));
    let ours: string;
    try {
      ours = this.bridge.ourGestore();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { state: 'not-configured', gestore: null, message: err.userMessage };
    }
    const client = new FhirClient({ baseUrl: config.url, token: this.settings.token(), timeoutMs: 5_000, now: () => this.clock.now() });
    try {
      const ep = (await client.request<EpisodeOfCare>('GET', `EpisodeOfCare/${ids.episode(p.codiceFiscale, year)}`)).body;
      if (ep.managingOrganization?.reference === ours) return { state: 'ours', gestore: ep.managingOrganization.display ?? null, message: 'Il Centro Servizi conferma la presa in carico di questo studio.' };
      if (HOLDING.has(ep.status)) {
        const gestore = ep.managingOrganization?.display ?? 'un altro Gestore';
        return { state: 'elsewhere', gestore, message: `Il paziente risulta già in carico a ${gestore}: non è arruolabile da questo studio.` };
      }
      return { state: 'free', gestore: null, message: 'Il Centro Servizi non ha una presa in carico attiva per il paziente.' };
    } catch (err) {
      if (err instanceof ServerRefusedError && err.status === 404) return { state: 'free', gestore: null, message: 'Il Centro Servizi non ha una presa in carico per il paziente.' };
      log.warn('lock check failed', { code: err instanceof AppError ? err.code : 'internal', message: (err as Error).message });
      return { state: 'offline', gestore: null, message: 'Il Centro Servizi non risponde: la presa in carico sarà verificata all’invio, e se il paziente risulta di un altro Gestore lo si vedrà qui.' };
    }
  }

  token(): string | null {
    return this.settings.token();
  }

  centroServizi(): CentroServiziSettings {
    const c = this.settings.get();
    return { url: c.url, gestoreCode: c.gestoreCode, hasToken: c.hasToken, systems: { ...c.systems } };
  }

  configure(change: { url?: string | null; token?: string | null; gestoreCode?: string | null; systems?: Record<string, string | null> }, operatorCf: string | null): CentroServiziSettings {
    if (change.url !== undefined) this.settings.setUrl(change.url);
    if (change.token !== undefined) {
      this.settings.setToken(change.token);
      this.runner.tokenChanged(this.settings.token());
    }
    if (change.gestoreCode !== undefined) this.settings.setGestoreCode(change.gestoreCode);
    for (const [name, url] of Object.entries(change.systems ?? {})) this.settings.setSystem(name, url);
    // The token is a secret: the audit says it changed, never what it is.
    this.store.audit.append({ operatorCf, action: 'settings.centroServizi', entity: 'settings', entityId: 'centroServizi', detail: { url: change.url, gestoreCode: change.gestoreCode, systems: change.systems, token: change.token === undefined ? undefined : change.token ? 'set' : 'removed' } });
    this.runner.poke();
    this.changed();
    return this.centroServizi();
  }

  changed(): SyncStatus {
    const s = this.status();
    this.events.emit('sync.changed', s);
    return s;
  }
}
