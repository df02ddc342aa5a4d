import { useEffect } from 'react';
import type { StatusSnapshot } from '../../../shared/api';
import { OPERATOR_ROLE_LABEL, OperatorRole } from '../../../shared/domain/operator';
import { useCall } from '../api';
import { patientCountText } from '../format';

const REFRESH_MS = 30_000;

function operatorText(operator: StatusSnapshot['operator']): string {
  if (!operator.available) return operator.reason;
  const role = OperatorRole.safeParse(operator.role);
  return `Operatore: ${operator.name} (${role.success ? OPERATOR_ROLE_LABEL[role.data] : operator.role})`;
}

/** Bottom bar: card readers, sync, operator and the number of patients, from the core. */
export function StatusBar({ patientCount }: { patientCount: number | null }) {
  const status = useCall('status.get', {});
  const { reload } = status;

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const snapshot = status.value;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Stato del sistema">
      {patientCount !== null && (
        <span className="status-item status-count" data-testid="status-patient-count">
          {patientCountText(patientCount)}
        </span>
      )}
      {status.error ? (
        <span className="status-item status-item-error" data-testid="status-error">
          {status.error.message}
        </span>
      ) : snapshot ? (
        <>
          <StatusItem available={snapshot.cardReaders.available} text={snapshot.cardReaders.reason} testId="status-cards" />
          <StatusItem available={snapshot.sync.available} text={snapshot.sync.reason} testId="status-sync" />
          <StatusItem available={snapshot.operator.available} text={operatorText(snapshot.operator)} testId="status-operator" />
        </>
      ) : (
        <span className="status-item">Lettura dello stato…</span>
      )}
    </footer>
  );
}

function StatusItem({ available, text, testId }: { available: boolean; text: string; testId: string }) {
  return (
    <span className={available ? 'status-item status-on' : 'status-item status-off'} data-testid={testId}>
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
