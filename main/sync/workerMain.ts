import { parentPort, workerData } from 'node:worker_threads';
import { clockStartingAt, systemClock } from '../clock';
import { configureLogging, createLogger } from '../log';
import { Store } from '../store/store';
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
let token = data.token;
const settings = new SyncSettings(store.settings, { read: () => token, write: () => undefined }, 'worker');
const engine = new SyncEngine({ store, settings, bridge: createSyncBridge(store, clock, settings), clock });
const port = parentPort!;

let running: Promise<void> | null = null;
let again: number | null | undefined;
let timer: NodeJS.Timeout | null = null;
let stopping = false;

function post(m: FromWorker): void {
  port.postMessage(m);
}

/** One run at a time; an ask during a run is answered by the run after it. */
function run(id: number | null): void {
  if (running) {
    again = again ?? id;
    return;
  }
  running = engine
    .runOnce()
    .then((result) => post({ type: 'result', id, result }))
    .catch((err: Error) => post({ type: 'failed', id, message: err.message }))
    .finally(() => {
      running = null;
      if (stopping) return finish();
      if (again !== undefined) {
        const next = again;
        again = undefined;
        run(next);
      }
    });
}

function tick(): void {
  if (!stopping && settings.get().url && engine.due()) run(null);
}

function finish(): void {
  if (timer) clearInterval(timer);
  store.close();
  post({ type: 'stopped' });
  process.exit(0);
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'run') run(m.id);
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
