import pkg from '../package.json';
import { createHandlers, type Handlers } from './api/handlers';
import { ImportService } from './importers/importService';
import { CardReaderService } from './cards/cardReaderService';
import { CardSession } from './cards/cardSession';
import { DemoCardsService } from './cards/demoCardsService';
import { systemClock, type Clock } from './clock';
import { EventHub } from './events';
import { CallListService } from './services/callListService';
import { DeadlineService } from './services/deadlineService';
import { DemoSeedService } from './services/demoSeedService';
import { DocumentService } from './services/documentService';
import { EnrollmentService } from './services/enrollmentService';
import { WalkInService } from './services/walkInService';
import { PatientService } from './services/patientService';
import { Store } from './store/store';
import type { CardsState } from '../shared/cardsContract';
import type { PcscWatcher } from '../native/pcsc/watcher';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** A watcher to use instead of one over the real pcsclite (tests). */
  watcher?: PcscWatcher;
}

/** The application without any UI: store, services, events and the contract's handler table. */
export class Core {
  readonly appName = pkg.productName;
  readonly version = pkg.version;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly store: Store;
  readonly events = new EventHub();
  readonly cards: CardReaderService;
  readonly session: CardSession;
  readonly demoCards = new DemoCardsService();
  readonly importer: ImportService;
  readonly services;
  readonly handlers: Handlers;
  private cardsStarted = false;

  constructor(options: CoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.store = Store.open(options.dataDir, this.clock);
    // A process killed mid-import leaves its run 'running': say so, and let it be undone.
    this.store.imports.markInterrupted();
    this.importer = new ImportService(this.store, this.events, this.clock, options.dataDir);
    this.cards = new CardReaderService(this.clock, options.watcher);
    this.session = new CardSession(this.cards, this.clock, (cf) => this.store.operators.roleOf(cf));
    const enrollment = new EnrollmentService(this.store, this.session, new DocumentService(options.dataDir), this.events, this.clock);
    this.services = {
      patients: new PatientService(this.store, this.events, this.clock),
      demoSeed: new DemoSeedService(this.store.patients, this.events, this.clock),
      enrollment,
      walkIn: new WalkInService(this.store, enrollment, this.events, this.clock),
      calls: new CallListService(this.store, enrollment, this.events, this.clock),
      deadlines: new DeadlineService(this.store, enrollment, this.clock),
    };
    this.session.on('changed', () => this.events.emit('cards.changed', this.cardsState()));
    // A card's link to the stored patient changes when that patient is created.
    this.events.on('patients.changed', () => this.events.emit('cards.changed', this.cardsState()));
    this.handlers = createHandlers(this);
  }

  /** Starts watching the card readers (the CLI's one-shot commands never do). */
  startCards(): void {
    if (this.cardsStarted) return;
    this.cardsStarted = true;
    this.cards.start();
  }

  /** The logged-in operator, for the audit log; null when nobody is (CLI, locked UI). */
  operatorCf(): string | null {
    return this.session.operator?.codiceFiscale ?? null;
  }

  cardsState(): CardsState {
    return this.session.state((cf) => this.store.patients.idByCodiceFiscale(cf));
  }

  /** The store closes at once; the promise is for virtual cards still being taken out. */
  close(): Promise<void> {
    this.cards.stop();
    this.store.close();
    return this.demoCards.close();
  }
}
