import type { SetupChecklist } from '../../shared/contract/app';
import type { Store } from '../store/store';

/**
 * The first run's checklist: what a studio does once before the daily work (the start page shows
 * it until every step is done).
 */
export class SetupService {
  constructor(
    private readonly store: Store,
    private readonly readerCount: () => number,
    private readonly studioSet: () => boolean,
  ) {}

  checklist(): SetupChecklist {
    const steps = {
      studio: this.studioSet(),
      imported: this.store.imports.hasFinishedRun(),
      readers: this.readerCount() >= 2,
      // The MMG and whoever works at the desk have each logged in once: the studio knows their names.
      operators: this.store.operators.count() >= 2,
    };
    return { ...steps, done: Object.values(steps).every(Boolean) };
  }
}
