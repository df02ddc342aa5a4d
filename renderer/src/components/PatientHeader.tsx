import type { PatientDetail } from '../../../shared/contract/patients';
import { formatItalianDate } from '../../../shared/domain/dates';
import { ENROLLMENT_STATE_LABEL } from '../../../shared/domain/enrollment';
import { formatAge } from '../format';
import { patientHref } from '../router';
import { useToday } from '../today';
import { usePlaceName } from '../usePlace';
import { LevelBadge } from './LevelBadge';

interface Props {
  p: PatientDetail;
  /** data-testid of the header ("walkin-selected-patient"). */
  testId: string;
  /** data-testid of the link to the patient's page. */
  linkTestId?: string;
  /** Show where the enrollment stands (Accoglienza: before a letter is recorded). */
  withEnrollment?: boolean;
}

/** The patient a page works on: name, codice fiscale, birth, level, a link to his page. */
export function PatientHeader({ p, testId, linkTestId, withEnrollment = false }: Props) {
  const today = useToday();
  const place = usePlaceName(p.birthPlaceCode);
  return (
    <div className="selected-patient" data-testid={testId} data-patient-id={p.id}>
      <p className="selected-patient-name">
        {p.surname} {p.givenName}
      </p>
      <p className="selected-patient-facts">
        <span className="mono">{p.codiceFiscale}</span>
        <span>
          {p.sex === 'F' ? 'nata' : 'nato'} il {formatItalianDate(p.birthDate)}
          {place && ` a ${place}`} ({formatAge(p.birthDate, today)})
        </span>
        <LevelBadge level={p.chronicLevel} plain />
        {withEnrollment && p.enrollment && <span className="tag tag-todo">{ENROLLMENT_STATE_LABEL[p.enrollment.state]}</span>}
        <a href={patientHref(p.id)} data-testid={linkTestId}>
          Scheda paziente
        </a>
      </p>
    </div>
  );
}
