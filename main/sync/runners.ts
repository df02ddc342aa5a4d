import { Worker } from 'node:worker_threads';
import { createLogger } from '../log';
import { AppError } from '../../shared/errors';
import type { SyncEngine, SyncRunResult as EngineResult } from './engine';
import type { SyncRunner } from './syncService';

const log = createLogger('sync.runner');

/** The CLI's and the tests' runner: the engine on the core's own connection, one run at a time. */
export class InProcessRunner implements SyncRunner {
  readonly reportsItself = false;
  private current: Promise<EngineResult> | null = null;

  constructor(private readonly engine: SyncEngine) {}

  get running(): boolean {
    return this.current !== null;
  }

  run(): Promise<EngineResult> {
    this.current ??= this.engine.runOnce().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  poke(): void {}

  tokenChanged(): void {}

  close(): Promise<void> {
    return this.current ? this.current.then(() => undefined, () => undefined) : Promise.resolve();
  }
}

export interface WorkerData {
  dataDir: string;
  /** The archive's key, handed over in memory: the worker cannot reach the OS's protected storage. */
  keyHex: string;
  /** The core's clock as an offset from the system's (a demo's day). */
  clockOffsetMs: number;
  /** The token, read by the main process from its secret store (safeStorage in the app). */
  token: string | null;
  intervalMs: number;
}

export type ToWorker = { type: 'run'; id: number } | { type: 'poke' } | { type: 'token'; token: string | null } | { type: 'stop' };
export type FromWorker =
  | { type: 'result'; id: number | null; result: EngineResult }
  | { type: 'failed'; id: number | null; error: { code: string; message: string; userMessage: string } }
  | { type: 'stopped' };

/**
 * The app's runner: the engine in a worker thread with its own database connection, so a slow
 * server or a long drain never stalls the thread that answers the UI. It runs by itself on a
 * timer and when poked; `run()` asks for one now.
 */
export class WorkerRunner implements SyncRunner {
  readonly reportsItself = true;
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: EngineResult) => void; reject: (e: Error) => void }>();
  /** Runs asked and not answered yet. */
  private asked = 0;
  private closed: Promise<void> | null = null;

  constructor(
    file: string,
    data: WorkerData,
    /** Every run's result, asked or by the timer. */
    private readonly onResult: (r: EngineResult) => void,
  ) {
    this.worker = new Worker(file, { workerData: data });
    this.worker.on('message', (m: FromWorker) => this.received(m));
    this.worker.on('error', (err) => log.error('sync worker failed', { err }));
    this.worker.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`sync worker exited (${code})`));
      this.waiting.clear();
    });
  }

  get running(): boolean {
    return this.asked > 0;
  }

  /** Milliseconds the worker thread has been busy since it started (what the benchmark weighs). */
  busyMs(): number {
    return this.worker.performance.eventLoopUtilization().active;
  }

  run(): Promise<EngineResult> {
    const id = this.nextId++;
    this.asked++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'run', id } satisfies ToWorker);
    });
  }

  poke(): void {
    this.worker.postMessage({ type: 'poke' } satisfies ToWorker);
  }

  tokenChanged(token: string | null): void {
    this.worker.postMessage({ type: 'token', token } satisfies ToWorker);
  }

  private received(m: FromWorker): void {
    if (m.type === 'stopped') return;
    const w = m.id === null ? undefined : this.waiting.get(m.id);
    if (m.id !== null && this.waiting.delete(m.id)) this.asked--;
    if (m.type === 'result') {
      this.onResult(m.result);
      w?.resolve(m.result);
    } else {
      log.error('sync run failed in the worker', { code: m.error.code, message: m.error.message });
      w?.reject(new AppError(m.error.code, m.error.message, m.error.userMessage));
    }
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5_000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    });
    return this.closed;
  }
}
