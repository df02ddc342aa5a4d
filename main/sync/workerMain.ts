import { parentPort, workerData } from 'node:worker_threads';
import { clockStartingAt, systemClock } from '../clock';
import { configureLogging, createLogger } from '../log';
import { Store } from '../store/store';
import { AppError } from '../../shared/errors';
import { createSyncBridge } from './bridge';
import { SyncEngine } from './engine';
import type { FromWorker, ToWorker, WorkerData } from './runners';
import { SyncSettings } from './syncSettings';

/** The sync worker thread: its own connection to the archive, the engine, a timer, and the main thread's asks. */
const data = workerData as WorkerData;
const log = createLogger('sync.worker');
configureLogging({});
const clock = data.clockOffsetMs === 0 ? systemClock : clockStartingAt(new Date(Date.now() + data.clockOffsetMs));
const key = Buffer.from(data.keyHex, 'hex');
const store = Store.open(data.dataDir, clock, 'clinic', { place: 'sync worker', read: () => key, write: () => undefined });
// Everything this connection writes is the server's echo (its versions, the items it took, what
// it pulled): a commit lost to a power cut is learnt again from the server, and sending it again
// changes nothing there. A crash of the process loses nothing either way; so no fsync per commit.
store.database.sqlite.pragma('synchronous = NORMAL');
let token = data.token;
const settings = new SyncSettings(store.settings, { read: () => token, write: () => undefined }, 'worker');
const engine = new SyncEngine({ store, settings, bridge: createSyncBridge(store, clock, settings), clock });
const port = parentPort!;

let running: Promise<void> | null = null;
/** Asks that came during a run: the run after it answers them all. */
let waiting: (number | null)[] = [];
let timer: NodeJS.Timeout | null = null;
let stopping = false;

function post(m: FromWorker): void {
  port.postMessage(m);
}

/** One run at a time; asks during a run are answered together by the run after it. */
function run(ids: (number | null)[]): void {
  if (running) {
    waiting.push(...ids);
    return;
  }
  running = engine
    .runOnce()
    .then((result) => {
      for (const id of ids) post({ type: 'result', id, result });
    })
    .catch((err: Error) => {
      const error = err instanceof AppError ? { code: err.code, message: err.message, userMessage: err.userMessage } : { code: 'internal', message: err.message, userMessage: 'Errore interno durante la sincronizzazione: il dettaglio è nel registro.' };
      for (const id of ids) post({ type: 'failed', id, error });
    })
    .finally(() => {
      running = null;
      if (stopping) return finish();
      if (waiting.length) {
        const next = waiting;
        waiting = [];
        run(next);
      }
    });
}

function tick(): void {
  if (!stopping && settings.get().url && engine.due()) run([null]);
}

function finish(): void {
  if (timer) clearInterval(timer);
  store.close();
  post({ type: 'stopped' });
  process.exit(0);
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'run') run([m.id]);
  else if (m.type === 'poke') setTimeout(tick, 500);
  else if (m.type === 'token') token = m.token;
  else if (m.type === 'stop') {
    stopping = true;
    if (!running) finish();
  }
});
timer = setInterval(tick, data.intervalMs);
tick();
log.info('sync worker started', { intervalMs: data.intervalMs });
