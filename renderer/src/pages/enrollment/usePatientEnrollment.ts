import { useState } from 'react';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { useCall, useEvent } from '../../api';

/**
 * The patient and his current enrollment, reloaded when either changes. The answer of an action
 * is shown at once, until the reload that follows brings a newer answer.
 */
export function usePatientEnrollment(patientId: number) {
  const patient = useCall('patients.get', { id: patientId });
  const enrollment = useCall('enrollment.get', { patientId });
  const [latest, setLatest] = useState<{ view: EnrollmentView; basis: EnrollmentView | null } | null>(null);
  const reloadPatient = patient.reload;
  const reloadEnrollment = enrollment.reload;
  useEvent('enrollments.changed', (e) => {
    if (e.patientId === null || e.patientId === patientId) {
      reloadEnrollment();
      reloadPatient();
    }
  });

  return {
    patient,
    view: latest && latest.basis === enrollment.value ? latest.view : enrollment.value,
    enrollmentError: enrollment.error,
    reloadEnrollment,
    /** The first answer has come (or an action answered before it). */
    loaded: enrollment.value !== null || !enrollment.loading || latest !== null,
    changed: (view: EnrollmentView) => {
      setLatest({ view, basis: enrollment.value });
      reloadEnrollment();
    },
  };
}
