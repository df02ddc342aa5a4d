import { openDatabase, type OpenedDatabase } from './database';
import { PatientStore } from './patientStore';

/** The opened store with its repositories; one per process. */
export class Store {
  readonly patients: PatientStore;

  private constructor(readonly database: OpenedDatabase) {
    this.patients = new PatientStore(database.db);
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  close(): void {
    this.database.sqlite.close();
  }
}
