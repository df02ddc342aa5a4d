import type { CardsService } from '../../cards/cardsService';
import type { DemoCardsService } from '../../cards/demoCardsService';
import type { ImportService } from '../../importers/importService';
import type { PluginService } from '../../importers/pluginService';
import type { AppInfoService } from '../../services/appInfoService';
import type { Restored } from '../../services/archiveRestore';
import type { BackupService } from '../../services/backupService';
import type { CallListService } from '../../services/callListService';
import type { DeadlineService } from '../../services/deadlineService';
import type { DemoSeedService } from '../../services/demoSeedService';
import type { OperatorService } from '../../services/operatorService';
import type { EnrollmentService } from '../../services/enrollmentService';
import type { PatientService } from '../../services/patientService';
import type { PlaceService } from '../../services/placeService';
import type { RecoveryKeyService } from '../../services/recoveryKeyService';
import type { SetupService } from '../../services/setupService';
import type { WalkInService } from '../../services/walkInService';
import type { Catalogue } from '../../../shared/domain/catalogue';
import type { AdherenceService } from '../../services/adherenceService';
import type { BookingService } from '../../services/bookingService';
import type { PaiService } from '../../services/paiService';
import type { PlanDocumentService } from '../../services/planDocumentService';
import type { ReminderService } from '../../services/reminderService';
import type { ProviderService } from '../../services/providerService';
import type { SyncService } from '../../sync/syncService';
import { bookingHandlers } from './bookings';
import { paiHandlers } from './pai';
import { appHandlers } from './app';
import { backupHandlers } from './backup';
import { callListHandlers } from './calls';
import { cardHandlers } from './cards';
import { demoHandlers } from './demo';
import { enrollmentHandlers } from './enrollment';
import { importHandlers } from './import';
import { keyHandlers } from './keys';
import { operatorHandlers } from './operators';
import { patientHandlers } from './patients';
import { pluginHandlers } from './plugins';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';
import type { Handlers } from './types';
import { walkinHandlers } from './walkin';

export type { Handler, Handlers } from './types';

/** What the handlers work with: the core's services, never the store or the core itself. */
export interface Services {
  appInfo: AppInfoService;
  today: () => string;
  setup: SetupService;
  patients: PatientService;
  places: PlaceService;
  cards: CardsService;
  operators: OperatorService;
  backup: BackupService;
  /** Puts a backup of the chosen folder (by name) in place of the open archive; the operator then logs in again. */
  restore: (name: string, operatorCf: string | null) => Restored;
  recoveryKey: RecoveryKeyService;
  demoCards: DemoCardsService;
  demoSeed: DemoSeedService;
  walkIn: WalkInService;
  calls: CallListService;
  enrollment: EnrollmentService;
  deadlines: DeadlineService;
  importer: ImportService;
  plugins: PluginService;
  catalogue: Catalogue;
  pai: PaiService;
  bookings: BookingService;
  reminders: ReminderService;
  adherence: AdherenceService;
  providers: ProviderService;
  planDocuments: PlanDocumentService;
  sync: SyncService;
}

/** The contract implemented once, feature by feature; both transports and the CLI reach it through dispatch(). */
export function createHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s),
    ...patientHandlers(s),
    ...cardHandlers(s),
    ...demoHandlers(s),
    ...walkinHandlers(s),
    ...callListHandlers(s),
    ...enrollmentHandlers(s),
    ...settingsHandlers(s),
    ...importHandlers(s),
    ...operatorHandlers(s),
    ...backupHandlers(s),
    ...keyHandlers(s),
    ...pluginHandlers(s),
    ...paiHandlers(s),
    ...bookingHandlers(s),
    ...syncHandlers(s),
  };
}
