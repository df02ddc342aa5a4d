import type { AppInfo } from '../../shared/contract/app';
import type { Store } from '../store/store';

/** What is installed where: Impostazioni shows it, support asks for it. */
export class AppInfoService {
  constructor(
    private readonly store: Store,
    private readonly app: { name: string; version: string; dataDir: string },
  ) {}

  info(): AppInfo {
    return {
      name: this.app.name,
      mode: this.store.kind,
      version: this.app.version,
      dataDir: this.app.dataDir,
      databaseFile: this.store.database.file,
      schemaVersion: this.store.database.schemaVersion,
      patientCount: this.store.patients.count(),
    };
  }
}
