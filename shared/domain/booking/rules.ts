import type { PrestazioneKind } from '../catalogue';
import type { PriorityClass } from './model';

/** The longest wait each priority class allows, in days (U: 72 hours). */
export function maxWaitDays(priority: PriorityClass, kind: PrestazioneKind): number {
  switch (priority) {
    case 'U':
      return 3;
    case 'B':
      return 10;
    case 'D':
      return kind === 'visita' ? 30 : 60;
    case 'P':
      return 120;
  }
}
