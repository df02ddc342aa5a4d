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
    'enrollment.printed': ({ enrollmentId, kind }) => s.enrollment.printed(enrollmentId, kind),
    'enrollment.sign': ({ enrollmentId, patto, privacy, privacyChoices }) => s.enrollment.sign(enrollmentId, { patto, privacy, privacyChoices }),
    'enrollment.attachScan': ({ enrollmentId, kind, fileName, base64 }) => s.enrollment.attachScan(enrollmentId, kind, fileName, Buffer.from(base64, 'base64')),
    'enrollment.scan': ({ scanId }) => s.enrollment.scan(scanId),
    'enrollment.withdraw': ({ enrollmentId, reason }) => s.enrollment.withdraw(enrollmentId, reason),
    'enrollment.renew': ({ enrollmentId }) => s.enrollment.renew(enrollmentId),
    'deadlines.get': () => s.deadlines.get(),
  };
}
