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
import { AppError } from '../shared/errors';
import { AppInfoService } from './services/appInfoService';
import { restoreBackup, undoRestore, type Restored } from './services/archiveRestore';
import { BackupError } from './services/backupContents';
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
import { RecoveryKeyService } from './services/recoveryKeyService';
import { SetupService } from './services/setupService';
import { AdherenceService } from './services/adherenceService';
import { BookingService } from './services/bookingService';
import { PaiService } from './services/paiService';
import { ProviderService } from './services/providerService';
import { PlanDocumentService } from './services/planDocumentService';
import { ReminderService } from './services/reminderService';
import { loadCatalogue } from './catalogueFile';
import type { DataDirKind } from './store/database';
import { fileKeyStore, type KeyStore } from './store/keys';
import { fileSecretStore, type SecretStore } from './store/secrets';
import { Store } from './store/store';
import { syncWorkerFile } from './paths';
import { createSyncBridge } from './sync/bridge';
import { SyncEngine } from './sync/engine';
import { InProcessRunner, WorkerRunner } from './sync/runners';
import { SyncService } from './sync/syncService';
import { SyncSettings } from './sync/syncSettings';
import { createHash } from 'node:crypto';
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
  /** Where the Centro Servizi's token is kept: a 0600 file beside the keys unless given (the app: safeStorage). */
  secrets?: SecretStore;
}

const log = createLogger('core');
/** How often the worker pulls when nothing is queued. */
const SYNC_INTERVAL_MS = 60_000;

/** Names the archive's own secrets without revealing its key. */
function archiveName(key: Buffer): string {
  return createHash('sha256').update('pic-archive-name').update(key).digest('hex').slice(0, 16);
}
/** Who the audit trail names for the backups the app takes by itself. */
const AUTOMATIC_BACKUP = 'app:backup-giornaliero';

/** What belongs to the archive open now: replaced whole when a backup is restored. */
interface Archive {
  store: Store;
  importer: ImportService;
  services: Services;
  handlers: Handlers;
}

/** A restore asked while an import writes to the archive: it would lose the import's rows or break it. */
export class RestoreBusyError extends AppError {
  constructor() {
    super('restore-busy', 'an import is running: restore refused', "Un'importazione è in corso: attendere che finisca (o interromperla nella pagina Importazione), poi ripristinare la copia. Nulla è stato sostituito.");
  }
}

/** The application without any UI: store, services, events and the contract's handler table. */
export class Core {
  readonly appName = pkg.productName;
  readonly version = pkg.version;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly events = new EventHub();
  readonly cards: CardReaderService;
  readonly session: CardSession;
  readonly demoCards: DemoCardsService;
  private readonly keys: KeyStore;
  private readonly secrets: SecretStore;
  private readonly dayWatcher: DayWatcher;
  private archive: Archive;
  private started = false;

  constructor(options: CoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.keys = options.keys ?? fileKeyStore();
    this.secrets = options.secrets ?? fileSecretStore();
    const store = Store.open(options.dataDir, this.clock, options.createAs, this.keys);
    this.cards = new CardReaderService(this.clock, options.watcher);
    // Through the archive open at the time: a restore replaces the operators with the backup's.
    this.session = new CardSession(this.cards, this.clock, (cf) => this.services.operators.admit(cf));
    // Before the archive's services, which hand it out; a restore never changes the folder's kind.
    this.demoCards = new DemoCardsService({ demo: store.kind === 'demo', dataDir: this.dataDir, today: () => this.today() });
    this.archive = this.archiveOn(store);
    this.dayWatcher = new DayWatcher(this.clock, (today) => {
      this.events.emit('clock.dayChanged', { today });
      // Deadlines, lapses and renewals are counted from today: every list of them is redone.
      this.events.emit('enrollments.changed', { patientId: null });
      this.dailyBackup();
    });
    this.session.on('changed', () => this.events.emit('cards.changed', this.services.cards.state()));
    // Whatever the studio changed may have queued an item for the Centro Servizi.
    this.events.onAny((name) => {
      if (name === 'patients.changed' || name === 'enrollments.changed' || name === 'bookings.changed' || name === 'pai.changed') this.services.sync.poke();
    });
    // A card's link to the stored patient changes when that patient is created.
    this.events.on('patients.changed', () => this.events.emit('cards.changed', this.services.cards.state()));
  }

  get store(): Store {
    return this.archive.store;
  }

  get importer(): ImportService {
    return this.archive.importer;
  }

  get services(): Services {
    return this.archive.services;
  }

  get handlers(): Handlers {
    return this.archive.handlers;
  }

