import type { appCalls } from '../../../shared/contract/app';
import type { AppInfoService } from '../../services/appInfoService';
import type { SetupService } from '../../services/setupService';
import type { HandlersOf } from './types';

const NOT_YET = 'non ancora disponibile';

export function appHandlers(s: { appInfo: AppInfoService; today: () => string; setup: SetupService }): HandlersOf<typeof appCalls> {
  return {
    'app.info': () => s.appInfo.info(),
    'clock.get': () => ({ today: s.today() }),
    'status.get': () => ({ sync: { available: false, reason: `Sincronizzazione: ${NOT_YET}` } }),
    'setup.checklist': () => s.setup.checklist(),
  };
}
