import { openDatabase, type OpenedDatabase } from './database';
import { OperatorStore } from './operatorStore';
import { PatientStore } from './patientStore';

/** The opened store with its repositories; one per process. */
export class Store {
  readonly patients: PatientStore;
  readonly operators: OperatorStore;

  private constructor(readonly database: OpenedDatabase) {
    this.patients = new PatientStore(database.db);
    this.operators = new OperatorStore(database.db);
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  close(): void {
    this.database.sqlite.close();
  }
}
