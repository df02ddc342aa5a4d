import { AppError } from '../../shared/errors';
import type { ImportReport, ImportRunView, PreviewItem } from '../../shared/contract/import';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import { asBusyError } from '../store/errors';
import { RUN_HEARTBEAT_MS, type ImportStore, type UndoProgress } from '../store/importStore';
import type { Store } from '../store/store';
import type { ImportAdapter, ImportContext, ImportedPatient, ImportItem } from './adapter';
import { HeapBudget } from './heapBudget';
import { SeenCodes } from './seenCodes';
import { planRecord, type ExistingPatient, type Plan } from './merge';
import { describeSource } from './sourceDescription';
import type { AdapterRegistry } from './registry';

const log = createLogger('import');
/** Rows per transaction (the benchmark's bare insert uses the same). */
export const IMPORT_BATCH = 1000;
const PROGRESS_EVERY_MS = 250;
/** Changes reverted per transaction by an undo: a 200,000-row run never holds the lock for seconds. */
const UNDO_BATCH = 2000;
/** Rejects kept in the report itself; all of them are in the store, for the CSV download. */
const REPORTED_REJECTS = 1000;
/** Warnings kept for the report: a file with one on every row must not hold millions of them. */
const REPORTED_WARNINGS = 100;

export class ImportOptionsError extends AppError {
  constructor(detail: string) {
    super('invalid-options', `invalid import options: ${detail}`, `Opzioni di importazione non valide: ${detail}`);
  }
}

export class ImportRunError extends AppError {
  constructor(code: string, message: string, userMessage: string) {
    super(code, message, userMessage);
  }
}

/** Thrown inside a dry run's batch transaction to roll it back after counting. */
class DryRunRollback extends Error {}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RunOptions {
  dryRun: boolean;
  operatorCf: string | null;
  signal?: AbortSignal;
  /** The job this run belongs to (ImportJobs), carried by its progress events. */
  job?: number;
  /** What the run record names as the source, instead of what the options say (a chosen file's name, not its copy's path). */
  source?: string;
}

export type UndoResult = { runId: number } & Omit<UndoProgress, 'done'>;

/** A run just started: its record (null for a dry run) and the report it will end with. */
export interface StartedRun {
  runId: number | null;
  report: Promise<ImportReport>;
}

/**
 * Runs any adapter: validation, de-duplication by codice fiscale, idempotent upsert, per-row
 * rejects, progress, the run record, and undo. Each batch of 1,000 rows is one transaction and
 * each patient is written whole, so a process killed midway leaves no half-imported patient;
 * a run that fails or is cancelled is undone entirely.
 */
export class ImportEngine {
  private readonly imports: ImportStore;

