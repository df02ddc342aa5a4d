import { AuditLog } from './auditLog';
import { CallListStore } from './callListStore';
import { openDatabase, type DataDirKind, type OpenedDatabase } from './database';
import type { KeyStore } from './keys';
import { EnrollmentStore } from './enrollmentStore';
import { ImportStore } from './importStore';
import { OperatorStore } from './operatorStore';
import { BookingStore } from './bookingStore';
import { Outbox } from './outbox';
import { PaiStore } from './paiStore';
import { PatientStore } from './patientStore';
import { PatientWrites } from './patientWrites';
import { ProviderStore } from './providerStore';
import { SettingsStore } from './settingsStore';
import { SyncReads } from './syncReads';
import { SyncStore } from './syncStore';
import type { Clock } from '../clock';

/** The opened store with its repositories; one per process. */
export class Store {
  readonly patients: PatientStore;
  readonly operators: OperatorStore;
  readonly enrollments: EnrollmentStore;
  readonly calls: CallListStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly settings: SettingsStore;
  readonly imports: ImportStore;
  readonly pais: PaiStore;
  readonly bookings: BookingStore;
  readonly providers: ProviderStore;
  readonly sync: SyncStore;
  readonly syncReads: SyncReads;

  private constructor(
    readonly database: OpenedDatabase,
    clock: Clock,
  ) {
    const { db } = database;
    const now = () => clock.now().toISOString();
    this.outbox = new Outbox(database.sqlite, now);
    const patientWrites = new PatientWrites(database.sqlite, now, this.outbox);
    this.patients = new PatientStore(db, patientWrites);
    this.operators = new OperatorStore(db);
    this.enrollments = new EnrollmentStore(db);
    this.calls = new CallListStore(db, this.outbox);
    this.audit = new AuditLog(db, clock);
    this.settings = new SettingsStore(db);
    this.imports = new ImportStore(database.sqlite, patientWrites);
    this.pais = new PaiStore(db, database.sqlite);
    this.bookings = new BookingStore(db);
    this.providers = new ProviderStore(db);
    this.sync = new SyncStore(database.sqlite, now);
    this.syncReads = new SyncReads(database.sqlite);
  }

  /** `createAs`: the kind of archive a new database becomes (an existing one keeps its own). */
  static open(dataDir: string, clock: Clock, createAs: DataDirKind = 'clinic', keys?: KeyStore): Store {
    return new Store(openDatabase(dataDir, { createAs, now: () => clock.now(), keys }), clock);
  }

  /** A studio's archive, or a demo's fake patients. */
  get kind(): DataDirKind {
    return this.database.kind;
  }

  /**
   * Runs `work` in one IMMEDIATE transaction: everything it writes (the change, its audit entry,
   * its outbox item) commits together or not at all. Nested calls become savepoints.
   */
  transaction<T>(work: () => T): T {
    return this.database.sqlite.transaction(work).immediate();
  }

  close(): void {
    this.database.sqlite.close();
  }
}
