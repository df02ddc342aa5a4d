import type { enrollmentCalls } from '../../../shared/contract/enrollment';
import type { DeadlineService } from '../../services/deadlineService';
import type { EnrollmentService } from '../../services/enrollmentService';
import type { HandlersOf } from './types';

export function enrollmentHandlers(s: { enrollment: EnrollmentService; deadlines: DeadlineService }): HandlersOf<typeof enrollmentCalls> {
  return {
    'enrollment.get': ({ patientId }) => s.enrollment.get(patientId),
    'enrollment.list': ({ state }) => ({ enrollments: s.enrollment.list(state) }),
    'enrollment.register': ({ patientId }) => s.enrollment.register(patientId),
    'enrollment.document': ({ enrollmentId, kind }) => s.enrollment.document(enrollmentId, kind),
    'enrollment.sign': ({ enrollmentId, patto, privacy }) => s.enrollment.sign(enrollmentId, { patto, privacy }),
    'enrollment.withdraw': ({ enrollmentId, reason }) => s.enrollment.withdraw(enrollmentId, reason),
    'enrollment.renew': ({ enrollmentId }) => s.enrollment.renew(enrollmentId),
    'deadlines.get': () => s.deadlines.get(),
  };
}