  /** The services of the archive in `store`; the store is closed if they cannot be made. */
  private archiveOn(store: Store): Archive {
    try {
      // A process killed mid-import leaves its run 'running': say so, and let it be undone.
      store.imports.markInterrupted(this.clock.now());
      const importer = new ImportService(store, this.events, this.clock, this.dataDir);
      importer.files.removeStale();
      const operators = new OperatorService(store, this.clock);
      const documents = new DocumentService(this.dataDir, store.database.key);
      documents.sealLegacy();
      const enrollment = new EnrollmentService(store, this.session, documents, this.events, this.clock);
      const cards = new CardsService(this.session, (cf) => store.patients.idByCodiceFiscale(cf), operators);
      const catalogue = loadCatalogue();
      const pai = new PaiService(store, this.events, this.clock, catalogue);
      const bookings = new BookingService(store, this.events, this.clock);
      const syncSettings = new SyncSettings(store.settings, this.secrets, archiveName(store.database.key));
      const bridge = createSyncBridge(store, this.clock, syncSettings);
      const sync = new SyncService(store, syncSettings, new InProcessRunner(new SyncEngine({ store, settings: syncSettings, bridge, clock: this.clock })), this.events, this.clock, bridge);
      const backup = new BackupService(store, this.dataDir, this.clock, { appVersion: this.version, keys: this.keys });
      const services: Services = {
        appInfo: new AppInfoService(store, { name: this.appName, version: this.version, dataDir: this.dataDir }),
        today: () => this.today(),
        setup: new SetupService(store, () => this.cards.readerNames().length, () => enrollment.studio() !== null),
        patients: new PatientService(store, this.events, this.clock),
        places: new PlaceService(),
        cards,
        operators,
        backup,
        restore: (name, operatorCf) => this.restore(name, operatorCf),
        recoveryKey: new RecoveryKeyService(store, this.dataDir, this.keys, backup, importer.files),
        demoCards: this.demoCards,
        demoSeed: new DemoSeedService(store, this.events, this.clock, this.dataDir),
        enrollment,
        walkIn: new WalkInService(store, enrollment, this.events, this.clock),
        calls: new CallListService(store, enrollment, this.events, this.clock),
        deadlines: new DeadlineService(store, enrollment, pai, this.clock),
        catalogue,
        pai,
        bookings,
        reminders: new ReminderService(store, bookings, enrollment, this.clock),
        adherence: new AdherenceService(store, this.clock),
        providers: new ProviderService(store),
        planDocuments: new PlanDocumentService(store, enrollment, catalogue, this.clock),
        importer,
        plugins: importer.plugins,
        sync,
      };
      return { store, importer, services, handlers: createHandlers(services) };
    } catch (err) {
      store.close();
      throw err;
    }
  }

  private openArchive(): Archive {
    return this.archiveOn(Store.open(this.dataDir, this.clock, this.store.kind, this.keys));
  }

  private closeArchive(): void {
    void this.archive.services.sync.close();
    this.archive.importer.close();
    this.archive.store.close();
  }

  /**
   * Puts a backup of the chosen folder in place of the open archive: checked first, then the
   * archive closed, swapped (the replaced one kept in backups/replaced-<time>) and opened again;
   * any failure leaves the archive it had, open. The operator logs in again: the restored
   * archive's operators are the ones who may.
   */
  private restore(name: string, operatorCf: string | null): Restored {
    if (this.importer.jobs.running()) throw new RestoreBusyError();
    const from = this.services.backup.locate(name);
    const current = this.services.backup.archiveKey();
    this.closeArchive();
    let restored: Restored;
    try {
      restored = restoreBackup({ dataDir: this.dataDir, from, keys: this.keys, now: this.clock.now(), current });
    } catch (err) {
      this.archive = this.openArchive();
      throw err;
    }
    try {
      this.archive = this.openArchive();
    } catch (err) {
      log.error('restored archive does not open: putting the replaced one back', { err });
      if (restored.replaced) undoRestore(this.dataDir, restored.replaced, this.clock.now());
      this.archive = this.openArchive();
      const why = err instanceof AppError ? ` (${err.userMessage})` : '';
      throw new BackupError(
        'restore-failed',
        `restored archive does not open: ${(err as Error).message}`,
        `La copia è stata ripristinata ma non si apre con questa versione di PiC Studio${why}: i dati di prima sono stati rimessi al loro posto e nulla è cambiato. Il dettaglio è nel registro dell'applicazione.`,
      );
    }
    this.store.audit.append({ operatorCf, action: 'backup.restore', entity: 'backup', entityId: name, detail: { createdAt: restored.manifest.createdAt, patients: restored.manifest.patients, replaced: restored.replaced } });
    if (this.started) this.startSyncWorker();
    this.session.logout();
    const { createdAt, patients, enrollments, documents } = restored.manifest;
    this.events.emit('backup.restored', { createdAt, patients, enrollments, documents, replaced: restored.replaced });
    return restored;
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
    this.startSyncWorker();
  }

  /** The sync in its worker thread, on its own connection to the archive open now. */
  private startSyncWorker(): void {
    const sync = this.services.sync;
    const clockOffsetMs = this.clock.now().getTime() - Date.now();
    const data = { dataDir: this.dataDir, keyHex: this.store.database.key.toString('hex'), clockOffsetMs: Math.abs(clockOffsetMs) < 1000 ? 0 : clockOffsetMs, token: sync.token(), intervalMs: SYNC_INTERVAL_MS };
    sync.attach(new WorkerRunner(syncWorkerFile(), data, (result) => sync.afterRun(result)));
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
    this.closeArchive();
    return this.demoCards.close();
  }
}
