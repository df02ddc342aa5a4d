import pkg from '../package.json';
import type { CallContext } from './api/context';
import { createHandlers, type Handlers, type Services } from './api/handlers';
import { ImportService } from './importers/importService';
import { CardReaderService } from './cards/cardReaderService';
import { CardSession } from './cards/cardSession';
import { CardsService } from './cards/cardsService';
import { DemoCardsService } from './cards/demoCardsService';
import { systemClock, todayIn, type Clock } from './clock';
import { DayWatcher } from './dayWatcher';
import { EventHub } from './events';
import { createLogger } from './log';
import { AppInfoService } from './services/appInfoService';
import { BackupService } from './services/backupService';
import { CallListService } from './services/callListService';
import { DeadlineService } from './services/deadlineService';
import { DemoSeedService } from './services/demoSeedService';
import { DocumentService } from './services/documentService';
import { EnrollmentService } from './services/enrollmentService';
import { WalkInService } from './services/walkInService';
import { OperatorService } from './services/operatorService';
import { PatientService } from './services/patientService';
import { PlaceService } from './services/placeService';
import { SetupService } from './services/setupService';
import type { DataDirKind } from './store/database';
import type { KeyStore } from './store/keys';
import { Store } from './store/store';
import type { PcscWatcher } from '../native/pcsc/watcher';

export interface CoreOptions {
  dataDir: string;
  /** The one source of "now" and "today"; the real clock unless a test or a demo sets another. */
  clock?: Clock;
  /** What a data folder without a database becomes: a studio's archive unless said otherwise. */
  createAs?: DataDirKind;
  /** A watcher to use instead of one over the real pcsclite (tests). */
  watcher?: PcscWatcher;
  /** Where the database key is kept: a key file in the OS user's config folder unless given. */
  keys?: KeyStore;
}

const log = createLogger('core');
/** Who the audit trail names for the backups the app takes by itself. */
const AUTOMATIC_BACKUP = 'app:backup-giornaliero';

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
  readonly demoCards: DemoCardsService;
  readonly importer: ImportService;
  readonly services: Services;
  readonly handlers: Handlers;
  private readonly dayWatcher: DayWatcher;
  private started = false;

  constructor(options: CoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.store = Store.open(options.dataDir, this.clock, options.createAs, options.keys);
    this.demoCards = new DemoCardsService({ demo: this.demo, dataDir: this.dataDir, today: () => this.today() });
    this.dayWatcher = new DayWatcher(this.clock, (today) => {
      this.events.emit('clock.dayChanged', { today });
      // Deadlines, lapses and renewals are counted from today: every list of them is redone.
      this.events.emit('enrollments.changed', { patientId: null });
      this.dailyBackup();
    });
    // A process killed mid-import leaves its run 'running': say so, and let it be undone.
    this.store.imports.markInterrupted(this.clock.now());
    this.importer = new ImportService(this.store, this.events, this.clock, options.dataDir);
    this.importer.files.removeStale();
    this.cards = new CardReaderService(this.clock, options.watcher);
    const operators = new OperatorService(this.store, this.clock);
    this.session = new CardSession(this.cards, this.clock, (cf) => operators.admit(cf));
    const documents = new DocumentService(options.dataDir, this.store.database.key);
    documents.sealLegacy();
    const enrollment = new EnrollmentService(this.store, this.session, documents, this.events, this.clock);
    const cards = new CardsService(this.session, (cf) => this.store.patients.idByCodiceFiscale(cf), operators);
    this.services = {
      appInfo: new AppInfoService(this.store, { name: this.appName, version: this.version, dataDir: this.dataDir }),
      today: () => this.today(),
      setup: new SetupService(this.store, () => this.cards.readerNames().length, () => enrollment.studio() !== null),
      patients: new PatientService(this.store, this.events, this.clock),
      places: new PlaceService(),
      cards,
      operators,
      backup: new BackupService(this.store, this.dataDir, this.clock),
      demoCards: this.demoCards,
      demoSeed: new DemoSeedService(this.store, this.events, this.clock, this.dataDir),
      enrollment,
      walkIn: new WalkInService(this.store, enrollment, this.events, this.clock),
      calls: new CallListService(this.store, enrollment, this.events, this.clock),
      deadlines: new DeadlineService(this.store, enrollment, this.clock),
      importer: this.importer,
      plugins: this.importer.plugins,
    };
    this.session.on('changed', () => this.events.emit('cards.changed', cards.state()));
    // A card's link to the stored patient changes when that patient is created.
    this.events.on('patients.changed', () => this.events.emit('cards.changed', cards.state()));
    this.handlers = createHandlers(this.services);
  }

  /** A demo's data folder: fake patients, virtual cards and demo clocks are allowed. */
  get demo(): boolean {
    return this.store.kind === 'demo';
  }

  /** The studio's day, Europe/Rome, by the core's clock. */
  today(): string {
    return todayIn(this.clock);
  }

  /**
   * Starts what a running app needs and a one-shot CLI command does not: watching the card
   * readers, and telling the UI when the day changes.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.cards.start();
    this.dayWatcher.start();
    this.dailyBackup();
  }

  /** The day's backup to the MMG's folder, once a day while the app runs; a failure is logged, never thrown. */
  private dailyBackup(): void {
    const backup = this.services.backup;
    if (!backup.folder()) return;
    try {
      const last = backup.list()[0]?.manifest.createdAt;
      if (last && todayIn({ now: () => new Date(last) }) === this.today()) return;
      backup.backup(AUTOMATIC_BACKUP);
    } catch (err) {
      log.error('daily backup failed', { err });
    }
  }

  /** The operator logged in with card and PIN, for the call context; null when nobody is (CLI, locked UI). */
  operator(): CallContext['operator'] {
    const o = this.session.operator;
    return o ? { codiceFiscale: o.codiceFiscale, name: o.name, role: o.role } : null;
  }

  /** The store closes at once; the promise is for virtual cards still being taken out. */
  close(): Promise<void> {
    this.dayWatcher.stop();
    this.cards.stop();
    this.importer.files.close();
    this.store.close();
    return this.demoCards.close();
  }
}
