import { todayIn, type Clock } from '../clock';
import { assertDemo } from '../demoMode';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { IncomingPatient } from '../store/patientStore';
import type { Store } from '../store/store';
import { generateDemoPatients } from './demo/demoPatients';

const log = createLogger('demo-seed');
const BATCH = 2000;
export const DEFAULT_DEMO_SEED = 20180416;

/** Fills a demo's store with fake patients for demos, training and benchmarks; never a studio's archive. */
export class DemoSeedService {
  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {}

  private get patients() {
    return this.store.patients;
  }

  seed(count: number, seed = DEFAULT_DEMO_SEED): { created: number; skipped: number } {
    assertDemo(this.store.kind, this.dataDir, 'demo patients', 'La creazione di pazienti dimostrativi');
    const totals = { created: 0, skipped: 0 };
    const progress = (done: number, finished: boolean) =>
      this.events.emit('task.progress', { task: 'demo.seed', label: 'Creazione pazienti dimostrativi', done, total: count, finished });
    let batch: IncomingPatient[] = [];
    const flush = () => {
      const r = this.patients.insertNew(batch);
      totals.created += r.created;
      totals.skipped += r.skipped;
      batch = [];
      progress(totals.created + totals.skipped, false);
    };
    for (const p of generateDemoPatients({ count, seed, referenceDate: todayIn(this.clock) })) {
      batch.push(p);
      if (batch.length === BATCH) flush();
    }
    if (batch.length > 0) flush();
    progress(totals.created + totals.skipped, true);
    this.events.emit('patients.changed', { count: this.patients.count() });
    log.info('demo patients seeded', { requested: count, seed, ...totals });
    return totals;
  }
}
