import type { appCalls } from '../../../shared/contract/app';
import type { AppInfoService } from '../../services/appInfoService';
import type { SetupService } from '../../services/setupService';
import type { HandlersOf } from './types';

export function appHandlers(s: { appInfo: AppInfoService; today: () => string; setup: SetupService }): HandlersOf<typeof appCalls> {
  return {
    'app.info': () => s.appInfo.info(),
    'clock.get': () => ({ today: s.today() }),
    'setup.checklist': () => s.setup.checklist(),
  };
}
