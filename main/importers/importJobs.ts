import type { ImportJobView, ImportProgress, ImportReport } from '../../shared/contract/import';
import { AppError, NotFoundError } from '../../shared/errors';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { ImportEngine, RunOptions } from './engine';

const log = createLogger('import.jobs');
/** Ended jobs remembered for a page that comes back to ask for its report. */
const KEPT_ENDED = 20;

interface Job {
  view: ImportJobView;
  controller: AbortController;
  ended: Promise<void>;
}

/**
 * Imports as jobs: started with an answer at once (the job and run ids), followed by progress,
 * asked for their report when it suits the caller, cancelled by job (dry runs too).
 */
export class ImportJobs {
  private next = 1;
  private readonly jobs = new Map<number, Job>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: ImportEngine,
    events: EventHub,
  ) {
    this.unsubscribe = events.on('import.progress', (p: ImportProgress) => {
      const job = p.job === null ? undefined : this.jobs.get(p.job);
      if (job && job.view.report === null) job.view = { ...job.view, progress: p };
    });
  }

  /** `onEnd` runs once the job has ended, whatever its outcome (not when it does not start: then this throws). */
  start(adapter: string, options: unknown, run: Omit<RunOptions, 'signal' | 'job'>, onEnd?: () => void): ImportJobView {
    const id = this.next++;
    const controller = new AbortController();
    const started = this.engine.start(adapter, options, { ...run, signal: controller.signal, job: id });
    const job: Job = {
      view: { job: id, adapter, dryRun: run.dryRun, runId: started.runId, progress: null, report: null },
      controller,
      ended: started.report
        .then(
          (report) => this.end(id, report),
          (err: unknown) => this.end(id, failedReport(adapter, started.runId, run.dryRun, err)),
        )
        .finally(() => onEnd?.()),
    };
    this.jobs.set(id, job);
    this.forgetOldest();
    return job.view;
  }

  /** The job as it is, or as soon as it ends if that happens within waitMs. */
  async status(id: number, waitMs = 0): Promise<ImportJobView> {
    const job = this.require(id);
    if (job.view.report === null && waitMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([job.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    return job.view;
  }

  /** Whether an import (or a dry run) is still running. */
  running(): boolean {
    return [...this.jobs.values()].some((j) => j.view.report === null);
  }

  /** Stops following progress: the archive these jobs wrote to is closed. */
  close(): void {
    this.unsubscribe();
  }

  cancel(id: number): boolean {
    const job = this.require(id);
    if (job.view.report !== null) return false;
    job.controller.abort();
    return true;
  }

  private end(id: number, report: ImportReport): void {
    const job = this.jobs.get(id);
    if (job) job.view = { ...job.view, report };
  }

  private require(id: number): Job {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError('import job', 'Importazione', id);
    return job;
  }

  private forgetOldest(): void {
    const ended = [...this.jobs.values()].filter((j) => j.view.report !== null);
    for (const old of ended.slice(0, Math.max(0, ended.length - KEPT_ENDED))) this.jobs.delete(old.view.job);
  }
}

/** A run that broke outside the engine's own error handling, as a failed report. */
function failedReport(adapter: string, runId: number | null, dryRun: boolean, err: unknown): ImportReport {
  const error = err instanceof AppError ? err : null;
  log.error('import job failed', { adapter, runId, message: err instanceof Error ? err.message : String(err) });
  return {
    adapter,
    runId,
    dryRun,
    status: 'failed',
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    error: { code: error?.code ?? 'import-failed', message: error?.userMessage ?? `Importazione interrotta da un errore: ${err instanceof Error ? err.message : String(err)}` },
  };
}
