import { useEffect } from 'react';
import type { EnrollmentState } from '../../../shared/domain/enrollment';
import { ENROLLMENT_STATE_LABEL } from '../../../shared/domain/enrollment';
import { formatItalianDate } from '../../../shared/domain/dates';
import type { EnrollmentView } from '../../../shared/contract/enrollment';
import { useCall, useEvent } from '../api';
import { formatTimestamp } from '../dateInput';
import { stateTone } from '../enrollment';

/** The enrollment state as a coloured label; `data-state` carries the raw state ("none" without enrollment). */
export function StateBadge({ state, testId }: { state: EnrollmentState | null; testId?: string }) {
  return (
    <span className={`state state-${stateTone(state)}`} data-testid={testId} data-state={state ?? 'none'}>
      {state ? ENROLLMENT_STATE_LABEL[state] : 'Nessun arruolamento'}
    </span>
  );
}

/** What the two cards said at the registration: who registered, with which Tessera Sanitaria, when. */
export function EvidenceFacts({ evidence, testId }: { evidence: NonNullable<EnrollmentView['evidence']>; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      <div className="fact">
        <dt>Operatore (carta SISS)</dt>
        <dd className="mono" data-testid="evidence-operator">
          {evidence.operatorCodiceFiscale}
        </dd>
      </div>
      <div className="fact">
        <dt>Tessera Sanitaria</dt>
        <dd>
          <span className="mono" data-testid="evidence-card-serial">
            {evidence.patientCardSerial}
          </span>{' '}
          <span className="muted">(scadenza {formatItalianDate(evidence.patientCardExpiry)})</span>
        </dd>
      </div>
      <div className="fact">
        <dt>Registrato il</dt>
        <dd data-testid="evidence-time">{formatTimestamp(evidence.issuedAt)}</dd>
      </div>
    </dl>
  );
}

const DEADLINES_REFRESH_MS = 120_000;

/** deadlines.get, redone on every enrollments.changed and every two minutes (the day changes too). */
export function useDeadlines() {
  const deadlines = useCall('deadlines.get', {});
  const { reload } = deadlines;
  useEvent('enrollments.changed', reload);
  useEffect(() => {
    const timer = setInterval(reload, DEADLINES_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return deadlines;
}
