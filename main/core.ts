import pkg from '../package.json';
import { createHandlers, type Handlers } from './api/handlers';
import { CardReaderService } from './cards/cardReaderService';
import { CardSession } from './cards/cardSession';
import { DemoCardsService } from './cards/demoCardsService';
import { systemClock, type Clock } from './clock';
import { EventHub } from './events';
import { DemoSeedService } from './services/demoSeedService';
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
  readonly services;
  readonly handlers: Handlers;
  private cardsStarted = false;

  constructor(options: CoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.store = Store.open(options.dataDir);
    this.services = {
      patients: new PatientService(this.store.patients, this.events),
      demoSeed: new DemoSeedService(this.store.patients, this.events, this.clock),
    };
    this.cards = new CardReaderService(this.clock, options.watcher);
    this.session = new CardSession(this.cards, this.clock, (cf) => this.store.operators.roleOf(cf));
    this.session.on('changed', () => this.events.emit('cards.changed', this.cardsState()));
    this.handlers = createHandlers(this);
  }

  /** Starts watching the card readers (the CLI's one-shot commands never do). */
  startCards(): void {
    if (this.cardsStarted) return;
    this.cardsStarted = true;
    this.cards.start();
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
