import type { settingsCalls } from '../../../shared/contract/settings';
import type { EnrollmentService } from '../../services/enrollmentService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function settingsHandlers(s: { enrollment: EnrollmentService }): HandlersOf<typeof settingsCalls> {
  return {
    'settings.studio.get': () => s.enrollment.studio(),
    'settings.studio.set': (settings, ctx) => s.enrollment.setStudio(settings, operatorCf(ctx)),
  };
}