  constructor(
    private readonly store: Store,
    private readonly registry: AdapterRegistry,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {
    this.imports = store.imports;
  }

  async run(adapterId: string, rawOptions: unknown, options: RunOptions): Promise<ImportReport> {
    return this.start(adapterId, rawOptions, options).report;
  }

  /**
   * Checks the options and opens the run record at once (throwing ImportOptionsError, or
   * unknown-adapter, before anything is written); the rows are read and written afterwards.
   */
  start(adapterId: string, rawOptions: unknown, options: RunOptions): StartedRun {
    const adapter = this.registry.get(adapterId);
    const parsed = adapter.options.safeParse(rawOptions);
    if (!parsed.success) {
      throw new ImportOptionsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'opzioni'}: ${i.message}`).join('; '));
    }
    const signal = options.signal ?? new AbortController().signal;
    const today = todayIn(this.clock);
    const runId = options.dryRun ? null : this.imports.startRun(adapter.id, options.source ?? describeSource(rawOptions), this.clock.now().toISOString(), options.operatorCf);
    const counts: Counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const rejected: { row: string; reason: string }[] = [];
    const warnings: string[] = [];
    const seen = new SeenCodes();
    const heap = new HeapBudget();
    const progress = new ProgressReporter(this.events, adapter.id, runId, options.job ?? null, this.clock);
    const context: ImportContext = { signal, dataDir: this.dataDir, today, reportSize: (read, total) => progress.size(read, total) };

    const reject = (row: string, reason: string) => {
      counts.rejected++;
      if (rejected.length < REPORTED_REJECTS) rejected.push({ row, reason });
      if (runId !== null) this.imports.addReject(runId, row, reason);
    };
    const applyBatch = (batch: ImportItem[]) => {
      seen.batch(() => {
        try {
          this.store.transaction(() => {
            for (const item of batch) this.apply(item, runId, today, counts, seen, reject, warnings);
            if (options.dryRun) throw new DryRunRollback();
          });
        } catch (err) {
          // A dry run rolls back the store only: the codici fiscali met stay met for the next batches.
          if (!(err instanceof DryRunRollback)) throw err;
        }
      });
      progress.items(batch.length, counts);
    };

    progress.start(counts);
    const readAndWrite = async (): Promise<ImportReport> => {
      try {
        let batch: ImportItem[] = [];
        for await (const item of adapter.read(parsed.data, context)) {
          if (signal.aborted) break;
          batch.push(item);
          if (batch.length === IMPORT_BATCH) {
            applyBatch(batch);
            batch = [];
            heap.check();
            // Let the UI's calls in between batches: a long import must not freeze the app.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        if (signal.aborted) throw new ImportRunError('import-cancelled', 'import cancelled', 'Importazione annullata: nulla è stato importato.');
        if (batch.length > 0) applyBatch(batch);
      } catch (err) {
        return await this.fail(adapter, runId, counts, err, progress);
      }

      if (runId !== null) {
        this.store.transaction(() => {
          this.imports.finishRun(runId, 'done', this.clock.now().toISOString(), counts, null);
          this.store.audit.append({ operatorCf: options.operatorCf, action: 'import.run', entity: 'import', entityId: runId, detail: { adapter: adapter.id, ...counts } });
        });
        if (counts.created + counts.updated > 0) this.events.emit('patients.changed', { count: this.store.patients.count() });
      }
      progress.finish(counts);
      log.info('import finished', { adapter: adapter.id, runId, dryRun: options.dryRun, ...counts, heapCollections: heap.collected });
      return { adapter: adapter.id, runId, dryRun: options.dryRun, status: 'done', ...counts, rejected, warnings, error: null };
    };
    const read = async (): Promise<ImportReport> => {
      const heartbeat = runId === null ? null : setInterval(() => this.imports.beat(runId, this.clock.now().toISOString()), RUN_HEARTBEAT_MS);
      try {
        return await readAndWrite();
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        seen.close();
      }
    };
    return { runId, report: read() };
  }

  /** The first rows mapped, and what importing each would do; writes nothing. */
  async preview(adapterId: string, rawOptions: unknown, limit: number): Promise<{ match: boolean; matchReason: string | null; items: PreviewItem[]; warnings: string[] }> {
    const adapter = this.registry.get(adapterId);
    const parsed = adapter.options.safeParse(rawOptions);
    if (!parsed.success) {
      throw new ImportOptionsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'opzioni'}: ${i.message}`).join('; '));
    }
    const context: ImportContext = { signal: new AbortController().signal, dataDir: this.dataDir, today: todayIn(this.clock) };
    const detected = await adapter.detect(parsed.data, context);
    const { items, warnings } = await adapter.preview(parsed.data, limit, context);
    const today = todayIn(this.clock);
    return {
      match: detected.match,
      matchReason: detected.reason ?? null,
      warnings,
      items: items.map((item): PreviewItem => {
        if (item.kind === 'reject') {
          return { row: String(item.row), kind: 'reject', codiceFiscale: null, surname: null, givenName: null, birthDate: null, chronicLevel: null, outcome: 'reject', reason: item.reason, warnings: [] };
        }
        const p = item.patient;
        const plan = this.plan(p, today);
        return {
          row: String(item.row),
          kind: 'patient',
          codiceFiscale: p.codiceFiscale ?? null,
          surname: p.surname ?? null,
          givenName: p.givenName ?? null,
          birthDate: p.birthDate ?? null,
          chronicLevel: p.chronicLevel ?? null,
          outcome: plan.kind,
          reason: plan.kind === 'reject' ? plan.reason : null,
          warnings: item.warnings ?? [],
        };
      }),
    };
  }

  runs(): ImportRunView[] {
    return this.imports.runs().map((r) => {
      const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0, ...(r.counts ? (JSON.parse(r.counts) as Partial<Counts>) : {}) };
      return { id: r.id, adapter: r.adapter, source: r.source, startedAt: r.startedAt, finishedAt: r.finishedAt, status: r.status, error: r.error, ...counts };
    });
  }

  rejects(runId: number): { row: string; reason: string }[] {
    if (!this.imports.run(runId)) throw new ImportRunError('not-found', `import run ${runId} not found`, `Importazione n. ${runId} non trovata.`);
    return this.imports.rejects(runId);
  }

  /**
   * Reverts a finished, interrupted or half-undone run, in batches (each its own transaction, so
   * other writers wait at most one batch), keeping what the studio did since (see undoBatch).
   * Audited with what was removed, restored and kept, and why.
   */
  async undo(runId: number, operatorCf: string | null): Promise<UndoResult> {
    const run = this.imports.run(runId);
    if (!run) throw new ImportRunError('not-found', `import run ${runId} not found`, `Importazione n. ${runId} non trovata.`);
    if (run.status === 'running') throw new ImportRunError('import-running', `run ${runId} still running`, "L'importazione è ancora in corso: annullarla prima.");
    if (run.status === 'undone') throw new ImportRunError('already-undone', `run ${runId} already undone`, 'Questa importazione è già stata annullata.');
    this.imports.setRunStatus(runId, 'undoing');
    const total = await this.revert(runId);
    this.store.transaction(() => {
      this.imports.setRunStatus(runId, 'undone');
      this.store.audit.append({ operatorCf, action: 'import.undo', entity: 'import', entityId: runId, detail: total });
    });
    this.events.emit('patients.changed', { count: this.store.patients.count() });
    log.info('import undone', { runId, removed: total.removed, restored: total.restored, kept: total.kept.length, fieldsKept: total.fieldsKept });
    return { runId, removed: total.removed, restored: total.restored, kept: total.kept, fieldsKept: total.fieldsKept };
  }

  /** Every batch of a run's undo until nothing is left; the UI's calls get in between batches. */
  private async revert(runId: number): Promise<Omit<UndoProgress, 'done'>> {
    const total: Omit<UndoProgress, 'done'> = { restored: 0, removed: 0, kept: [], fieldsKept: 0 };
    for (;;) {
      const step = this.store.transaction(() => this.imports.undoBatch(runId, UNDO_BATCH));
      total.restored += step.restored;
      total.removed += step.removed;
      total.kept.push(...step.kept);
      total.fieldsKept += step.fieldsKept;
      if (step.done) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private apply(
    item: ImportItem,
    runId: number | null,
    today: string,
    counts: Counts,
    seen: SeenCodes,
    reject: (row: string, reason: string) => void,
    warnings: string[],
  ): void {
    const row = String(item.row);
    if (item.kind === 'reject') return reject(row, item.reason);
    for (const w of item.warnings ?? []) if (warnings.length < REPORTED_WARNINGS) warnings.push(`${row}: ${w}`);
    const plan = this.plan(item.patient, today);
    if (plan.kind === 'reject') return reject(row, plan.reason);
    const first = seen.meet(plan.codiceFiscale, row);
    if (first !== null) return reject(row, `Codice fiscale ${plan.codiceFiscale} ripetuto: già importato dalla riga ${first}.`);
    this.write(plan, runId);
    counts[plan.kind === 'create' ? 'created' : plan.kind === 'update' ? 'updated' : 'unchanged']++;
  }

  private plan(incoming: ImportedPatient, today: string): Plan {
    const stored = incoming.codiceFiscale ? this.imports.byCodiceFiscale(incoming.codiceFiscale.replace(/\s+/g, '').toUpperCase()) : null;
    const existing: ExistingPatient | null = stored && {
      ...stored,
      pathologyCodes: this.imports.pathologyCodes(stored.id),
      letters: this.imports.letters(stored.id),
      therapies: this.imports.therapies(stored.id),
      exemptions: this.imports.exemptions(stored.id),
    };
    return planRecord(incoming, existing, today);
  }

  private write(plan: Plan, runId: number | null): void {
    if (plan.kind !== 'create' && plan.kind !== 'update') return;
    const id = plan.kind === 'create' ? this.imports.createPatient(plan.fields, runId) : plan.patientId;
    if (plan.kind === 'update') this.imports.updatePatient(id, plan.fields);
    for (const p of plan.pathologies) this.imports.addPathology(id, p);
    const letterId = plan.letter ? this.imports.addLetter(id, plan.letter) : null;
    for (const t of plan.therapies) this.imports.addTherapy(id, t);
    for (const e of plan.exemptions) this.imports.addExemption(id, e);
    if (runId === null || plan.kind === 'create') return;
    this.imports.recordUpdate(runId, id, {
      fields: plan.before,
      written: plan.fields,
      pathologies: plan.pathologies.map((p) => p.code),
      letterIds: letterId === null ? [] : [letterId],
      therapies: plan.therapies.map((t) => t.description),
      exemptions: plan.exemptions,
    });
  }

  private async fail(adapter: ImportAdapter, runId: number | null, counts: Counts, err: unknown, progress: ProgressReporter): Promise<ImportReport> {
    const cause = asBusyError(err);
    const error = cause instanceof AppError ? cause : new ImportRunError('import-failed', (err as Error).message, `Importazione interrotta da un errore: ${(err as Error).message}`);
    const cancelled = error.code === 'import-cancelled';
    log.warn(cancelled ? 'import cancelled' : 'import failed', { adapter: adapter.id, runId, code: error.code, message: error.message });
    let message = error.userMessage;
    if (runId !== null) {
      try {
        // Nothing of a run that did not finish stays in the store (but what the studio did meanwhile does).
        this.imports.setRunStatus(runId, 'undoing');
        await this.revert(runId);
        // The run records zero, and the reason in the users' language.
        this.imports.finishRun(runId, cancelled ? 'cancelled' : 'failed', this.clock.now().toISOString(), { created: 0, updated: 0, unchanged: 0, rejected: 0 }, error.userMessage);
      } catch (undoErr) {
        // The archive is busy or gone too: the run stays undoable from the history.
        log.error('could not take back a run that did not finish', { runId, err: undoErr });
        message += " Quanto già importato non è stato rimosso: annullare l'importazione dalla cronologia.";
      }
    }
    progress.finish(counts);
    return {
      adapter: adapter.id,
      runId,
      dryRun: runId === null,
      status: cancelled ? 'cancelled' : 'failed',
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      warnings: [],
      error: { code: error.code, message },
    };
  }
}

/** Rows per second and the remaining time, from whatever size the adapter reports. */
class ProgressReporter {
  private done = 0;
  private read = 0;
  private total: number | null = null;
  private readonly started: number;
  private lastSent = 0;

  constructor(
    private readonly events: EventHub,
    private readonly adapter: string,
    private readonly runId: number | null,
    private readonly job: number | null,
    private readonly clock: Clock,
  ) {
    this.started = clock.now().getTime();
  }

  size(read: number, total: number | null): void {
    this.read = read;
    this.total = total;
  }

  /** Tells listeners the run exists (and its id) before the first batch is done. */
  start(counts: Counts): void {
    this.send(counts, false);
  }

  items(n: number, counts: Counts): void {
    this.done += n;
    const now = this.clock.now().getTime();
    if (now - this.lastSent < PROGRESS_EVERY_MS) return;
    this.lastSent = now;
    this.send(counts, false);
  }

  finish(counts: Counts): void {
    this.send(counts, true);
  }

  private send(counts: Counts, finished: boolean): void {
    const seconds = Math.max(0.001, (this.clock.now().getTime() - this.started) / 1000);
    const fraction = this.total ? Math.min(1, this.read / this.total) : null;
    const etaSeconds = fraction && fraction > 0 && !finished ? Math.round((seconds / fraction) * (1 - fraction)) : null;
    this.events.emit('import.progress', {
      adapter: this.adapter,
      runId: this.runId,
      job: this.job,
      done: this.done,
      fraction,
      rowsPerSecond: Math.round(this.done / seconds),
      etaSeconds,
      ...counts,
      finished,
    });
  }
}
