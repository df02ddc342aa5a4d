import pkg from '../package.json';
import { createHandlers, type Handlers } from './api/handlers';
import { systemClock, type Clock } from './clock';
import { EventHub } from './events';
import { DemoSeedService } from './services/demoSeedService';
import { PatientService } from './services/patientService';
import { Store } from './store/store';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
}

/** The application without any UI: store, services, events and the contract's handler table. */
export class Core {
  readonly appName = pkg.productName;
  readonly version = pkg.version;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly store: Store;
  readonly events = new EventHub();
  readonly services;
  readonly handlers: Handlers;

  constructor(options: CoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.store = Store.open(options.dataDir);
    this.services = {
      patients: new PatientService(this.store.patients),
      demoSeed: new DemoSeedService(this.store.patients, this.events, this.clock),
    };
    this.handlers = createHandlers(this);
  }

  close(): void {
    this.store.close();
  }
}
